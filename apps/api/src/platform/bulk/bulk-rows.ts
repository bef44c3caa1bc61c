import type { ProblemFieldError } from '../errors/problem';
import { platformProblems, PlatformProblem } from '../errors/platform.problems';
import { RowProblem } from './bulk-rejection';
import { bulkFieldTexts, BulkProblem, bulkProblems, BulkRowReason, bulkRowReasons } from './bulk.problems';
import { CsvError, isBlankRecord, parseCsv } from './csv';

/** How a bulk route's body is laid out: the parse stage of the pipeline reads it from this. */
export interface BulkFormat<Column extends string> {
  /** The fields of a row: the CSV header's columns (any order and letter case) and the JSON keys. */
  columns: readonly Column[];
  /** The JSON body is `{ [envelope]: [ …rows ] }`. */
  envelope: string;
  /** More data rows than this is a 413 (`too-many-rows`). */
  maxRows: number;
  /** Whether `text/csv` is read (else only JSON; CSV is a 415). */
  csv: boolean;
}

/** One data row as received, before validation. */
export interface RawRow<Column extends string> {
  /** Data row number, from 1. */
  row: number;
  values: Partial<Record<Column, unknown>>;
  /** Why the row cannot be read at all (wrong field count, unknown field, not an object). */
  problem?: RowProblem;
}

export type BodyFormat = 'csv' | 'json';

export interface BulkRows<Column extends string> {
  format: BodyFormat;
  rows: RawRow<Column>[];
}

/** Whether a Content-Type names CSV (any parameters). */
export function isCsv(contentType: string | undefined): boolean {
  return /^\s*text\/csv\b/i.test(contentType ?? '');
}

/** Parse stage: a CSV string or a JSON body into numbered raw rows. */
export function readBulkRows<Column extends string>(
  format: BulkFormat<Column>,
  body: unknown,
  contentType: string | undefined,
): BulkRows<Column> {
  if (isCsv(contentType)) {
    if (!format.csv) throw platformProblems.raise(PlatformProblem.UnsupportedMediaType);
    return { format: 'csv', rows: rowsFromCsv(format, typeof body === 'string' ? body : '') };
  }
  return { format: 'json', rows: rowsFromJson(format, body) };
}

/**
 * CSV with a header row naming the columns (any order, any letter case). A missing, unknown or
 * repeated column makes the whole file a 400: a misspelt column would otherwise silently drop data.
 * Blank lines are skipped but keep their number, so row N is the file's (or spreadsheet's) line N + 1
 * when no field spans lines.
 */
export function rowsFromCsv<Column extends string>(format: BulkFormat<Column>, text: string): RawRow<Column>[] {
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    throw bulkProblems.raise(
      BulkProblem.MalformedCsv,
      { line: error.line },
      { errors: [{ path: `line ${error.line}`, code: 'malformedCsv', message: bulkFieldTexts.csvFault(error.fault, error.line) }] },
    );
  }
  const headerAt = records.findIndex((r) => !isBlankRecord(r.fields));
  if (headerAt < 0) return [];
  const header = records[headerAt].fields.map((f) => f.trim());
  const columns = headerColumns(format.columns, header);
  const data = records.slice(headerAt + 1);
  if (data.length > format.maxRows) throw bulkProblems.raise(BulkProblem.TooManyRows, { max: format.maxRows });
  const rows: RawRow<Column>[] = [];
  data.forEach((record, index) => {
    if (isBlankRecord(record.fields)) return;
    const row = index + 1;
    if (record.fields.length !== header.length) {
      const problem = bulkRowReasons.problem(BulkRowReason.FieldCount, null, { fields: record.fields.length, header: header.length });
      rows.push({ row, values: {}, problem });
      return;
    }
    const values: RawRow<Column>['values'] = {};
    columns.forEach((column, i) => (values[column] = record.fields[i]));
    rows.push({ row, values });
  });
  return rows;
}

function headerColumns<Column extends string>(known: readonly Column[], header: string[]): Column[] {
  const byLowerCase = new Map(known.map((c) => [c.toLowerCase(), c]));
  const errors: ProblemFieldError[] = [];
  const columns: Column[] = [];
  header.forEach((name, i) => {
    const column = byLowerCase.get(name.toLowerCase());
    if (!column) errors.push({ path: `header[${i}]`, code: 'unknownColumn', message: bulkFieldTexts.unknownColumn(name) });
    else if (columns.includes(column))
      errors.push({ path: `header[${i}]`, code: 'duplicateColumn', message: bulkFieldTexts.duplicateColumn(name) });
    else columns.push(column);
  });
  for (const c of known) {
    if (!columns.includes(c)) errors.push({ path: 'header', code: 'missingColumn', message: bulkFieldTexts.missingColumn(c) });
  }
  if (errors.length > 0) throw bulkProblems.raise(BulkProblem.InvalidCsvHeader, { columns: known }, { errors });
  return columns;
}

/** `{ [envelope]: [ … ] }`: a bad envelope is a 400; a bad row is rejected with its number. */
export function rowsFromJson<Column extends string>(format: BulkFormat<Column>, body: unknown): RawRow<Column>[] {
  const { envelope } = format;
  const invalid = (errors: ProblemFieldError[]) => bulkProblems.raise(BulkProblem.InvalidBulkBody, { envelope }, { errors });
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw invalid([{ path: envelope, code: 'required', message: bulkFieldTexts.notAnObject(envelope) }]);
  }
  const errors: ProblemFieldError[] = Object.keys(body)
    .filter((k) => k !== envelope)
    .map((k) => ({ path: k, code: 'unknownProperty', message: bulkFieldTexts.unknownProperty(k) }));
  const list = (body as Record<string, unknown>)[envelope];
  if (!Array.isArray(list)) errors.push({ path: envelope, code: 'isArray', message: bulkFieldTexts.notAnArray(envelope) });
  if (errors.length > 0) throw invalid(errors);
  const items = list as unknown[];
  if (items.length > format.maxRows) throw bulkProblems.raise(BulkProblem.TooManyRows, { max: format.maxRows });
  const known: ReadonlySet<string> = new Set(format.columns);
  return items.map((item, index): RawRow<Column> => {
    const row = index + 1;
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      return { row, values: {}, problem: bulkRowReasons.problem(BulkRowReason.NotAnObject, null) };
    }
    const values = item as RawRow<Column>['values'];
    const unknown = Object.keys(values).find((k) => !known.has(k));
    return unknown !== undefined
      ? { row, values, problem: bulkRowReasons.problem(BulkRowReason.UnknownField, unknown, { field: unknown }) }
      : { row, values };
  });
}
