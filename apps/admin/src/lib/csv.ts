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

/** Rows to CSV text with a header line and CRLF line ends. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return (
    [header, ...rows].map((row) => row.map((value) => csvField(value, { text: typeof value === 'string' })).join(',')).join('\r\n') + '\r\n'
  );
}

/** The import template: the header, and one example row under the given parent. */
export function importTemplate(parentCode: string): string {
  return toCsv(IMPORT_COLUMNS, [['EJEMPLO-001', parentCode, 'municipality', 'Ayuntamiento de Ejemplo', 12500]]);
}
