import fc from 'fast-check';
import { validateAnswers } from './answers';
import { MaturityValidationError } from './errors';
import { mapAnswers } from './map-answers';
import { scoreAssessment } from './score';
import { answersArb, modelArb } from './testing/arbitraries';
import type { Answer, MaturityModel } from './types';

const options = (...values: number[]) => values.map((value) => ({ value, label: `${value}` }));

const v1: MaturityModel = {
  version: 1,
  areas: [
    {
      key: 'technologies',
      dimensions: [
        {
          key: 'infra',
          weight: 1,
          questions: [
            { key: 'cloud', type: 'yes_no', weight: 1 },
            { key: 'maturity', type: 'scale', weight: 1, options: options(1, 2, 3, 4, 5) },
            { key: 'backup', type: 'scale', weight: 1, options: options(0, 1, 2) },
            { key: 'legacy', type: 'percentage', weight: 1 },
            { key: 'mail', type: 'yes_no', weight: 1 },
            { key: 'kept-na', type: 'yes_no', weight: 1 },
          ],
        },
      ],
    },
  ],
};

// v2: "legacy" removed, "mail" became a percentage, "maturity" lost option 5 and gained 0 (1–4 kept),
// "backup" unchanged, "kept-na" became a scale, and a new question "ai".
const v2: MaturityModel = {
  version: 2,
  areas: [
    {
      key: 'technologies',
      dimensions: [
        {
          key: 'infra',
          weight: 1,
          questions: [
            { key: 'cloud', type: 'yes_no', weight: 2 },
            { key: 'maturity', type: 'scale', weight: 1, options: options(0, 1, 2, 3, 4) },
            { key: 'backup', type: 'scale', weight: 1, options: options(0, 1, 2) },
            { key: 'mail', type: 'percentage', weight: 1 },
            { key: 'kept-na', type: 'scale', weight: 1, options: options(0, 1) },
            { key: 'ai', type: 'yes_no', weight: 1 },
          ],
        },
      ],
    },
  ],
};

describe('mapAnswers', () => {
  const answers: Answer[] = [
    { questionKey: 'cloud', value: true },
    { questionKey: 'maturity', value: 5 },
    { questionKey: 'backup', value: 2 },
    { questionKey: 'legacy', value: 30 },
    { questionKey: 'mail', value: false },
    { questionKey: 'kept-na', notApplicable: true },
  ];

  it('keeps matching answers and drops the others with a reason', () => {
    const { kept, dropped } = mapAnswers(answers, v1, v2);
    expect(kept).toEqual([
      { questionKey: 'cloud', value: true },
      { questionKey: 'backup', value: 2 },
      { questionKey: 'kept-na', notApplicable: true },
    ]);
    expect(dropped.map((d) => [d.questionKey, d.reason])).toEqual([
      ['maturity', 'option-removed'],
      ['legacy', 'question-removed'],
      ['mail', 'type-changed'],
    ]);
    expect(dropped[2].message).toBe('question "mail" changed type from yes_no to percentage');
    expect(dropped.every((d) => answers.includes(d.answer))).toBe(true);
  });

  it('keeps a scale value that is still an option, re-scored against the new options', () => {
    const { kept } = mapAnswers([{ questionKey: 'maturity', value: 3 }], v1, v2);
    expect(kept).toEqual([{ questionKey: 'maturity', value: 3 }]);
    // v1: (3 − 1) / (5 − 1) = 0.5; v2: (3 − 0) / (4 − 0) = 0.75
    expect(scoreAssessment(v1, kept).areas[0].dimensions[0].questions[1].score).toBe(50);
    expect(scoreAssessment(v2, kept).areas[0].dimensions[0].questions[1].score).toBe(75);
  });

  it('gives answers that score under the new version; the new questions are missing', () => {
    const { kept } = mapAnswers(answers, v1, v2);
    const r = scoreAssessment(v2, kept);
    expect(r.overall.counts).toEqual({ total: 6, answered: 2, notApplicable: 1, unanswered: 3 });
  });

  it('rejects answers that were not valid for the source version', () => {
    expect(() => mapAnswers([{ questionKey: 'ai', value: true }], v1, v2)).toThrow(MaturityValidationError);
  });

  it('keeps every answer when mapping to the same model (property)', () => {
    fc.assert(
      fc.property(
        modelArb().chain((model) => answersArb(model).map((answers) => ({ model, answers }))),
        ({ model, answers }) => {
          expect(mapAnswers(answers, model, model)).toEqual({ kept: answers, dropped: [] });
        },
      ),
    );
  });

  it('partitions the answers, keeps only what is valid for the new version, and explains each drop (property)', () => {
    const pair = fc.tuple(modelArb(), modelArb()).chain(([from, to]) => answersArb(from).map((answers) => ({ from, to, answers })));
    fc.assert(
      fc.property(pair, ({ from, to, answers }) => {
        const { kept, dropped } = mapAnswers(answers, from, to);
        expect(kept.length + dropped.length).toBe(answers.length);
        expect(validateAnswers(to, kept)).toEqual([]);
        const toQuestions = new Map(to.areas.flatMap((a) => a.dimensions.flatMap((d) => d.questions)).map((q) => [q.key, q]));
        for (const d of dropped) {
          const target = toQuestions.get(d.questionKey);
          if (d.reason === 'question-removed') expect(target).toBeUndefined();
          else expect(target).toBeDefined();
          // Only valued answers can be dropped for a type or option change; N/A follows the key.
          if (d.reason !== 'question-removed') expect('value' in d.answer).toBe(true);
        }
        // An answer whose key survives with the same type and a still-valid value is never dropped.
        for (const a of answers) {
          if (validateAnswers(to, [a]).length === 0) {
            const fromType = from.areas.flatMap((x) => x.dimensions.flatMap((d) => d.questions)).find((q) => q.key === a.questionKey)!.type;
            if (!('value' in a) || toQuestions.get(a.questionKey)!.type === fromType) expect(kept).toContain(a);
          }
        }
      }),
    );
  });
});
