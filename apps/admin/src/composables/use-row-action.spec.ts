import { createPinia, setActivePinia } from 'pinia';
import { nextTick } from 'vue';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/problem';
import { useAnnouncer } from '@/stores/announcer';
import { useRowAction } from './use-row-action';

beforeEach(() => setActivePinia(createPinia()));

describe('useRowAction', () => {
  it('announces the success it is given, after the page is refreshed', async () => {
    const order: string[] = [];
    const action = useRowAction(async () => void order.push('refresh'));
    await action.run(
      'row-1',
      () => Promise.resolve(),
      () => {
        order.push('announce');
        return 'Done.';
      },
    );
    await nextTick();
    expect(order).toEqual(['refresh', 'announce']);
    expect(useAnnouncer().message).toBe('Done.');
  });

  it('marks the row busy while the change runs, then refreshes the page', async () => {
    const refresh = vi.fn(() => Promise.resolve());
    const action = useRowAction(refresh);
    let busyDuring: string | null = null;
    const ok = await action.run('row-1', () => {
      busyDuring = action.busyId.value;
      return Promise.resolve();
    });
    expect(ok).toBe(true);
    expect(busyDuring).toBe('row-1');
    expect(action.busyId.value).toBeNull();
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(action.error.value).toBeNull();
  });

  it('keeps the error, and still refreshes (the row may have changed elsewhere)', async () => {
    const refresh = vi.fn(() => Promise.resolve());
    const action = useRowAction(refresh);
    const ok = await action.run('row-2', () => Promise.reject(new ApiError(404)));
    expect(ok).toBe(false);
    expect(action.error.value?.status).toBe(404);
    expect(action.busyId.value).toBeNull();
    expect(refresh).toHaveBeenCalledTimes(1);

    // The next change starts clean; a failing refresh after a failure does not hide the first error.
    refresh.mockRejectedValueOnce(new Error('offline'));
    expect(await action.run('row-3', () => Promise.reject(new ApiError(409)))).toBe(false);
    expect(action.error.value?.status).toBe(409);
  });
});
