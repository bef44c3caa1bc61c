import { computed, type WritableComputedRef } from 'vue';
import { createI18n, useI18n } from 'vue-i18n';
import en from './en.json';
import es from './es.json';

/** Spanish first: Rumbo's users are Spanish public administrations; English for everyone else. */
export const SUPPORTED_LOCALES = ['es', 'en'] as const;
export type AppLocale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: AppLocale = 'es';

/** Language names shown in the switcher, each in its own language (WCAG 3.1.2). */
export const LOCALE_NAMES: Record<AppLocale, string> = { es: 'Español', en: 'English' };

/** localStorage key that remembers the user's choice across reloads. */
export const LOCALE_STORAGE_KEY = 'rumbo.locale';

export type MessageSchema = typeof es;

export const isAppLocale = (value: unknown): value is AppLocale =>
  typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);

// Storage can be unavailable (privacy modes, sandboxed frames): the choice then lasts the session.
function readStoredLocale(): AppLocale | null {
  try {
    const stored = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY);
    return isAppLocale(stored) ? stored : null;
  } catch {
    return null;
  }
}

function storeLocale(locale: AppLocale): void {
  try {
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    /* not persisted; still applied */
  }
}

/** The stored choice, else the first supported browser language, else Spanish. */
export function detectLocale(): AppLocale {
  const stored = readStoredLocale();
  if (stored) return stored;
  const preferred = globalThis.navigator?.languages ?? [globalThis.navigator?.language];
  for (const tag of preferred) {
    const base = tag?.toLowerCase().split('-')[0];
    if (isAppLocale(base)) return base;
  }
  return DEFAULT_LOCALE;
}

/** Keeps `<html lang>` in step with the UI language, so assistive technology reads it correctly. */
function applyDocumentLanguage(locale: AppLocale): void {
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

export function createAppI18n(locale: AppLocale = detectLocale()) {
  applyDocumentLanguage(locale);
  return createI18n<[MessageSchema], AppLocale, false>({
    legacy: false,
    locale,
    fallbackLocale: DEFAULT_LOCALE,
    messages: { es, en },
  });
}

/** The current UI language as a writable ref for components (e.g. the language switcher). */
export function useAppLocale(): WritableComputedRef<AppLocale> {
  const { locale } = useI18n({ useScope: 'global' });
  return computed({
    get: () => (isAppLocale(locale.value) ? locale.value : DEFAULT_LOCALE),
    // Switching updates the messages, `<html lang>` and the stored preference together.
    set: (next: AppLocale) => {
      locale.value = next;
      applyDocumentLanguage(next);
      storeLocale(next);
    },
  });
}
