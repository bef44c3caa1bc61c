/**
 * A small RFC 4180 CSV reader for bulk bodies: comma-separated, fields optionally enclosed in double
 * quotes (a quote inside a quoted field is written twice), records separated by CRLF, LF or a lone
 * CR, an optional UTF-8 byte order mark. Quoted fields may span lines. A quote inside an unquoted
 * field is kept literally (lenient, as spreadsheets read it); text after a closing quote, or a quoted
 * field that never closes, is an error for the whole file since nothing after it can be trusted.
 */

/** What makes a file unreadable; the bulk catalogue words it in the caller's language. */
export type CsvFault = 'unclosed-quote' | 'text-after-quote';

const FAULT_TEXT: Record<CsvFault, string> = {
  'unclosed-quote': 'a quoted field is never closed',
  'text-after-quote': 'unexpected text after a closing quote',
};

/** A malformed file: reported as a 400 problem naming the line. */
export class CsvError extends Error {
  constructor(
    readonly fault: CsvFault,
    /** 1-based line of the file where the problem is. */
    readonly line: number,
  ) {
    super(`line ${line}: ${FAULT_TEXT[fault]}`);
    this.name = 'CsvError';
  }
}

export interface CsvRecord {
  fields: string[];
  /** 1-based line of the file where the record starts. */
  line: number;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

function countLineBreaks(text: string, from: number, to: number): number {
  let lines = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) lines++;
  }
  return lines;
}

/**
 * Every record of the text, in order. A line break at the very end does not start a record; an empty
 * line is a record with one empty field (callers decide whether blank records count).
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let endOfRecord = false;
    while (!endOfRecord) {
      let value: string;
      if (text.charCodeAt(i) === QUOTE) {
        const open = line;
        let from = i + 1;
        value = '';
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0) throw new CsvError('unclosed-quote', open);
          value += text.slice(from, q);
          line += countLineBreaks(text, from, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            from = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        if (i < n) {
          const c = text.charCodeAt(i);
          if (c !== COMMA && c !== CR && c !== LF) throw new CsvError('text-after-quote', line);
        }
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === COMMA || c === CR || c === LF) break;
          j++;
        }
        value = text.slice(i, j);
        i = j;
      }
      fields.push(value);
      if (i >= n) {
        endOfRecord = true;
      } else {
        const c = text.charCodeAt(i);
        if (c === COMMA) {
          i++;
          // A comma at the very end of the text still ends with one (empty) field.
          if (i >= n) {
            fields.push('');
            endOfRecord = true;
          }
        } else {
          i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
          line++;
          endOfRecord = true;
        }
      }
    }
    records.push({ fields, line: start });
  }
  return records;
}

/** True for a record with nothing in it: an empty line, or only separators and blanks (`,,,`). */
export function isBlankRecord(fields: readonly string[]): boolean {
  return fields.every((f) => f.trim() === '');
}
