import type { RumboJsonClient } from '@rumbo/api-client';
import { reactive, ref, shallowRef, watch, type Ref } from 'vue';
import { useRumboClient, type RumboClient } from '@/api/client';
import { call } from '@/api/problem';
import type { DescendantRow, DescendantsPage, DescendantsQuery, DescendantStatus, DescendantSummary, TenantKind } from '@/api/types';
import { useAction } from './use-action';
import { useCursorPages } from './use-cursor-pages';
import { SEARCH_DEBOUNCE_MS } from './use-tenant-search';

export const DESCENDANTS_PAGE = 25;

/** One page of the descendants' overview (listDescendantAssessments, JSON). */
export async function fetchDescendants(client: RumboClient, tenantId: string, query: DescendantsQuery): Promise<DescendantsPage> {
  // The operation answers JSON or CSV: this call reads (and, by default, asks for) the JSON one.
  const json = client as RumboJsonClient;
  const { data } = await call(json.GET('/v1/tenants/{tenantId}/assessments/descendants', { params: { path: { tenantId }, query } }));
  return data;
}

/**
 * Every matching row as the API's CSV (Accept: text/csv): headers, statuses and kinds in the UI
 * language, `;` and a decimal comma in Spanish. Through the same session fetch as every call, and
 * kept as the bytes that came (decoding it as text would drop the byte-order mark spreadsheets need).
 */
export async function fetchDescendantsCsv(
  client: RumboClient,
  tenantId: string,
  query: Omit<DescendantsQuery, 'limit' | 'cursor'>,
): Promise<Blob> {
  const { data } = await call(
    client.GET('/v1/tenants/{tenantId}/assessments/descendants', {
      params: { path: { tenantId }, query },
      headers: { Accept: 'text/csv' },
      parseAs: 'blob',
    }),
  );
  return data;
}

export interface DescendantFilters {
  /** A year; empty = the API's default (the latest year any of them assessed). */
  period: string;
  status: DescendantStatus | '';
  kind: TenantKind | '';
  /** Name or code, accents and case ignored. */
  q: string;
}

/**
 * A parent's overview of every organisation below it, by name: each one's assessment of the year
 * (or none yet), filtered and paged, the counts by status over the whole filtered set, and the
 * same rows as the API's CSV. A region reading its own municipalities, not a peer benchmark.
 */
export function useDescendants(tenantId: Ref<string>) {
  const client = useRumboClient();
  const filters = reactive<DescendantFilters>({ period: '', status: '', kind: '', q: '' });
  const summary = shallowRef<DescendantSummary | null>(null);
  /** The year the API answered for (its default when none was asked). */
  const period = ref('');

  const query = () => ({
    period: filters.period.trim() || undefined,
    status: filters.status || undefined,
    kind: filters.kind || undefined,
    q: filters.q.trim() || undefined,
  });

  const pages = useCursorPages<DescendantRow>(async (cursor) => {
    const page = await fetchDescendants(client, tenantId.value, { ...query(), limit: DESCENDANTS_PAGE, cursor });
    summary.value = page.summary;
    period.value = page.period;
    return page;
  });

  let timer: ReturnType<typeof setTimeout> | undefined;
  watch(
    () => filters.q,
    () => {
      clearTimeout(timer);
      timer = setTimeout(() => void pages.reload(), SEARCH_DEBOUNCE_MS);
    },
  );
  watch([() => filters.status, () => filters.kind, tenantId], () => void pages.reload());

  /** Applies the year (typed, so applied on submit rather than on every keystroke). */
  function apply(): Promise<void> {
    clearTimeout(timer);
    return pages.reload();
  }

  const exporting = useAction(() => fetchDescendantsCsv(client, tenantId.value, { ...query(), period: query().period ?? period.value }));

  return { ...pages, filters, summary, period, apply, exportCsv: exporting.run, exporting: exporting.busy, exportError: exporting.error };
}
