import { ref, shallowRef } from 'vue';
import { toApiError, type ApiError } from '@/api/problem';
import type { AnswerInput, AnswerRejection, AnswersResult } from '@/api/types';

export type { AnswerInput };

/** What a save needs to report: the contract's rejected answers (`row` counts from 1 in the request). */
export type SaveResult = Pick<AnswersResult, 'rejected'>;

/** The question a rejection is about: its own key, else the answer at its row (from 1) of the batch. */
export function rejectedKey(rejection: AnswerRejection, batch: readonly AnswerInput[]): string | null {
  return rejection.questionKey ?? batch[rejection.row - 1]?.questionKey ?? null;
}

export type SaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

/**
 * Debounced saving of answers: changes are collected per question and sent together after `delay`
 * ms of quiet (one request at a time; the latest change of a question wins). Rejected answers are
 * kept by question key with the API's message; a failed request keeps its answers queued for retry.
 */
export function useAutosave(save: (answers: AnswerInput[]) => Promise<SaveResult>, delay = 800) {
  const status = ref<SaveStatus>('idle');
  const error = shallowRef<ApiError | null>(null);
  const rejected = ref<Record<string, string>>({});
  const pending = new Map<string, AnswerInput>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;

  function queue(answer: AnswerInput): void {
    pending.set(answer.questionKey, answer);
    status.value = 'pending';
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void flush(), delay);
  }

  async function run(): Promise<void> {
    const batch = [...pending.values()];
    pending.clear();
    status.value = 'saving';
    error.value = null;
    try {
      const result = await save(batch);
      const next = { ...rejected.value };
      for (const a of batch) delete next[a.questionKey];
      for (const r of result.rejected) {
        const key = rejectedKey(r, batch);
        if (key) next[key] = r.message;
      }
      rejected.value = next;
      status.value = pending.size ? 'pending' : result.rejected.length ? 'error' : 'saved';
    } catch (e) {
      // Keep what failed unless a newer change of the same question came in meanwhile.
      for (const a of batch) if (!pending.has(a.questionKey)) pending.set(a.questionKey, a);
      error.value = toApiError(e);
      status.value = 'error';
    }
  }

  /** Sends whatever is queued now and waits until every save has finished. */
  async function flush(): Promise<void> {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    while (running) await running;
    if (!pending.size) return;
    running = run().finally(() => {
      running = null;
    });
    await running;
    if (pending.size && status.value !== 'error') await flush();
  }

  const hasPending = () => pending.size > 0 || running !== null;

  function dispose(): void {
    if (timer) clearTimeout(timer);
  }

  return { status, error, rejected, queue, flush, hasPending, dispose };
}
