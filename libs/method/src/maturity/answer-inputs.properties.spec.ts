import fc from 'fast-check';
import { checkAnswerInputs, DEFAULT_ANSWER_INPUT_LIMITS } from './answer-inputs';
import { validateAnswers } from './answers';
import { validateModel } from './model';
import { missingQuestions, scoreAssessment } from './score';
import { submissionGaps } from './submission';
import { answersArb, modelArb, questionsOf } from './testing/arbitraries';
import type { Answer, MaturityModel } from './types';

/** Valid answers (percentages within 0–100, as people answer) for a generated model. */
const answeredModelArb = modelArb().chain((model) =>
  answersArb(model).map((answers) => ({
    model,
    answers: answers.map((a): Answer =>
      'value' in a && typeof a.value === 'number' && isPercentage(model, a.questionKey) ? { ...a, value: clamp(a.value) } : a,
    ),
  })),
);

function isPercentage(model: MaturityModel, key: string): boolean {
  return questionsOf(model).find((q) => q.key === key)?.type === 'percentage';
}
const clamp = (v: number) => Math.min(100, Math.max(0, v));

/** How a person or an integrator may send a valid answer: yes/no as 1/0, an explicit `notApplicable: false`, notes. */
function encode(answer: Answer, style: number, note: string): Record<string, unknown> {
  const input: Record<string, unknown> = { ...answer };
  if ('value' in answer && typeof answer.value === 'boolean' && style % 2 === 1) input.value = answer.value ? 1 : 0;
  if ('value' in answer && style % 3 === 1) input.notApplicable = false;
  if (style % 5 === 2) input.comment = note;
  if (style % 7 === 3) input.evidence = note;
  return input;
}

/** Inputs of every kind: valid ones, near misses (mutated fields) and arbitrary JSON. */
function inputsArb(model: MaturityModel): fc.Arbitrary<unknown[]> {
  const keys = questionsOf(model).map((q) => q.key);
  const nearMiss = fc.record(
    {
      questionKey: fc.oneof(fc.constantFrom(...keys), fc.string(), fc.integer()),
      value: fc.oneof(fc.integer({ min: -5, max: 120 }), fc.boolean(), fc.double(), fc.string(), fc.constant(null)),
      notApplicable: fc.oneof(fc.boolean(), fc.constant('true')),
      comment: fc.oneof(fc.string({ maxLength: 20 }), fc.constant(null), fc.integer()),
      extra: fc.jsonValue(),
    },
    { requiredKeys: [] },
  );
  return fc.array(fc.oneof(nearMiss, fc.jsonValue()), { maxLength: 30 });
}

describe('checkAnswerInputs — properties', () => {
  it('accepts every valid answer however it is encoded, and gives back the same answers', () => {
    fc.assert(
      fc.property(answeredModelArb, fc.nat(), fc.string({ maxLength: 40 }), ({ model, answers }, seed, note) => {
        const inputs = answers.map((a, i) => encode(a, seed + i, note));
        const { accepted, rejected } = checkAnswerInputs(model, inputs);
        expect(rejected).toEqual([]);
        expect(accepted.map((a) => a.answer)).toEqual(answers);
        const trimmed = note.trim() === '' ? null : note.trim();
        accepted.forEach((a, i) => {
          expect(a.comment).toBe((seed + i) % 5 === 2 ? trimmed : null);
          expect(a.evidence).toBe((seed + i) % 7 === 3 ? trimmed : null);
        });
      }),
    );
  });

  it('puts every input in exactly one list, accepts each question once, and accepts only what scoring accepts', () => {
    fc.assert(
      fc.property(
        modelArb().chain((model) => inputsArb(model).map((inputs) => ({ model, inputs }))),
        ({ model, inputs }) => {
          const { accepted, rejected } = checkAnswerInputs(model, inputs);
          const indices = [...accepted.map((a) => a.index), ...rejected.map((r) => r.index)].sort((x, y) => x - y);
          expect(indices).toEqual(inputs.map((_, i) => i));
          expect(new Set(accepted.map((a) => a.questionKey)).size).toBe(accepted.length);
          const answers = accepted.flatMap((a) => (a.answer ? [a.answer] : []));
          expect(validateAnswers(model, answers)).toEqual([]);
          expect(() => scoreAssessment(model, answers)).not.toThrow();
          for (const r of rejected) {
            expect(r.message).toEqual(expect.any(String));
            if (r.code === 'duplicate-answer') expect(r.firstIndex).toBeLessThan(r.index);
          }
        },
      ),
    );
  });

  it('accepts a percentage exactly when it is a finite number from 0 to 100', () => {
    const model: MaturityModel = {
      areas: [{ key: 'a', dimensions: [{ key: 'd', weight: 1, questions: [{ key: 'p', type: 'percentage', weight: 1 }] }] }],
    };
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.integer({ min: -200, max: 200 })), (value) => {
        const { accepted } = checkAnswerInputs(model, [{ questionKey: 'p', value }]);
        expect(accepted.length === 1).toBe(Number.isFinite(value) && value >= 0 && value <= 100);
      }),
    );
  });

  it('accepts a comment exactly up to its limit', () => {
    const model: MaturityModel = {
      areas: [{ key: 'a', dimensions: [{ key: 'd', weight: 1, questions: [{ key: 'q', type: 'yes_no', weight: 1 }] }] }],
    };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 50 }), (length, limit) => {
        const { accepted, rejected } = checkAnswerInputs(model, [{ questionKey: 'q', value: true, comment: 'x'.repeat(length) }], {
          commentMaxLength: limit,
        });
        expect(accepted.length).toBe(length <= limit ? 1 : 0);
        if (length > limit) expect(rejected[0]).toMatchObject({ code: 'text-too-long', maxLength: limit });
      }),
    );
    expect(DEFAULT_ANSWER_INPUT_LIMITS).toEqual({ commentMaxLength: 4000, evidenceMaxLength: 2000 });
  });
});

