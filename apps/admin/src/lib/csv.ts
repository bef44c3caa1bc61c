/** Columns of the tenant import file, in order. */
export const IMPORT_COLUMNS = ['code', 'parentCode', 'kind', 'name', 'population'] as const;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. Text that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) is prefixed with an
 * apostrophe, since these files come back from user input and are opened in spreadsheets.
 */
export function csvField(value: unknown, { text = true } = {}): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (text && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A CSV file for people in a locale, as their spreadsheet opens it: Spanish uses `;` between fields
 * and a decimal comma (es-ES spreadsheets read `,` as the decimal mark), English `,` and a point.
 * Numbers have no grouping (a spreadsheet would read "1.234" as 1.234). A byte-order mark tells
 * spreadsheets the file is UTF-8, so accents survive. Headers and texts are the caller's, translated.
 */
export function toLocaleCsv(locale: string, header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const spanish = locale.toLowerCase().startsWith('es');
  const delimiter = spanish ? ';' : ',';
  const numbers = new Intl.NumberFormat(spanish ? 'es-ES' : 'en-GB', { useGrouping: false, maximumFractionDigits: 6 });
  const field = (value: unknown): string => {
    if (typeof value === 'number') return Number.isFinite(value) ? numbers.format(value) : '';
    let s = value === null || value === undefined ? '' : String(value);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return s.includes(delimiter) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return '\uFEFF' + [header, ...rows].map((row) => row.map(field).join(delimiter)).join('\r\n') + '\r\n';
}

/** Rows to CSV text with a header line and CRLF line ends (machine formats: comma and decimal point). */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return (
    [header, ...rows].map((row) => row.map((value) => csvField(value, { text: typeof value === 'string' })).join(',')).join('\r\n') + '\r\n'
  );
}

/** The import template: the header, and one example row under the given parent. */
export function importTemplate(parentCode: string): string {
  return toCsv(IMPORT_COLUMNS, [['EJEMPLO-001', parentCode, 'municipality', 'Ayuntamiento de Ejemplo', 12500]]);
}
