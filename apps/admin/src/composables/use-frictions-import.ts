import { computed, onBeforeUnmount, ref, shallowRef, type Ref } from 'vue';
import { useApiConnection } from '@/api/client';
import { toApiError, type ApiError } from '@/api/problem';
import type { FrictionImportRejection, FrictionImportReport } from '@/api/types';
import { uploadWithProgress } from '@/api/upload';
import { toLocaleCsv } from '@/lib/csv';
import type { ImportPhase } from './use-tenant-import';

/** Largest file accepted before sending (the API has its own limit and answers 413 above it). */
export const FRICTIONS_IMPORT_MAX_BYTES = 10 * 1024 * 1024;

/** The media type the API reads the file as: JSON for `.json`, CSV otherwise. */
export const importContentType = (file: File): string =>
  file.name.toLowerCase().endsWith('.json') || file.type === 'application/json' ? 'application/json' : 'text/csv';

/**
 * Frictions from a CSV or JSON file (the export's format): the upload shows real progress, then an
 * indeterminate "processing" state until the API answers with the counts and the rejected rows
 * (good rows are stored; re-importing the same file changes nothing, rows are matched on `ref`).
 */
export function useFrictionsImport(tenantId: Ref<string>) {
  const { session, baseUrl, acceptLanguage } = useApiConnection();
  const phase = ref<ImportPhase>('idle');
  const progress = ref(0);
  const report = shallowRef<FrictionImportReport | null>(null);
  const error = shallowRef<ApiError | null>(null);
  const fileName = ref('');
  let controller: AbortController | null = null;

  const busy = computed(() => phase.value === 'uploading' || phase.value === 'processing');

  async function upload(file: File): Promise<void> {
    controller?.abort();
    const mine = (controller = new AbortController());
    fileName.value = file.name;
    report.value = null;
    error.value = null;
    progress.value = 0;
    phase.value = 'uploading';
    try {
      report.value = await uploadWithProgress<FrictionImportReport>({
        url: `${baseUrl}/v1/tenants/${encodeURIComponent(tenantId.value)}/frictions/import`,
        body: file,
        contentType: importContentType(file),
        session,
        language: acceptLanguage(),
        signal: mine.signal,
        onProgress: (loaded, total) => {
          progress.value = total > 0 ? Math.min(100, Math.round((loaded / total) * 100)) : 0;
        },
        onUploaded: () => {
          progress.value = 100;
          phase.value = 'processing';
        },
      });
      phase.value = 'done';
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') {
        phase.value = 'idle';
        return;
      }
      error.value = toApiError(e);
      phase.value = 'failed';
    } finally {
      if (controller === mine) controller = null;
    }
  }

  function cancel(): void {
    controller?.abort();
  }
  onBeforeUnmount(cancel);

  return { phase, progress, report, error, fileName, busy, upload, cancel };
}

/** Columns of the rejected rows' report (headers translated: `frictions.import.csv.<column>`). */
export const FRICTION_REJECTED_COLUMNS = ['row', 'ref', 'field', 'code', 'message'] as const;

/** The rejected rows as a CSV for people, in the UI language (`;` and decimal comma in Spanish). */
export function frictionRejectedCsv(
  rejected: readonly FrictionImportRejection[],
  locale: string,
  header: (column: (typeof FRICTION_REJECTED_COLUMNS)[number]) => string,
): string {
  return toLocaleCsv(
    locale,
    FRICTION_REJECTED_COLUMNS.map(header),
    rejected.map((r) => [r.row, r.ref ?? '', r.field ?? '', r.code, r.message]),
  );
}
