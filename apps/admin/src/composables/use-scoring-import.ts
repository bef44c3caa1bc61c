import type { Ref } from 'vue';
import type { CriterionImportReport } from '@/api/prioritisation';
import { toCsv } from '@/lib/csv';
import { BULK_IMPORT_MAX_BYTES, useBulkImport } from './use-bulk-import';

/** Largest file accepted before sending (the API has its own limit and answers 413 above it). */
export const CRITERIA_IMPORT_MAX_BYTES = BULK_IMPORT_MAX_BYTES;

/** The columns of a criterion-values CSV: the friction's ref, the criterion's key, the value (empty clears it). */
export const CRITERIA_IMPORT_COLUMNS = ['ref', 'criterion', 'value'] as const;

/** A template with the header and two example rows (machine format: comma, decimal point). */
export const criteriaTemplate = (): string =>
  toCsv(CRITERIA_IMPORT_COLUMNS, [
    ['FR-001', 'effort', 3],
    ['FR-002', 'effort', 0.5],
  ]);

/** Bulk import of manual criterion values (CSV `ref,criterion,value`), with upload progress and the rejected rows. */
export function useCriteriaImport(tenantId: Ref<string>) {
  return useBulkImport<CriterionImportReport>(() => ({
    path: `/v1/tenants/${encodeURIComponent(tenantId.value)}/frictions/criteria/import`,
    contentType: 'text/csv',
  }));
}
