import { reactive, ref, shallowRef, watch, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRumboClient } from '@/api/client';
import { call } from '@/api/problem';
import type { BulkStatusResult, FrictionSort, FrictionSummary } from '@/api/types';
import type { FrictionStatus } from '@/views/frictions/friction-status';
import { useAction } from './use-action';
import { useCursorPages } from './use-cursor-pages';
import { downloadBlob } from './use-maturity-results';
import { useRowAction } from './use-row-action';
import { SEARCH_DEBOUNCE_MS } from './use-tenant-search';

export const FRICTIONS_PAGE = 25;

/** The orders the list offers (the API's `sort`), most useful first. */
export const FRICTION_SORTS = ['-annualCost', 'annualCost', 'title', '-updatedAt'] as const satisfies readonly FrictionSort[];

export interface FrictionFilters {
  status: FrictionStatus | '';
  area: string;
  tag: string;
  ownerId: string;
  /** Title, description, service or ref. */
  q: string;
}

/**
 * A tenant's frictions: filtered, sorted and paged (keyset), the status of one changed in place
 * (the transition the API allows), many changed at once (the API reports each one it refused), and
 * the whole set exported as the API's CSV or JSON (the file the import takes back unchanged).
 */
export function useFrictions(tenantId: Ref<string>) {
  const client = useRumboClient();
  const { t } = useI18n();
  const filters = reactive<FrictionFilters>({ status: '', area: '', tag: '', ownerId: '', q: '' });
  const sort = ref<FrictionSort>('-annualCost');

  const pages = useCursorPages<FrictionSummary>(async (cursor) => {
    const { data } = await call(
      client.GET('/v1/tenants/{tenantId}/frictions', {
        params: {
          path: { tenantId: tenantId.value },
          query: {
            limit: FRICTIONS_PAGE,
            cursor,
            sort: sort.value,
            status: filters.status || undefined,
            area: filters.area || undefined,
            tag: filters.tag.trim() || undefined,
            ownerId: filters.ownerId || undefined,
            q: filters.q.trim() || undefined,
          },
        },
      }),
    );
    return data;
  });

  // Typed filters wait for a pause; chosen ones apply at once.
  let timer: ReturnType<typeof setTimeout> | undefined;
  watch([() => filters.q, () => filters.tag], () => {
    clearTimeout(timer);
    timer = setTimeout(() => void pages.reload(), SEARCH_DEBOUNCE_MS);
  });
  watch([() => filters.status, () => filters.area, () => filters.ownerId, sort, tenantId], () => void pages.reload());

  const row = useRowAction(() => pages.refresh());

  /** One friction to another status; the page is read again either way. */
  function changeStatus(friction: Pick<FrictionSummary, 'id' | 'title'>, status: FrictionStatus): Promise<boolean> {
    return row.run(
      friction.id,
      () =>
        call(
          client.POST('/v1/tenants/{tenantId}/frictions/{frictionId}/status', {
            params: { path: { tenantId: tenantId.value, frictionId: friction.id } },
            body: { status },
          }),
        ),
      () => t('frictions.list.statusChanged', { title: friction.title, status: t(`frictions.status.${status}`) }),
    );
  }

  /** The answer of the last bulk change: which moved, which the API refused and why. */
  const bulkResult = shallowRef<BulkStatusResult | null>(null);
  const bulk = useAction(
    async (ids: string[], status: FrictionStatus) => {
      const { data } = await call(
        client.POST('/v1/tenants/{tenantId}/frictions/status', { params: { path: { tenantId: tenantId.value } }, body: { ids, status } }),
      );
      bulkResult.value = data;
      await pages.refresh();
      return data;
    },
    {
      success: (result, _ids, status) =>
        t('frictions.bulk.done', {
          count: result.updated.length,
          rejected: result.rejected.length,
          status: t(`frictions.status.${status}`),
        }),
    },
  );

  const exporting = useAction(
    async (format: 'csv' | 'json', fileStem: string) => {
      const { data } = await call(
        client.GET('/v1/tenants/{tenantId}/frictions/export', {
          params: { path: { tenantId: tenantId.value }, query: { format } },
          parseAs: 'blob',
        }),
      );
      downloadBlob(`${fileStem}.${format}`.replace(/[^\w.-]+/g, '_'), data as Blob);
      return format;
    },
    { success: (format) => t('frictions.export.done', { format: format.toUpperCase() }) },
  );

  return {
    ...pages,
    filters,
    sort,
    busyId: row.busyId,
    actionError: row.error,
    changeStatus,
    bulk,
    bulkResult,
    exporting,
  };
}
