import { computed, onBeforeUnmount, ref, shallowRef, watch } from 'vue';
import { useRumboClient } from '@/api/client';
import { call, toApiError, type ApiError } from '@/api/problem';
import type { TenantSummary } from '@/api/types';

export const TENANT_SEARCH_PAGE = 20;
export const SEARCH_DEBOUNCE_MS = 250;

/**
 * Flat search across every tenant the user can open (`GET /v1/tenants?search=`), debounced, with
 * "more results" by cursor: with thousands of tenants, typing a few letters is the fast path.
 */
export function useTenantSearch() {
  const client = useRumboClient();
  const query = ref('');
  const results = shallowRef<TenantSummary[]>([]);
  const nextCursor = ref<string | null>(null);
  const loading = ref(false);
  const error = shallowRef<ApiError | null>(null);
  /** The query the results belong to (announced with the count). */
  const searched = ref('');
  let seq = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const active = computed(() => query.value.trim().length > 0);

  async function fetchPage(search: string, cursor?: string): Promise<void> {
    const mine = ++seq;
    loading.value = true;
    error.value = null;
    try {
      const { data } = await call(client.GET('/v1/tenants', { params: { query: { search, limit: TENANT_SEARCH_PAGE, cursor } } }));
      if (mine !== seq) return;
      results.value = cursor ? [...results.value, ...data.data] : data.data;
      nextCursor.value = data.nextCursor;
      searched.value = search;
    } catch (e) {
      if (mine === seq) error.value = toApiError(e);
    } finally {
      if (mine === seq) loading.value = false;
    }
  }

  /** Searches now (Enter in the box) instead of waiting for the debounce. */
  function searchNow(): Promise<void> {
    clearTimeout(timer);
    const search = query.value.trim();
    if (!search) {
      seq++;
      results.value = [];
      nextCursor.value = null;
      searched.value = '';
      loading.value = false;
      return Promise.resolve();
    }
    return fetchPage(search);
  }

  function loadMore(): Promise<void> {
    return nextCursor.value ? fetchPage(searched.value, nextCursor.value) : Promise.resolve();
  }

  watch(query, () => {
    clearTimeout(timer);
    timer = setTimeout(() => void searchNow(), SEARCH_DEBOUNCE_MS);
  });
  onBeforeUnmount(() => clearTimeout(timer));

  return { query, results, nextCursor, loading, error, searched, active, searchNow, loadMore };
}
