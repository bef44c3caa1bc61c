/** A scale question: the answer is a number in `[min, max]` (METHOD.md §1). */
export interface ScaleQuestion {
  readonly type: 'scale';
  readonly min: number;
  readonly max: number;
}

/** A yes/no question: the answer is a boolean (METHOD.md §1). */
export interface YesNoQuestion {
  readonly type: 'yes_no';
}

/** A percentage question: the answer is a number, nominally 0–100 (METHOD.md §1). */
export interface PercentageQuestion {
  readonly type: 'percentage';
}

/** How a question's answer maps to a score in [0, 1] (METHOD.md §1). */
export type QuestionScoring = ScaleQuestion | YesNoQuestion | PercentageQuestion;

/** The question types of METHOD.md §1. */
export const QUESTION_TYPES = ['scale', 'yes_no', 'percentage'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/**
 * Normalises one answer to a question score `s ∈ [0, 1]` (METHOD.md §1):
 * - `scale`: `(value − min) / (max − min)`; the value must lie in `[min, max]`;
 * - `yes_no`: `true → 1`, `false → 0`;
 * - `percentage`: `value / 100`, clipped to `[0, 1]`.
 *
 * `not_applicable` answers are not scored: leave them out of the {@link weightedMean} items.
 *
 * @throws RangeError if a scale has `min ≥ max` or non-finite bounds, if a scale value lies
 *   outside `[min, max]`, if a number is not finite, or if the answer has the wrong type.
 */
export function questionScore(question: ScaleQuestion | PercentageQuestion, value: number): number;
export function questionScore(question: YesNoQuestion, value: boolean): number;
export function questionScore(question: QuestionScoring, value: number | boolean): number;
export function questionScore(question: QuestionScoring, value: number | boolean): number {
  return scoreOn(question, value, 1, 'questionScore');
}

/**
 * The question score on the 0–100 scale on which scores are shown (METHOD.md §1), `100 · s`, computed
 * without the intermediate rounding of `s`: a 57 % answer gives 57 (not `100 · 0.57 = 56.99999999999999`),
 * the 4th of options 1–5 gives 75. The maturity means are taken over these points, so hand-checkable
 * figures stay exact. Same rules and errors as {@link questionScore}.
 */
export function questionPoints(question: ScaleQuestion | PercentageQuestion, value: number): number;
export function questionPoints(question: YesNoQuestion, value: boolean): number;
export function questionPoints(question: QuestionScoring, value: number | boolean): number;
export function questionPoints(question: QuestionScoring, value: number | boolean): number {
  return scoreOn(question, value, 100, 'questionPoints');
}

function scoreOn(question: QuestionScoring, value: number | boolean, top: 1 | 100, fn: string): number {
  switch (question.type) {
    case 'scale': {
      const { min, max } = question;
      if (!Number.isFinite(min) || !Number.isFinite(max) || !(min < max)) {
        throw new RangeError(`${fn}: scale needs finite min < max (got ${min}..${max})`);
      }
      const x = finiteNumber(value, 'scale', fn);
      if (x < min || x > max) {
        throw new RangeError(`${fn}: scale value ${x} is outside [${min}, ${max}]`);
      }
      const range = max - min;
      if (!Number.isFinite(range)) {
        throw new RangeError(`${fn}: scale range ${min}..${max} overflows`);
      }
      const offset = x - min;
      const scaled = top * offset;
      const score = Number.isFinite(scaled) ? scaled / range : (offset / range) * top;
      // Exact endpoints; clamp guards the last bit of rounding.
      return Math.min(top, Math.max(0, score));
    }
    case 'yes_no':
      if (typeof value !== 'boolean') {
        throw new RangeError(`${fn}: yes_no answer must be a boolean (got ${value})`);
      }
      return value ? top : 0;
    case 'percentage': {
      const x = finiteNumber(value, 'percentage', fn);
      return Math.min(top, Math.max(0, top === 100 ? x : x / 100));
    }
    default: {
      const unknown: never = question;
      throw new RangeError(`${fn}: unknown question type ${(unknown as { type: unknown }).type}`);
    }
  }
}

function finiteNumber(value: number | boolean, type: QuestionType, fn: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`${fn}: ${type} answer must be a finite number (got ${value})`);
  }
  return value;
}
