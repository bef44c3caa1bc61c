import { defineStore } from 'pinia';
import { nextTick, ref } from 'vue';

/** How long a success message stays on screen (it stays in the live region's history for readers). */
export const ANNOUNCEMENT_MS = 8000;

/**
 * The app's one polite live region (rendered by `LiveRegion` in the shell): what an action did, said
 * to screen readers and shown to everyone, so success is never only a moved focus or a row that
 * silently changed. The same text twice in a row is announced twice.
 */
export const useAnnouncer = defineStore('announcer', () => {
  const message = ref('');
  let seq = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function announce(text: string): void {
    const mine = ++seq;
    clearTimeout(timer);
    // Emptied first: a live region only speaks when its text changes.
    message.value = '';
    void nextTick(() => {
      if (mine !== seq) return;
      message.value = text;
      timer = setTimeout(() => {
        if (mine === seq) message.value = '';
      }, ANNOUNCEMENT_MS);
    });
  }

  function clear(): void {
    seq++;
    clearTimeout(timer);
    message.value = '';
  }

  return { message, announce, clear };
});
