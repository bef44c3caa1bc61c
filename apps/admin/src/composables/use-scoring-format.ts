import { CR_THRESHOLD } from '@rumbo/method';
import { useI18n } from 'vue-i18n';
import { formatNumber } from '@/i18n/format';

/** The consistency ratio above which a model cannot be activated (METHOD §4). */
export const CR_LIMIT = CR_THRESHOLD;

/** A share of 1 as a percentage: 0.5476 → "54,8 %" / "54.8%". */
export function formatShare(value: number, locale: string, digits = 1): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);
}

/** A score (0–100 for weighted and AHP models; RICE and WSJF are open-ended) with at most two decimals. */
export const formatScore = (value: number, locale: string): string => formatNumber(value, locale, 2);

/** Money in the tenant's currency, whole units ("12.345 €" / "€12,345"). */
export function formatMoney(value: number, locale: string, currency = 'EUR'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(value);
}

/**
 * A criterion's name for people: RICE's and WSJF's fixed factors by their names ("Reach"), a key
 * that is a friction figure's name by that figure ("Annual cost"), any other key as the tenant gave it.
 */
export function useCriterionLabel(method: () => string | null | undefined = () => null) {
  const { t, te } = useI18n();
  return (key: string): string => {
    const m = method();
    if ((m === 'rice' || m === 'wsjf') && te(`prioritisation.factors.${key}`)) return t(`prioritisation.factors.${key}`);
    if (te(`prioritisation.fields.${key}`)) return t(`prioritisation.fields.${key}`);
    return key;
  };
}
