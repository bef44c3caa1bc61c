import { computed, onBeforeUnmount, ref, shallowRef, type Ref } from 'vue';
import { useApiConnection } from '@/api/client';
import { toApiError, type ApiError } from '@/api/problem';
import type { ImportRejection, ImportReport } from '@/api/types';
import { uploadWithProgress } from '@/api/upload';
import { toLocaleCsv } from '@/lib/csv';

export type ImportPhase = 'idle' | 'uploading' | 'processing' | 'done' | 'failed';

/** Largest file accepted before sending (the API has its own limit and answers 413 above it). */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

/**
 * CSV import into a tenant: the upload shows real progress (XMLHttpRequest upload events), then an
 * indeterminate "processing" state until the API answers with the counts and the rejected rows.
 */
export function useTenantImport(tenantId: Ref<string>) {
  const { session, baseUrl, acceptLanguage } = useApiConnection();
  const phase = ref<ImportPhase>('idle');
  /** 0–100 while uploading. */
  const progress = ref(0);
  const report = shallowRef<ImportReport | null>(null);
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
      report.value = await uploadWithProgress<ImportReport>({
        url: `${baseUrl}/v1/tenants/${encodeURIComponent(tenantId.value)}/import`,
        body: file,
        contentType: 'text/csv',
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

/** The columns of the rejected rows' report, in order (their headers are translated: `import.csv.<column>`). */
export const REJECTED_CSV_COLUMNS = ['row', 'tenantCode', 'field', 'code', 'message'] as const;

/**
 * The rejected rows as a CSV for people to read in a spreadsheet, in the UI language: translated
 * headers, and in Spanish `;` between fields (see `toLocaleCsv`). Row, the tenant's code, the
 * column at fault, the stable reason code and the API's message.
 */
export function rejectedRowsCsv(
  rejected: readonly ImportRejection[],
  locale: string,
  header: (column: (typeof REJECTED_CSV_COLUMNS)[number]) => string,
): string {
  return toLocaleCsv(
    locale,
    REJECTED_CSV_COLUMNS.map(header),
    rejected.map((r) => [r.row, r.tenantCode ?? '', r.field ?? '', r.code, r.message]),
  );
}
