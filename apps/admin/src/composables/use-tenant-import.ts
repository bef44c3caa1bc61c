import type { Ref } from 'vue';
import type { ImportRejection, ImportReport } from '@/api/types';
import { BULK_IMPORT_MAX_BYTES, rejectedCsv, useBulkImport } from './use-bulk-import';

/** Largest file accepted before sending (the API has its own limit and answers 413 above it). */
export const IMPORT_MAX_BYTES = BULK_IMPORT_MAX_BYTES;

/** CSV import into a tenant, with upload progress and the report of every rejected row. */
export function useTenantImport(tenantId: Ref<string>) {
  return useBulkImport<ImportReport>(() => ({
    path: `/v1/tenants/${encodeURIComponent(tenantId.value)}/import`,
    contentType: 'text/csv',
  }));
}

/** The columns of the rejected rows' report, in order (their headers are translated: `import.csv.<column>`). */
export const REJECTED_CSV_COLUMNS = ['row', 'tenantCode', 'field', 'code', 'message'] as const;

/**
 * The rejected rows as a CSV for people, in the UI language: row, the tenant's code, the column
 * at fault, the stable reason code and the API's message.
 */
export function rejectedRowsCsv(
  rejected: readonly ImportRejection[],
  locale: string,
  header: (column: (typeof REJECTED_CSV_COLUMNS)[number]) => string,
): string {
  return rejectedCsv(REJECTED_CSV_COLUMNS, rejected, locale, header);
}
