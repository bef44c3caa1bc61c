import { computed, onBeforeUnmount, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { formatNumber } from '@/i18n/format';

/** Breaks a label into lines of at most `max` characters at spaces (ECharts draws '\n' as a new line). */
export function wrapLabel(text: string, max: number): string {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + word.length <= max) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines.join('\n');
}

/** Below this width the navigation folds away and charts draw their labels smaller. */
export const PHONE_QUERY = '(max-width: 767.98px)';

/** Whether a media query matches now, following changes (false where matchMedia does not exist). */
export function useMediaQuery(query: string) {
  const list = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(query) : null;
  const matches = ref(list?.matches ?? false);
  const onChange = (event: MediaQueryListEvent) => (matches.value = event.matches);
  list?.addEventListener('change', onChange);
  onBeforeUnmount(() => list?.removeEventListener('change', onChange));
  return matches;
}

/**
 * What every chart needs to speak the UI's locale: number and percent formatters for ECharts'
 * axis labels, data labels and tooltips (ECharts would otherwise print "27.6" on a Spanish screen),
 * and a compact flag for phones (smaller labels, so the chart fits 390 px).
 */
export function useChartFormat() {
  const { locale } = useI18n();
  const compact = useMediaQuery(PHONE_QUERY);
  /** A number, or the `value` of what ECharts hands a data label's formatter (`{ value, name, … }`). */
  const asNumber = (value: unknown): number => {
    const given = typeof value === 'object' && value !== null && 'value' in value ? (value as { value: unknown }).value : value;
    return typeof given === 'number' ? given : Number(given);
  };

  /** A formatter for numbers with at most `digits` decimals (axis, tooltip or data label); non-numbers print as a dash. */
  const number =
    (digits = 1) =>
    (value: unknown): string => {
      const n = asNumber(value);
      return Number.isFinite(n) ? formatNumber(n, locale.value, digits) : '—';
    };

  /** A formatter for a share given in percentage points (12.5 → "12,5 %" / "12.5%"). */
  const percentPoints =
    (digits = 1) =>
    (value: unknown): string => {
      const n = asNumber(value);
      return Number.isFinite(n)
        ? new Intl.NumberFormat(locale.value, { style: 'percent', maximumFractionDigits: digits }).format(n / 100)
        : '—';
    };

  /** How wide a category label may be before it goes on to another line (names of dimensions). */
  const labelWidth = computed(() => (compact.value ? 110 : 200));
  /**
   * A category axis' labels (names of dimensions): broken into lines at that width rather than cut,
   * so every name reads whole; the line height keeps the lines apart.
   */
  const categoryLabel = computed(() => ({
    width: labelWidth.value,
    overflow: 'break' as const,
    fontSize: compact.value ? 10 : 12,
    lineHeight: compact.value ? 12 : 15,
  }));

  return { locale, compact, number, percentPoints, labelWidth, categoryLabel };
}
