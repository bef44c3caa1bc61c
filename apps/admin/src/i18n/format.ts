/**
 * Locale-aware formatting of the values the screens show. Units come from Intl, so no unit word is
 * hard-coded in either language ("2 horas y 5 minutos" / "2 hours and 5 minutes").
 */

const DURATION_UNITS = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
] as const;

/** A duration in whole units, largest first, zero parts left out: "1 día, 2 horas y 3 segundos". */
export function formatDuration(totalSeconds: number, locale: string): string {
  let remaining = Math.max(0, Math.floor(totalSeconds));
  const parts: string[] = [];
  for (const [unit, size] of DURATION_UNITS) {
    const amount = Math.floor(remaining / size);
    remaining -= amount * size;
    if (amount > 0 || (unit === 'second' && parts.length === 0)) {
      parts.push(new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(amount));
    }
  }
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(parts);
}

/** A number with the locale's separators and at most `maximumFractionDigits` decimals. */
export function formatNumber(value: number, locale: string, maximumFractionDigits = 1): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits }).format(value);
}

/** A change with its sign spelled out: "+9,7", "−5" (a true minus, not a hyphen), "0"; a dash when there is none. */
export function formatSigned(value: number | null | undefined, locale: string, maximumFractionDigits = 1): string {
  if (value === null || value === undefined) return '—';
  const text = formatNumber(Math.abs(value), locale, maximumFractionDigits);
  return value > 0 && text !== formatNumber(0, locale) ? `+${text}` : value < 0 && text !== formatNumber(0, locale) ? `−${text}` : text;
}

/** Clock time with seconds, in the locale's style. */
export function formatTime(date: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: 'medium' }).format(date);
}

const asDate = (value: string | Date) => (typeof value === 'string' ? new Date(value) : value);

/** Date and time, e.g. "3 mar 2026, 14:05" / "Mar 3, 2026, 2:05 PM". */
export function formatDateTime(value: string | Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(asDate(value));
}

/** Date only, e.g. "3 mar 2026". */
export function formatDate(value: string | Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(asDate(value));
}

/** A whole number with the locale's grouping ("1.184.250" / "1,184,250"). */
export function formatInteger(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** An amount of money in a currency (the tenant's), whole units by default: "12.345 €" / "€12,345". */
export function formatMoney(value: number, currency: string, locale: string, maximumFractionDigits = 0): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits, minimumFractionDigits: 0 }).format(value);
}

/** Hours with the locale's unit ("1.234,5 h" / "1,234.5 hr"), at most one decimal by default. */
export function formatHours(value: number, locale: string, maximumFractionDigits = 1): string {
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'hour', unitDisplay: 'short', maximumFractionDigits }).format(value);
}
