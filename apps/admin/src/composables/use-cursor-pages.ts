import { computed, ref, shallowRef, type Ref, type ShallowRef } from 'vue';
import { toApiError, type ApiError } from '@/api/problem';
import type { Page } from '@/api/types';

export interface CursorPages<T> {
  items: ShallowRef<T[]>;
  loading: Ref<boolean>;
  error: ShallowRef<ApiError | null>;
  /** 1-based number of the page shown. */
  pageNumber: Ref<number>;
  hasNext: Ref<boolean>;
  hasPrevious: Ref<boolean>;
  /** Back to the first page (after a filter change or a write). */
  reload: () => Promise<void>;
  /** Re-reads the page shown (after a change to one of its rows). */
  refresh: () => Promise<void>;
  next: () => Promise<void>;
  previous: () => Promise<void>;
}

/**
 * Page-by-page navigation of a keyset-paginated list: the API hands out opaque `nextCursor`s, so
 * going back means remembering the cursors of the pages already seen. A newer request always wins
 * over an older one still in flight (fast typing in a search box).
 */
export function useCursorPages<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): CursorPages<T> {
  const items = shallowRef<T[]>([]);
  const loading = ref(false);
  const error = shallowRef<ApiError | null>(null);
  /** cursors[i] opens page i+1 (undefined for the first page). */
  const cursors = ref<(string | undefined)[]>([undefined]);
  const index = ref(0);
  const nextCursor = ref<string | null>(null);
  let seq = 0;

  async function show(at: number): Promise<void> {
    const mine = ++seq;
    loading.value = true;
    error.value = null;
    try {
      const page = await fetchPage(cursors.value[at]);
      if (mine !== seq) return;
      items.value = page.data;
      index.value = at;
      nextCursor.value = page.nextCursor;
      cursors.value = [...cursors.value.slice(0, at + 1), ...(page.nextCursor ? [page.nextCursor] : [])];
    } catch (e) {
      if (mine !== seq) return;
      error.value = toApiError(e);
    } finally {
      if (mine === seq) loading.value = false;
    }
  }

  return {
    items,
    loading,
    error,
    pageNumber: computed(() => index.value + 1),
    hasNext: computed(() => nextCursor.value !== null),
    hasPrevious: computed(() => index.value > 0),
    reload: () => {
      cursors.value = [undefined];
      return show(0);
    },
    refresh: () => show(index.value),
    next: () => (nextCursor.value ? show(index.value + 1) : Promise.resolve()),
    previous: () => (index.value > 0 ? show(index.value - 1) : Promise.resolve()),
  };
}
