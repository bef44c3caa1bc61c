// Test helpers: fast-check arbitraries and a deterministic generator of maturity models and answers.
// Not part of the published build (tsconfig.build.json excludes src/**/testing/**).
import fc from 'fast-check';
import type { Answer, MaturityArea, MaturityLevel, MaturityModel, MaturityQuestion } from '../types';

export interface ModelShape {
  readonly maxAreas?: number;
  readonly maxDimensions?: number;
  readonly maxQuestions?: number;
}

/** Weights the validator accepts, in a range where scaling by k ∈ [1e-3, 1e3] stays valid. */
export const weightArb = fc.oneof(fc.integer({ min: 1, max: 10 }), fc.double({ min: 0.01, max: 100, noNaN: true }));

type QuestionDraft = Omit<MaturityQuestion, 'key'> & { key?: never };

const questionTypeDraftArb: fc.Arbitrary<QuestionDraft> = fc.oneof(
  fc
    .record({ weight: weightArb, values: fc.uniqueArray(fc.integer({ min: -5, max: 10 }), { minLength: 2, maxLength: 6 }) })
    .map(({ weight, values }) => ({
      type: 'scale' as const,
      weight,
      options: [...values].sort((a, b) => a - b).map((value) => ({ value, label: `option ${value}` })),
    })),
  weightArb.map((weight) => ({ type: 'yes_no' as const, weight })),
  weightArb.map((weight) => ({ type: 'percentage' as const, weight })),
);

/** About one question in four requires evidence (which scoring ignores and submission checks). */
const questionDraftArb: fc.Arbitrary<QuestionDraft> = fc
  .tuple(questionTypeDraftArb, fc.integer({ min: 0, max: 3 }))
  .map(([question, roll]) => (roll === 0 ? { ...question, evidenceRequired: true } : question));

/** Valid level lists: thresholds strictly increasing from 0. */
export const levelsArb: fc.Arbitrary<MaturityLevel[]> = fc
  .uniqueArray(fc.double({ min: 0.5, max: 100, noNaN: true }), { maxLength: 6 })
  .map((thresholds) => [0, ...thresholds.sort((a, b) => a - b)].map((minScore, i) => ({ level: i + 1, name: `Level ${i + 1}`, minScore })));

/**
 * Valid models. Keys follow the structure (`area0`, `area0.dim1`, `q0.1.2`), so two generated models
 * share the keys of the positions they have in common (useful for {@link mapAnswers}).
 */
export function modelArb(shape: ModelShape = {}): fc.Arbitrary<MaturityModel> {
  const { maxAreas = 3, maxDimensions = 3, maxQuestions = 4 } = shape;
  const dimensionArb = fc.record({ weight: weightArb, questions: fc.array(questionDraftArb, { minLength: 1, maxLength: maxQuestions }) });
  const areaArb = fc.record(
    { weight: weightArb, dimensions: fc.array(dimensionArb, { minLength: 1, maxLength: maxDimensions }) },
    { requiredKeys: ['dimensions'] },
  );
  return fc
    .record({ areas: fc.array(areaArb, { minLength: 1, maxLength: maxAreas }), levels: fc.option(levelsArb, { nil: undefined }) })
    .map(({ areas, levels }) => ({
      areas: areas.map((area, a): MaturityArea => ({
        key: `area${a}`,
        ...(area.weight === undefined ? {} : { weight: area.weight }),
        dimensions: area.dimensions.map((dimension, d) => ({
          key: `area${a}.dim${d}`,
          weight: dimension.weight,
          questions: dimension.questions.map((question, q) => ({ ...question, key: `q${a}.${d}.${q}` }) as MaturityQuestion),
        })),
      })),
      ...(levels === undefined ? {} : { levels }),
    }));
}

/** Every question of a model, in model order. */
export function questionsOf(model: MaturityModel): MaturityQuestion[] {
  return model.areas.flatMap((a) => a.dimensions.flatMap((d) => d.questions));
}

