import { prepareModel } from '@rumbo/method';
import { planAnswers, validateAnswerRows } from './answers-pipeline';
import type { AnswerRow } from './answers.repository';

const model = prepareModel({
  areas: [
    {
      key: 'a',
      dimensions: [
        {
          key: 'd',
          weight: 1,
          questions: [
            { key: 'yes', type: 'yes_no', weight: 1 },
            { key: 'pct', type: 'percentage', weight: 1 },
            { key: 'na', type: 'yes_no', weight: 1 },
            { key: 'gone', type: 'yes_no', weight: 1 },
            { key: 'note', type: 'yes_no', weight: 1 },
          ],
        },
      ],
    },
  ],
});

const stored = (questionKey: string, value: number | null, notApplicable = false, evidence: string | null = null): AnswerRow => ({
  questionKey,
  value,
  notApplicable,
  comment: null,
  evidence,
  updatedAt: new Date(0),
});

describe('answers pipeline: validate and plan', () => {
  it('reports refusals in the shared bulk shape, rows from 1, messages in both languages', () => {
    const { accepted, rejected } = validateAnswerRows(model, [
      { questionKey: 'yes', value: true },
      { questionKey: 'pct', value: 150 },
    ]);
    expect(accepted.map((a) => a.questionKey)).toEqual(['yes']);
    expect(rejected).toEqual([
      {
        row: 2,
        field: 'value',
        code: 'invalid-value',
        questionKey: 'pct',
        message: { es: 'la respuesta es un número de 0 a 100', en: 'the answer is a number from 0 to 100' },
      },
    ]);
  });

  it('writes only what changes: created, updated, unchanged and cleared, with before and after of each change', () => {
    const { accepted } = validateAnswerRows(model, [
      { questionKey: 'yes', value: 1 }, // stored as 1 already: unchanged
      { questionKey: 'pct', value: 40 }, // was 30: updated
      { questionKey: 'na', notApplicable: true }, // new
      { questionKey: 'gone', value: null }, // stored: cleared
      { questionKey: 'note', evidence: 'ticket 7' }, // a note without an answer: new
    ]);
    const plan = planAnswers(model, accepted, [stored('yes', 1), stored('pct', 30), stored('gone', 0)]);
    expect({ created: plan.created, updated: plan.updated, unchanged: plan.unchanged, cleared: plan.cleared }).toEqual({
      created: 2,
      updated: 1,
      unchanged: 1,
      cleared: 1,
    });
    expect(plan.upserts).toEqual([
      { questionKey: 'pct', value: 40, notApplicable: false, comment: null, evidence: null },
      { questionKey: 'na', value: null, notApplicable: true, comment: null, evidence: null },
      { questionKey: 'note', value: null, notApplicable: false, comment: null, evidence: 'ticket 7' },
    ]);
    expect(plan.deletes).toEqual(['gone']);
    expect(plan.changes.map((c) => [c.questionKey, c.before?.value ?? null, c.after?.value ?? null])).toEqual([
      ['pct', 30, 40],
      ['na', null, null],
      ['gone', 0, null],
      ['note', null, null],
    ]);
    // Clearing what was never stored writes nothing.
    expect(planAnswers(model, validateAnswerRows(model, [{ questionKey: 'gone' }]).accepted, [])).toMatchObject({
      unchanged: 1,
      deletes: [],
    });
  });
});
