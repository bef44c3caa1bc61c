import { ref, shallowRef } from 'vue';
import { toApiError, type ApiError } from '@/api/problem';

/**
 * One change at a time on the rows of a list (change a role, revoke, remove): which row is busy,
 * the error of the last change, and a refresh of the page afterwards. The page is refreshed after a
 * failure too, since a refusal often means the row changed elsewhere (someone else removed it).
 */
export function useRowAction(refresh: () => Promise<void>) {
  /** Id of the row being changed. */
  const busyId = ref<string | null>(null);
  const error = shallowRef<ApiError | null>(null);

  async function run(id: string, work: () => Promise<unknown>): Promise<boolean> {
    busyId.value = id;
    error.value = null;
    try {
      await work();
      await refresh();
      return true;
    } catch (e) {
      error.value = toApiError(e);
      await refresh().catch(() => undefined);
      return false;
    } finally {
      busyId.value = null;
    }
  }

  return { busyId, error, run };
}