/** A valid answer value for a question. */
export function valueArb(question: MaturityQuestion): fc.Arbitrary<number | boolean> {
  switch (question.type) {
    case 'scale':
      return fc.constantFrom(...question.options.map((o) => o.value));
    case 'yes_no':
      return fc.boolean();
    case 'percentage':
      return fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: -20, max: 120, noNaN: true }));
  }
}

export interface AnswerMix {
  /** Relative frequencies of answered / not applicable / unanswered questions. */
  readonly answered?: number;
  readonly notApplicable?: number;
  readonly unanswered?: number;
}

/** Valid answers for a model (each question answered, not applicable, or left out), shuffled. */
export function answersArb(model: MaturityModel, mix: AnswerMix = {}): fc.Arbitrary<Answer[]> {
  const { answered = 6, notApplicable = 1, unanswered = 2 } = mix;
  const perQuestion = questionsOf(model).map((question) => {
    const options: Array<fc.WeightedArbitrary<Answer | null>> = [];
    if (answered > 0)
      options.push({ weight: answered, arbitrary: valueArb(question).map((value) => ({ questionKey: question.key, value })) });
    if (notApplicable > 0)
      options.push({ weight: notApplicable, arbitrary: fc.constant({ questionKey: question.key, notApplicable: true as const }) });
    if (unanswered > 0) options.push({ weight: unanswered, arbitrary: fc.constant(null) });
    return fc.oneof(...options);
  });
  return fc.tuple(fc.tuple(...perQuestion), fc.nat()).map(([answers, seed]) =>
    shuffle(
      answers.filter((a): a is Answer => a !== null),
      seed,
    ),
  );
}

/** A model with answers for it. */
export function assessmentArb(shape: ModelShape = {}, mix: AnswerMix = {}): fc.Arbitrary<{ model: MaturityModel; answers: Answer[] }> {
  return modelArb(shape).chain((model) => answersArb(model, mix).map((answers) => ({ model, answers })));
}

/** Deterministic Fisher–Yates shuffle driven by a seed. */
export function shuffle<T>(xs: ReadonlyArray<T>, seed: number): T[] {
  const out = [...xs];
  let state = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export interface GenerateOptions {
  readonly areas?: number;
  readonly dimensionsPerArea?: number;
  readonly questionsPerDimension?: number;
  readonly seed?: number;
}

/** A deterministic model of the given size (e.g. 3 × 6 × 11 ≈ 200 questions), all question types mixed. */
export function generateModel(options: GenerateOptions = {}): MaturityModel {
  const { areas = 3, dimensionsPerArea = 6, questionsPerDimension = 11, seed = 1 } = options;
  const random = lcg(seed);
  return {
    key: 'generated',
    version: seed,
    areas: Array.from({ length: areas }, (_, a) => ({
      key: `area${a}`,
      weight: 1 + Math.floor(random() * 3),
      dimensions: Array.from({ length: dimensionsPerArea }, (_, d) => ({
        key: `area${a}.dim${d}`,
        weight: 1 + Math.floor(random() * 5),
        questions: Array.from({ length: questionsPerDimension }, (_, q): MaturityQuestion => {
          const key = `q${a}.${d}.${q}`;
          const weight = 1 + Math.floor(random() * 4);
          switch (q % 3) {
            case 0:
              return { key, weight, type: 'scale', options: [0, 1, 2, 3, 4].map((value) => ({ value, label: `level ${value}` })) };
            case 1:
              return { key, weight, type: 'yes_no' };
            default:
              return { key, weight, type: 'percentage' };
          }
        }),
      })),
    })),
  };
}

/** Deterministic answers to every question of a model; `notApplicableRate` of them not applicable. */
export function generateAnswers(model: MaturityModel, seed = 1, notApplicableRate = 0.05): Answer[] {
  const random = lcg(seed);
  return questionsOf(model).map((question): Answer => {
    if (random() < notApplicableRate) return { questionKey: question.key, notApplicable: true };
    switch (question.type) {
      case 'scale':
        return { questionKey: question.key, value: question.options[Math.floor(random() * question.options.length)].value };
      case 'yes_no':
        return { questionKey: question.key, value: random() < 0.5 };
      case 'percentage':
        return { questionKey: question.key, value: Math.round(random() * 100) };
    }
  });
}

function lcg(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
