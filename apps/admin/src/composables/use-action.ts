import { ref, shallowRef } from 'vue';
import { toApiError, type ApiError } from '@/api/problem';
import { useAnnouncer } from '@/stores/announcer';

export type ActionOutcome<R> = { ok: true; value: R } | { ok: false; error: ApiError };

export interface ActionOptions<A extends unknown[], R> {
  /** What to announce once it worked (null: nothing to say); in the UI language. */
  success?: (result: R, ...args: A) => string | null;
}

/**
 * One thing a person does on a screen (save, validate, publish…): `busy` while it runs (for the
 * button's spinner; a second run waits for none, the button is disabled meanwhile), `error` as the
 * API's problem for `ProblemMessage`, and the success said in the app's live region. Every later
 * screen runs its writes through this, so none forgets the spinner, the error or the announcement.
 */
export function useAction<A extends unknown[], R>(work: (...args: A) => Promise<R>, options: ActionOptions<A, R> = {}) {
  const announcer = useAnnouncer();
  const busy = ref(false);
  const error = shallowRef<ApiError | null>(null);

  async function run(...args: A): Promise<ActionOutcome<R>> {
    busy.value = true;
    error.value = null;
    try {
      const value = await work(...args);
      const text = options.success?.(value, ...args);
      if (text) announcer.announce(text);
      return { ok: true, value };
    } catch (e) {
      error.value = toApiError(e);
      return { ok: false, error: error.value };
    } finally {
      busy.value = false;
    }
  }

  /** Forgets the last error (the form was edited, the dialog closed). */
  function reset(): void {
    error.value = null;
  }

  return { busy, error, run, reset };
}
