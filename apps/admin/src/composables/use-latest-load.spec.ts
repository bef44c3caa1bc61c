import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/problem';
import { useLatestLoad } from './use-latest-load';

/** A promise the test settles by hand. */
function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('useLatestLoad', () => {
  it('lets only the latest load store its result and clear the loading flag', async () => {
    const load = useLatestLoad();
    const first = deferred();
    const second = deferred();
    let stored = '';
    const a = load.run(async (isCurrent) => {
      await first.promise;
      if (isCurrent()) stored = 'first';
    });
    const b = load.run(async (isCurrent) => {
      await second.promise;
      if (isCurrent()) stored = 'second';
    });
    second.resolve();
    await b;
    expect(stored).toBe('second');
    expect(load.loading.value).toBe(false);
    first.resolve();
    await a;
    expect(stored).toBe('second');
  });

  it('keeps the error of the latest load only, and reset forgets the one in flight', async () => {
    const load = useLatestLoad();
    const stale = deferred();
    const older = load.run(() => stale.promise);
    await load.run(() => Promise.reject(new ApiError(404)));
    expect(load.error.value?.status).toBe(404);
    stale.reject(new ApiError(500));
    await older;
    expect(load.error.value?.status).toBe(404);

    const pending = deferred();
    const inFlight = load.run(() => pending.promise);
    expect(load.loading.value).toBe(true);
    load.reset();
    expect(load.loading.value).toBe(false);
    pending.reject(new ApiError(503));
    await inFlight;
    expect(load.error.value).toBeNull();
  });
});
