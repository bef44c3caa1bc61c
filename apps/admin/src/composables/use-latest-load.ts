import { ref, shallowRef } from 'vue';
import { toApiError, type ApiError } from '@/api/problem';

/**
 * Loads where only the latest call counts: when the user picks something else before an answer
 * arrives, the older answer must neither overwrite the newer one nor clear its loading flag. `work`
 * gets `isCurrent()` to check before storing what it loaded.
 */
export function useLatestLoad() {
  const loading = ref(false);
  const error = shallowRef<ApiError | null>(null);
  let seq = 0;

  async function run(work: (isCurrent: () => boolean) => Promise<void>): Promise<void> {
    const mine = ++seq;
    const isCurrent = () => mine === seq;
    error.value = null;
    loading.value = true;
    try {
      await work(isCurrent);
    } catch (e) {
      if (isCurrent()) error.value = toApiError(e);
    } finally {
      if (isCurrent()) loading.value = false;
    }
  }

  /** Forgets any load in flight (its answer will be ignored) without starting one. */
  function reset(): void {
    seq++;
    loading.value = false;
    error.value = null;
  }

  return { loading, error, run, reset };
}
