import { computed, onBeforeUnmount, ref, shallowRef, type Ref } from 'vue';
import { useApiConnection } from '@/api/client';
import type { CriterionImportReport } from '@/api/prioritisation';
import { toApiError, type ApiError } from '@/api/problem';
import { uploadWithProgress } from '@/api/upload';
import { toCsv } from '@/lib/csv';

export type CriteriaImportPhase = 'idle' | 'uploading' | 'processing' | 'done' | 'failed';

/** Largest file accepted before sending (the API has its own limit and answers 413 above it). */
export const CRITERIA_IMPORT_MAX_BYTES = 10 * 1024 * 1024;

/** The columns of a criterion-values CSV: the friction's ref, the criterion's key, the value (empty clears it). */
export const CRITERIA_IMPORT_COLUMNS = ['ref', 'criterion', 'value'] as const;

/** A template with the header and two example rows (machine format: comma, decimal point). */
export const criteriaTemplate = (): string =>
  toCsv(CRITERIA_IMPORT_COLUMNS, [
    ['FR-001', 'effort', 3],
    ['FR-002', 'effort', 0.5],
  ]);

/**
 * Bulk import of manual criterion values (CSV `ref,criterion,value`): the upload shows real
 * progress, then "processing" until the API answers with the counts and the rejected rows.
 */
export function useCriteriaImport(tenantId: Ref<string>) {
  const { session, baseUrl, acceptLanguage } = useApiConnection();
  const phase = ref<CriteriaImportPhase>('idle');
  const progress = ref(0);
  const report = shallowRef<CriterionImportReport | null>(null);
  const error = shallowRef<ApiError | null>(null);
  const fileName = ref('');
  let controller: AbortController | null = null;

  async function upload(file: File): Promise<void> {
    controller?.abort();
    const mine = (controller = new AbortController());
    fileName.value = file.name;
    report.value = null;
    error.value = null;
    progress.value = 0;
    phase.value = 'uploading';
    try {
      report.value = await uploadWithProgress<CriterionImportReport>({
        url: `${baseUrl}/v1/tenants/${encodeURIComponent(tenantId.value)}/frictions/criteria/import`,
        body: file,
        contentType: 'text/csv',
        session,
        language: acceptLanguage(),
        signal: mine.signal,
        onProgress: (loaded, total) => (progress.value = total > 0 ? Math.min(100, Math.round((loaded / total) * 100)) : 0),
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

  const cancel = () => controller?.abort();
  onBeforeUnmount(cancel);
  const busy = computed(() => phase.value === 'uploading' || phase.value === 'processing');
  return { phase, progress, report, error, fileName, busy, upload, cancel };
}
