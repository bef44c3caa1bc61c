import { localise } from '../errors/catalogue';
import { ProblemError } from '../errors/problem';
import { readBulkRows, type BulkFormat } from './bulk-rows';

const format: BulkFormat<'key' | 'value'> = { columns: ['key', 'value'], envelope: 'items', maxRows: 3, csv: true };

function refusal(work: () => unknown): ProblemError {
  try {
    work();
  } catch (error) {
    if (error instanceof ProblemError) return error;
    throw error;
  }
  throw new Error('expected a problem');
}

const csv = (text: string) => readBulkRows(format, text, 'text/csv; charset=utf-8');
const json = (body: unknown) => readBulkRows(format, body, 'application/json');

describe('readBulkRows — CSV', () => {
  it('maps the header to the columns in any order and case, numbers data rows from 1, skips blank lines but counts them', () => {
    expect(csv('\uFEFFVALUE,Key\r\n1,a\r\n\r\n,b\r\n')).toEqual({
      format: 'csv',
      rows: [
        { row: 1, values: { value: '1', key: 'a' } },
        { row: 3, values: { value: '', key: 'b' } },
      ],
    });
    expect(csv('')).toEqual({ format: 'csv', rows: [] });
    expect(csv('key,value\n')).toEqual({ format: 'csv', rows: [] });
  });

  it('rejects a row with the wrong number of fields alone', () => {
    const [row] = csv('key,value\na,1,extra\n').rows;
    expect(row).toMatchObject({ row: 1, values: {}, problem: { field: null, code: 'field-count' } });
    expect(localise(row.problem!.message, 'es')).toBe('La fila tiene 3 campos y la cabecera 2.');
  });

  it('refuses the whole file for an unknown, repeated or missing column, naming each', () => {
    const problem = refusal(() => csv('key,colour,key\n'));
    expect(problem).toMatchObject({ status: 400, code: 'invalid-csv-header' });
    expect(problem.errors!.map((e) => [e.path, e.code])).toEqual([
      ['header[1]', 'unknownColumn'],
      ['header[2]', 'duplicateColumn'],
      ['header', 'missingColumn'],
    ]);
    expect(localise(problem.detail, 'en')).toBe('The CSV header must name the columns key,value (in any order).');
    expect(localise(problem.errors![2].message, 'es')).toBe('Falta la columna «value».');
  });

  it('refuses a malformed file, naming the line', () => {
    const problem = refusal(() => csv('key,value\na,"open\n'));
    expect(problem).toMatchObject({ status: 400, code: 'malformed-csv', errors: [{ path: 'line 2', code: 'malformedCsv' }] });
    expect(localise(problem.detail, 'es')).toBe('El archivo CSV está mal formado en la línea 2: corríjalo y vuelva a enviarlo.');
  });

  it('refuses more data rows than the limit (413), blank ones included, before reading them', () => {
    expect(csv('key,value\na,1\nb,2\nc,3\n').rows).toHaveLength(3);
    const problem = refusal(() => csv('key,value\na,1\nb,2\n\nc,3\n'));
    expect(problem).toMatchObject({ status: 413, code: 'too-many-rows' });
    expect(localise(problem.detail, 'en')).toBe('A request takes at most 3 rows; split the file and send the parts in order.');
  });

  it('answers 415 for CSV on a route that takes JSON only', () => {
    expect(refusal(() => readBulkRows({ ...format, csv: false }, 'key,value\n', 'text/csv'))).toMatchObject({
      status: 415,
      code: 'unsupported-media-type',
    });
  });
});

describe('readBulkRows — JSON', () => {
  it('numbers the rows of the envelope from 1; a row that is not an object, or has an unknown field, is rejected alone', () => {
    const { format: read, rows } = readBulkRows(
      { ...format, maxRows: 4 },
      { items: [{ key: 'a', value: 1 }, 'x', null, { key: 'b', colour: 'red' }] },
      undefined,
    );
    expect(read).toBe('json');
    expect(rows.map((r) => [r.row, r.problem?.code ?? null, r.problem?.field ?? null])).toEqual([
      [1, null, null],
      [2, 'not-an-object', null],
      [3, 'not-an-object', null],
      [4, 'unknown-field', 'colour'],
    ]);
    expect(rows[3].values).toEqual({ key: 'b', colour: 'red' });
    expect(localise(rows[3].problem!.message, 'en')).toBe('Unknown field "colour".');
  });

  it('refuses a body without the envelope array or with other properties (400), and too many rows (413)', () => {
    for (const body of [null, [], 'items', { items: 'x' }, { items: [], extra: 1 }, { rows: [] }]) {
      const problem = refusal(() => json(body));
      expect(problem).toMatchObject({ status: 400, code: 'invalid-bulk-body' });
      expect(problem.errors!.length).toBeGreaterThan(0);
    }
    expect(refusal(() => json({ rows: [] })).errors!.map((e) => [e.path, e.code])).toEqual([
      ['rows', 'unknownProperty'],
      ['items', 'isArray'],
    ]);
    expect(refusal(() => json({ items: [{}, {}, {}, {}] }))).toMatchObject({ status: 413, code: 'too-many-rows' });
  });
});
