import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import type { LocalisedText } from '@/api/types';
import { formatNumber } from '@/i18n/format';

/**
 * The locale-aware formatting the model browser and its panels share: localised text in the UI
 * language, numbers and percentages in the UI locale.
 */
export function useModelFormat() {
  const { locale } = useI18n();
  const lang = computed(() => (locale.value === 'en' ? 'en' : 'es'));
  const text = (value: LocalisedText | null | undefined) => (value ? value[lang.value] : '');
  const num = (value: number, digits = 1) => formatNumber(value, locale.value, digits);
  const percent = (value: number) => new Intl.NumberFormat(locale.value, { style: 'percent', maximumFractionDigits: 1 }).format(value);
  return { lang, text, num, percent };
}
