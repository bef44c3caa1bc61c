import { checkAnswerInputs } from './answer-inputs';
import { MaturityValidationError } from './errors';
import type { MaturityModel } from './types';

const model: MaturityModel = {
  areas: [
    {
      key: 'tech',
      dimensions: [
        {
          key: 'infra',
          weight: 1,
          questions: [
            { key: 'cloud', type: 'scale', weight: 2, options: [1, 2, 3, 4, 5].map((value) => ({ value, label: `${value}` })) },
            { key: 'backup', type: 'yes_no', weight: 1, evidenceRequired: true },
            { key: 'open', type: 'percentage', weight: 1 },
          ],
        },
      ],
    },
  ],
};

describe('checkAnswerInputs', () => {
  it('accepts values, not applicable, clearing and notes, normalised', () => {
    const { accepted, rejected } = checkAnswerInputs(model, [
      { questionKey: 'cloud', value: 3, comment: '  migrating  ', evidence: 'https://example.org/plan.pdf' },
      { questionKey: 'backup', value: 1, notApplicable: false },
      { questionKey: 'open', notApplicable: true, comment: '', evidence: '   ' },
    ]);
    expect(rejected).toEqual([]);
    expect(accepted).toEqual([
      {
        index: 0,
        questionKey: 'cloud',
        answer: { questionKey: 'cloud', value: 3 },
        comment: 'migrating',
        evidence: 'https://example.org/plan.pdf',
      },
      { index: 1, questionKey: 'backup', answer: { questionKey: 'backup', value: true }, comment: null, evidence: null },
      { index: 2, questionKey: 'open', answer: { questionKey: 'open', notApplicable: true }, comment: null, evidence: null },
    ]);
    const cleared = checkAnswerInputs(model, [
      { questionKey: 'cloud', value: null },
      { questionKey: 'open', evidence: 'ticket 42' },
    ]);
    expect(cleared.accepted.map((a) => [a.questionKey, a.answer, a.evidence])).toEqual([
      ['cloud', null, null],
      ['open', null, 'ticket 42'],
    ]);
  });

  it('refuses each bad input with its index, question key, field and code; the others are accepted', () => {
    const { accepted, rejected } = checkAnswerInputs(
      model,
      [
        'yes',
        { value: 1 },
        { questionKey: 'nope', value: 1 },
        { questionKey: 'cloud', value: 0 },
        { questionKey: 'cloud', value: 3 },
        { questionKey: 'backup', value: 'true', extra: 1 },
        { questionKey: 'open', value: 101 },
        { questionKey: 'backup', value: 2 },
      ],
      { commentMaxLength: 5 },
    );
    expect(accepted).toEqual([]);
    expect(rejected.map((r) => [r.index, r.questionKey, r.field, r.code])).toEqual([
      [0, null, null, 'not-an-object'],
      [1, null, 'questionKey', 'missing-question-key'],
      [2, 'nope', 'questionKey', 'unknown-question'],
      [3, 'cloud', 'value', 'invalid-value'],
      [4, 'cloud', 'questionKey', 'duplicate-answer'],
      [5, 'backup', 'extra', 'unknown-field'],
      [6, 'open', 'value', 'invalid-value'],
      [7, 'backup', 'questionKey', 'duplicate-answer'],
    ]);
    expect(rejected[3]).toMatchObject({ expected: { type: 'scale', options: [1, 2, 3, 4, 5] } });
    expect(rejected[4]).toMatchObject({ firstIndex: 3 });
    expect(rejected[6]).toMatchObject({ expected: { type: 'percentage' } });
    for (const r of rejected) expect(r.message).toEqual(expect.any(String));
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['notApplicable other than a boolean', { questionKey: 'open', notApplicable: 'yes' }, 'notApplicable', 'invalid-not-applicable'],
    [
      'a value with notApplicable: true',
      { questionKey: 'open', value: 5, notApplicable: true },
      'notApplicable',
      'value-and-not-applicable',
    ],
    ['a numeric comment', { questionKey: 'open', value: 5, comment: 12 }, 'comment', 'invalid-text'],
    ['a NUL in the evidence', { questionKey: 'open', value: 5, evidence: 'doc\u0000' }, 'evidence', 'invalid-text'],
    ['an over-long evidence', { questionKey: 'open', value: 5, evidence: 'x'.repeat(11) }, 'evidence', 'text-too-long'],
    ['a yes/no answered 2', { questionKey: 'backup', value: 2 }, 'value', 'invalid-value'],
    ['a negative percentage', { questionKey: 'open', value: -0.5 }, 'value', 'invalid-value'],
    ['a percentage as text', { questionKey: 'open', value: '50' }, 'value', 'invalid-value'],
  ])('refuses %s', (_label, input, field, code) => {
    const { rejected } = checkAnswerInputs(model, [input], { evidenceMaxLength: 10 });
    expect(rejected).toEqual([expect.objectContaining({ index: 0, field, code })]);
  });

  it('throws on an invalid model', () => {
    expect(() => checkAnswerInputs({ areas: [] }, [])).toThrow(MaturityValidationError);
  });
});
