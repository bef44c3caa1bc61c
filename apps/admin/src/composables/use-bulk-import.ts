import { computed, onBeforeUnmount, ref, shallowRef, watchEffect, type Ref } from 'vue';
import { useApiConnection } from '@/api/client';
import { toApiError, type ApiError } from '@/api/problem';
import { uploadWithProgress } from '@/api/upload';
import { toLocaleCsv } from '@/lib/csv';

export type ImportPhase = 'idle' | 'uploading' | 'processing' | 'done' | 'failed';

/** Largest file accepted before sending (the API has its own limit and answers 413 above it). */
export const BULK_IMPORT_MAX_BYTES = 10 * 1024 * 1024;

/** What every bulk route answers: the counts and the rejected rows (`platform/bulk/bulk-pipeline.ts`). */
export interface BulkImportReport<Rejection = unknown> {
  created: number;
  updated: number;
  unchanged: number;
  rejected: readonly Rejection[];
}

/** Where a file goes: the path under the API's base URL and the media type it is read as. */
export interface BulkImportTarget {
  path: string;
  contentType: string;
}

/**
 * A bulk import of one file: the upload shows real progress (XMLHttpRequest upload events), then an
 * indeterminate "processing" state until the API answers with the counts and the rejected rows.
 * A new upload cancels the one in flight; leaving the screen cancels it too.
 */
export function useBulkImport<Report extends BulkImportReport>(target: (file: File) => BulkImportTarget) {
  const { session, baseUrl, acceptLanguage } = useApiConnection();
  const phase = ref<ImportPhase>('idle');
  /** 0–100 while uploading. */
  const progress = ref(0);
  const report = shallowRef<Report | null>(null);
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
    const { path, contentType } = target(file);
    try {
      report.value = await uploadWithProgress<Report>({
        url: `${baseUrl}${path}`,
        body: file,
        contentType,
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

/** What a screen reads of an import (`useBulkImport`'s answer), for any report with these rejections. */
export interface BulkImportState<Rejection = unknown> {
  phase: Readonly<Ref<ImportPhase>>;
  progress: Readonly<Ref<number>>;
  report: Readonly<Ref<BulkImportReport<Rejection> | null>>;
  error: Readonly<Ref<ApiError | null>>;
  fileName: Readonly<Ref<string>>;
  busy: Readonly<Ref<boolean>>;
  upload: (file: File) => Promise<void>;
  cancel: () => void;
}

/**
 * Rejected rows as a CSV for people to read in a spreadsheet, in the UI language: translated
 * headers, and in Spanish `;` between fields and a decimal comma (see `toLocaleCsv`). One column
 * per key, in order; a missing value is an empty field.
 */
export function rejectedCsv<Rejection, Column extends keyof Rejection & string>(
  columns: readonly Column[],
  rejected: readonly Rejection[],
  locale: string,
  header: (column: Column) => string,
): string {
  return toLocaleCsv(
    locale,
    columns.map(header),
    rejected.map((r) => columns.map((c) => r[c] ?? '')),
  );
}

/**
 * A download that is a real link to an in-memory CSV (an object URL): made again when the text
 * changes, released when replaced or when the screen is left. `null` text gives no link ('').
 */
export function useCsvObjectUrl(text: () => string | null) {
  const url = ref('');
  watchEffect(() => {
    const next = text();
    if (url.value) URL.revokeObjectURL(url.value);
    url.value = next === null ? '' : URL.createObjectURL(new Blob([next], { type: 'text/csv;charset=utf-8' }));
  });
  onBeforeUnmount(() => {
    if (url.value) URL.revokeObjectURL(url.value);
  });
  return url;
}