describe('submissionGaps — properties', () => {
  it('lists the missing answers exactly as missingQuestions, and asks evidence of every applicable question that requires it', () => {
    fc.assert(
      fc.property(answeredModelArb, fc.boolean(), ({ model, answers }, withEvidence) => {
        const gaps = submissionGaps(model, answers, () => withEvidence);
        expect(gaps.filter((g) => g.missing === 'answer').map((g) => g.questionKey)).toEqual(
          missingQuestions(model, answers).map((m) => m.questionKey),
        );
        const notApplicable = new Set(answers.filter((a) => 'notApplicable' in a).map((a) => a.questionKey));
        const expected = withEvidence
          ? []
          : questionsOf(model)
              .filter((q) => q.evidenceRequired && !notApplicable.has(q.key))
              .map((q) => q.key);
        expect(gaps.filter((g) => g.missing === 'evidence').map((g) => g.questionKey)).toEqual(expected);
        // Nothing missing ⇔ full coverage and every required evidence present.
        expect(gaps.length === 0).toBe(scoreAssessment(model, answers).overall.coverage === 1 && (withEvidence || expected.length === 0));
      }),
    );
  });
});

describe('validateModel — the ordering rules (properties)', () => {
  it('refuses a scale whose first two options are swapped, naming the option out of place', () => {
    fc.assert(
      fc.property(modelArb(), fc.nat(), (model, pick) => {
        const scales = questionsOf(model).filter((q) => q.type === 'scale');
        fc.pre(scales.length > 0);
        const target = scales[pick % scales.length];
        const swapped = JSON.parse(JSON.stringify(model)) as MaturityModel;
        for (const q of questionsOf(swapped)) {
          if (q.key !== target.key || q.type !== 'scale') continue;
          const options = q.options as unknown[];
          [options[0], options[1]] = [options[1], options[0]];
        }
        const issues = validateModel(swapped);
        expect(issues.map((i) => i.code)).toEqual(['not-increasing']);
        expect(issues[0].path).toMatch(/\.options\[1\]\.value$/);
      }),
    );
  });

  it('refuses levels not numbered 1, 2, 3… in order', () => {
    fc.assert(
      fc.property(modelArb(), fc.integer({ min: 2, max: 9 }), (model, shift) => {
        fc.pre(model.levels !== undefined);
        const renumbered = { ...model, levels: model.levels!.map((l) => ({ ...l, level: l.level * shift })) };
        const issues = validateModel(renumbered);
        expect(issues.length).toBeGreaterThan(0);
        expect(new Set(issues.map((i) => i.code))).toEqual(new Set(['not-sequential']));
      }),
    );
  });
});
