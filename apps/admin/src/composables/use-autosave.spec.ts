import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/problem';
import { useAutosave, type AnswerInput } from './use-autosave';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('useAutosave', () => {
  it('debounces changes into one request, the latest change of a question winning', async () => {
    const save = vi.fn(async (_answers: AnswerInput[]) => ({ rejected: [] }));
    const autosave = useAutosave(save, 500);
    autosave.queue({ questionKey: 'a', value: 1 });
    autosave.queue({ questionKey: 'b', value: true });
    autosave.queue({ questionKey: 'a', value: 3 });
    expect(autosave.status.value).toBe('pending');
    await vi.advanceTimersByTimeAsync(499);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save.mock.calls[0][0]).toEqual([
      { questionKey: 'a', value: 3 },
      { questionKey: 'b', value: true },
    ]);
    expect(autosave.status.value).toBe('saved');
  });

  it('keeps the message of each rejected answer by question, and clears it once saved', async () => {
    let reject = true;
    const save = vi.fn(async (answers: AnswerInput[]) => ({
      rejected: reject
        ? [
            {
              // No key of its own: the row (from 1) names the answer of the request.
              row: answers.findIndex((a) => a.questionKey === 'pct') + 1,
              field: 'value',
              questionKey: null,
              code: 'invalid-value' as const,
              message: 'between 0 and 100',
            },
          ]
        : [],
    }));
    const autosave = useAutosave(save, 100);
    autosave.queue({ questionKey: 'ok', value: 1 });
    autosave.queue({ questionKey: 'pct', value: 140 });
    autosave.queue({ questionKey: 'last', value: 2 });
    await autosave.flush();
    expect(autosave.rejected.value).toEqual({ pct: 'between 0 and 100' });
    expect(autosave.status.value).toBe('error');

    reject = false;
    autosave.queue({ questionKey: 'pct', value: 40 });
    await autosave.flush();
    expect(autosave.rejected.value).toEqual({});
    expect(autosave.status.value).toBe('saved');
  });

  it('keeps failed answers queued and sends them again on the next flush', async () => {
    const save = vi
      .fn<(answers: AnswerInput[]) => Promise<{ rejected: never[] }>>()
      .mockRejectedValueOnce(new ApiError(0))
      .mockResolvedValue({ rejected: [] });
    const autosave = useAutosave(save, 100);
    autosave.queue({ questionKey: 'a', value: 2 });
    await autosave.flush();
    expect(autosave.status.value).toBe('error');
    expect(autosave.error.value?.network).toBe(true);
    expect(autosave.hasPending()).toBe(true);
    await autosave.flush();
    expect(save).toHaveBeenCalledTimes(2);
    expect(save.mock.calls[1][0]).toEqual([{ questionKey: 'a', value: 2 }]);
    expect(autosave.status.value).toBe('saved');
  });
});
