import type { Ref } from 'vue';
import type { FrictionImportRejection, FrictionImportReport } from '@/api/types';
import { BULK_IMPORT_MAX_BYTES, rejectedCsv, useBulkImport } from './use-bulk-import';

/** Largest file accepted before sending (the API has its own limit and answers 413 above it). */
export const FRICTIONS_IMPORT_MAX_BYTES = BULK_IMPORT_MAX_BYTES;

/** The media type the API reads the file as: JSON for `.json`, CSV otherwise. */
export const importContentType = (file: File): string =>
  file.name.toLowerCase().endsWith('.json') || file.type === 'application/json' ? 'application/json' : 'text/csv';

/**
 * Frictions from a CSV or JSON file (the export's format), with upload progress and the rejected
 * rows (good rows are stored; re-importing the same file changes nothing, rows are matched on `ref`).
 */
export function useFrictionsImport(tenantId: Ref<string>) {
  return useBulkImport<FrictionImportReport>((file) => ({
    path: `/v1/tenants/${encodeURIComponent(tenantId.value)}/frictions/import`,
    contentType: importContentType(file),
  }));
}

/** Columns of the rejected rows' report (headers translated: `frictions.import.csv.<column>`). */
export const FRICTION_REJECTED_COLUMNS = ['row', 'ref', 'field', 'code', 'message'] as const;

/** The rejected rows as a CSV for people, in the UI language (`;` and decimal comma in Spanish). */
export function frictionRejectedCsv(
  rejected: readonly FrictionImportRejection[],
  locale: string,
  header: (column: (typeof FRICTION_REJECTED_COLUMNS)[number]) => string,
): string {
  return rejectedCsv(FRICTION_REJECTED_COLUMNS, rejected, locale, header);
}
