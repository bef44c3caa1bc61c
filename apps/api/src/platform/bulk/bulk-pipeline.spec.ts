import { AUDIT_LIST_MAX, auditSummary, validateRows } from './bulk-pipeline';
import { defineRejections, renderRejections, RowProblem, type BulkRejection } from './bulk-rejection';
import type { RawRow } from './bulk-rows';

enum SampleReason {
  Missing = 'sample-missing',
  TooBig = 'sample-too-big',
}

const reasons = defineRejections(SampleReason, {
  [SampleReason.Missing]: { es: 'Falta el valor.', en: 'The value is missing.' },
  [SampleReason.TooBig]: (p: { max: number }) => ({ es: `Como máximo ${p.max}.`, en: `At most ${p.max}.` }),
});

type Id = { sampleKey: string | null };
const stages = {
  identify: (values: RawRow<'key' | 'value'>['values']): Id => ({ sampleKey: typeof values.key === 'string' ? values.key : null }),
  validate: (raw: RawRow<'key' | 'value'>, max: number) => {
    if (raw.values.value === undefined) return reasons.problem(SampleReason.Missing, 'value');
    if (Number(raw.values.value) > max) return reasons.problem(SampleReason.TooBig, 'value', { max });
    return { row: raw.row, key: String(raw.values.key), value: Number(raw.values.value) };
  },
};

describe('bulk pipeline stages', () => {
  it('validate: valid rows pass typed; unreadable and invalid rows become rejections with the row identifier', () => {
    const unreadable = new RowProblem(null, 'not-an-object', { es: 'No.', en: 'No.' });
    const { valid, rejected } = validateRows(
      stages,
      [
        { row: 1, values: { key: 'a', value: '3' } },
        { row: 2, values: { key: 'b' } },
        { row: 3, values: {}, problem: unreadable },
        { row: 4, values: { key: 'd', value: '99' } },
      ],
      10,
    );
    expect(valid).toEqual([{ row: 1, key: 'a', value: 3 }]);
    expect(rejected).toEqual([
      { row: 2, field: 'value', code: 'sample-missing', message: { es: 'Falta el valor.', en: 'The value is missing.' }, sampleKey: 'b' },
      { row: 3, field: null, code: 'not-an-object', message: { es: 'No.', en: 'No.' }, sampleKey: null },
      { row: 4, field: 'value', code: 'sample-too-big', message: { es: 'Como máximo 10.', en: 'At most 10.' }, sampleKey: 'd' },
    ]);
  });

  it('renders rejections in row order, in the language asked for', () => {
    const rejected: BulkRejection<Id>[] = [
      { row: 9, field: 'value', code: 'sample-missing', message: { es: 'Falta el valor.', en: 'The value is missing.' }, sampleKey: 'z' },
      { row: 2, field: null, code: 'fixed', message: 'language-neutral', sampleKey: null },
    ];
    expect(renderRejections(rejected, 'en')).toEqual([
      { row: 2, field: null, code: 'fixed', message: 'language-neutral', sampleKey: null },
      { row: 9, field: 'value', code: 'sample-missing', message: 'The value is missing.', sampleKey: 'z' },
    ]);
    expect(renderRejections(rejected, 'es')[1].message).toBe('Falta el valor.');
  });

  it('audit: one summary with the counts, listing the identifiers only while each list is short', () => {
    const list = { name: 'Keys', of: (id: Id) => id.sampleKey ?? '' };
    const ids = (n: number) => Array.from({ length: n }, (_, i) => ({ sampleKey: `k${i}` }));
    expect(auditSummary(list, 'csv', 5, { created: ids(2), updated: [], unchanged: 1, rejected: [] }, 2)).toEqual({
      format: 'csv',
      rows: 5,
      created: 2,
      updated: 0,
      unchanged: 1,
      rejected: 2,
      createdKeys: ['k0', 'k1'],
      updatedKeys: [],
    });
    const big = auditSummary(
      list,
      'json',
      AUDIT_LIST_MAX + 1,
      { created: ids(AUDIT_LIST_MAX + 1), updated: ids(AUDIT_LIST_MAX), unchanged: 0, rejected: [] },
      0,
    );
    expect(big).not.toHaveProperty('createdKeys');
    expect(big.updatedKeys).toHaveLength(AUDIT_LIST_MAX);
    expect(big.created).toBe(AUDIT_LIST_MAX + 1);
  });
});
