import { ref, shallowRef } from 'vue';
import { toApiError, type ApiError } from '@/api/problem';
import { useAnnouncer } from '@/stores/announcer';

/**
 * One change at a time on the rows of a list (change a role, revoke, remove): which row is busy,
 * the error of the last change, the success said in the app's live region, and a refresh of the
 * page afterwards. The page is refreshed after a failure too, since a refusal often means the row
 * changed elsewhere (someone else removed it). `useAction` is the same for a single action.
 */
export function useRowAction(refresh: () => Promise<void>) {
  const announcer = useAnnouncer();
  /** Id of the row being changed. */
  const busyId = ref<string | null>(null);
  const error = shallowRef<ApiError | null>(null);

  async function run(id: string, work: () => Promise<unknown>, success?: () => string): Promise<boolean> {
    busyId.value = id;
    error.value = null;
    try {
      await work();
      await refresh();
      if (success) announcer.announce(success());
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
