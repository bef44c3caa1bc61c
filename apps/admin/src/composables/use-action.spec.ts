import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { ApiError } from '@/api/problem';
import { useAnnouncer } from '@/stores/announcer';
import { useAction } from './use-action';

beforeEach(() => setActivePinia(createPinia()));

describe('useAction', () => {
  it('is busy while it runs, then announces its success with the result', async () => {
    let release!: (value: string) => void;
    const action = useAction((name: string) => new Promise<string>((r) => (release = (v) => r(`${v} ${name}`))), {
      success: (result, name) => `${result} (${name})`,
    });
    const running = action.run('Ana');
    expect(action.busy.value).toBe(true);
    release('Saved');
    await expect(running).resolves.toEqual({ ok: true, value: 'Saved Ana' });
    expect(action.busy.value).toBe(false);
    expect(action.error.value).toBeNull();
    await nextTick();
    expect(useAnnouncer().message).toBe('Saved Ana (Ana)');
  });

  it('keeps a failure as the API problem, announces nothing, and starts clean next time', async () => {
    let fail = true;
    const action = useAction(() => (fail ? Promise.reject(new ApiError(409, null, null, 'es')) : Promise.resolve(1)), {
      success: () => 'Hecho.',
    });
    const outcome = await action.run();
    expect(outcome.ok).toBe(false);
    expect(action.error.value?.status).toBe(409);
    expect(action.error.value?.language).toBe('es');
    await nextTick();
    expect(useAnnouncer().message).toBe('');

    fail = false;
    expect((await action.run()).ok).toBe(true);
    expect(action.error.value).toBeNull();
  });

  it('turns anything thrown into a problem without an answer (network)', async () => {
    const action = useAction(() => Promise.reject(new TypeError('Failed to fetch')));
    await action.run();
    expect(action.error.value?.network).toBe(true);
  });
});

describe('announcer', () => {
  it('says the same text twice by emptying the region first', async () => {
    const announcer = useAnnouncer();
    announcer.announce('Guardado.');
    await nextTick();
    expect(announcer.message).toBe('Guardado.');
    announcer.announce('Guardado.');
    expect(announcer.message).toBe('');
    await nextTick();
    expect(announcer.message).toBe('Guardado.');
    announcer.clear();
    expect(announcer.message).toBe('');
  });
});
