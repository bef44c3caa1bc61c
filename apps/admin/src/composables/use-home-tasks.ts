import { computed, shallowRef, watch, type Ref } from 'vue';
import { useRumboClient } from '@/api/client';
import { call, toApiError, type ApiError } from '@/api/problem';
import type { Assessment, DescendantRow, DescendantSummary, Tenant } from '@/api/types';
import { fetchDescendants } from './use-descendants';
import { useLatestLoad } from './use-latest-load';

/** How many items of each kind the home page lists before linking to the full screen. */
export const HOME_LIST = 5;

/**
 * What the signed-in person can do now in the organisation they work on: its drafts to continue,
 * its assessments waiting for validation (administrators), and for a parent the organisations below
 * with drafts, waiting for validation or not started. Each part fails on its own: the rest still shows.
 */
export function useHomeTasks(tenant: Ref<Tenant | null>, can: { write: () => boolean; admin: () => boolean }) {
  const client = useRumboClient();
  const drafts = shallowRef<Assessment[]>([]);
  const awaiting = shallowRef<Assessment[]>([]);
  const below = shallowRef<{ summary: DescendantSummary; period: string; drafts: DescendantRow[]; awaiting: DescendantRow[] } | null>(null);
  const belowError = shallowRef<ApiError | null>(null);
  const { loading, error, run } = useLatestLoad();

  const own = (status: 'draft' | 'submitted', tenantId: string) =>
    call(client.GET('/v1/tenants/{tenantId}/assessments', { params: { path: { tenantId }, query: { status, limit: HOME_LIST } } })).then(
      ({ data }) => data.data,
    );

  async function loadBelow(t: Tenant): Promise<void> {
    belowError.value = null;
    below.value = null;
    if (t.childCount === 0) return;
    try {
      const [overview, draftsBelow, awaitingBelow] = await Promise.all([
        fetchDescendants(client, t.id, { limit: 1 }),
        can.write() ? fetchDescendants(client, t.id, { status: 'draft', limit: HOME_LIST }) : null,
        can.admin() ? fetchDescendants(client, t.id, { status: 'submitted', limit: HOME_LIST }) : null,
      ]);
      below.value = {
        summary: overview.summary,
        period: overview.period,
        drafts: draftsBelow?.data ?? [],
        awaiting: awaitingBelow?.data ?? [],
      };
    } catch (e) {
      belowError.value = toApiError(e);
    }
  }

  function load(): Promise<void> {
    drafts.value = [];
    awaiting.value = [];
    const t = tenant.value;
    if (!t) return Promise.resolve();
    return run(async (isCurrent) => {
      const [d, a] = await Promise.all([own('draft', t.id), can.admin() ? own('submitted', t.id) : Promise.resolve([])]);
      if (!isCurrent()) return;
      drafts.value = d;
      awaiting.value = a;
      await loadBelow(t);
    });
  }

  watch(
    () => tenant.value?.id,
    () => void load(),
    { immediate: true },
  );

  const nothingToDo = computed(
    () =>
      !loading.value &&
      !drafts.value.length &&
      !awaiting.value.length &&
      !(below.value && (below.value.drafts.length || below.value.awaiting.length || below.value.summary.notStarted)),
  );

  return { drafts, awaiting, below, belowError, loading, error, nothingToDo, reload: load };
}
