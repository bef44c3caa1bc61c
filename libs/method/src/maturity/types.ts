import type { QuestionType } from '../question-score';

/** One option of a scale question: the answer is one of the option values (METHOD.md §1). */
export interface ScaleOption {
  readonly value: number;
  readonly label: string;
}

interface QuestionBase {
  /** Stable across model versions: answers follow the key when re-scoring (see {@link mapAnswers}). */
  readonly key: string;
  /** Relative weight within the question's dimension: finite, `0 < weight ≤ MAX_WEIGHT`. */
  readonly weight: number;
  readonly text?: string;
  /** The public framework the question comes from (METHOD.md §1, grounding of the default model). */
  readonly source?: string;
  /** Whether an answer must carry evidence (checked by the API, not by scoring). */
  readonly evidenceRequired?: boolean;
}

/** Scored `(value − min) / (max − min)` where min/max are the smallest/largest option values. */
export interface ScaleMaturityQuestion extends QuestionBase {
  readonly type: 'scale';
  /** At least two options with distinct finite values; an answer must be one of the values. */
  readonly options: ReadonlyArray<ScaleOption>;
}

/** Scored `1 | 0`; the answer is a boolean. */
export interface YesNoMaturityQuestion extends QuestionBase {
  readonly type: 'yes_no';
}

/** Scored `value / 100` clipped to [0, 1]; the answer is a finite number. */
export interface PercentageMaturityQuestion extends QuestionBase {
  readonly type: 'percentage';
}

export type MaturityQuestion = ScaleMaturityQuestion | YesNoMaturityQuestion | PercentageMaturityQuestion;

export interface MaturityDimension {
  /** Unique within the model. */
  readonly key: string;
  readonly name?: string;
  /** Relative weight within the dimension's area: finite, `0 < weight ≤ MAX_WEIGHT`. */
  readonly weight: number;
  readonly questions: ReadonlyArray<MaturityQuestion>;
}

export interface MaturityArea {
  /** Unique within the model (default model: `technologies`, `processes`, `people`). */
  readonly key: string;
  readonly name?: string;
  /** Relative weight within the model; omitted means 1 (area weights default equal, METHOD.md §1). */
  readonly weight?: number;
  readonly dimensions: ReadonlyArray<MaturityDimension>;
}

/** A maturity level: it starts at `minScore` on the 0–100 scale (METHOD.md §1). */
export interface MaturityLevel {
  readonly level: number;
  readonly name: string;
  readonly minScore: number;
}

/** One version of a maturity model (METHOD.md §1). A published version is immutable. */
export interface MaturityModel {
  readonly key?: string;
  readonly version?: string | number;
  readonly areas: ReadonlyArray<MaturityArea>;
  /** Strictly increasing thresholds starting at 0; omitted means {@link DEFAULT_LEVELS}. */
  readonly levels?: ReadonlyArray<MaturityLevel>;
}

/** An answer to one question: a value, or "not applicable" (METHOD.md §1). */
export type Answer = ValueAnswer | NotApplicableAnswer;

export interface ValueAnswer {
  readonly questionKey: string;
  /** scale: one of the option values; yes_no: a boolean; percentage: a finite number (clipped). */
  readonly value: number | boolean;
}

export interface NotApplicableAnswer {
  readonly questionKey: string;
  readonly notApplicable: true;
}

/** A problem found by {@link validateModel} or {@link validateAnswers}. */
export interface ValidationIssue<Code extends string = ModelIssueCode | AnswerIssueCode> {
  /** Where, e.g. `areas[1].dimensions[0].questions[3].weight` or `answers[4].value`. */
  readonly path: string;
  readonly code: Code;
  readonly message: string;
}

export type ModelIssueCode =
  | 'required' // a field is missing, or the value is not an object / array
  | 'invalid-type' // a field has the wrong type
  | 'empty' // an empty key, name or list
  | 'not-positive' // a weight ≤ 0
  | 'not-finite' // NaN or ±Infinity
  | 'out-of-range' // a weight above MAX_WEIGHT, a threshold outside [0, 100], option values too far apart to score
  | 'first-not-zero' // the first level's threshold is not 0 (a score would have no level)
  | 'not-increasing' // thresholds or a scale's option values not strictly increasing
  | 'not-sequential' // level numbers other than 1, 2, 3… in order
  | 'duplicate' // a repeated key, option value or level number
  | 'too-few-options' // a scale question with fewer than two options
  | 'unknown-type'; // a question type other than scale | yes_no | percentage

export type AnswerIssueCode =
  | 'invalid-answer' // not an object, or neither/both of `value` and `notApplicable: true`
  | 'unknown-question' // the key is not a question of the model
  | 'duplicate-answer' // a second answer to the same question
  | 'invalid-value'; // the value does not fit the question type (or is not a scale option)

export type ModelIssue = ValidationIssue<ModelIssueCode>;
export type AnswerIssue = ValidationIssue<AnswerIssueCode>;

/** Whether a question was answered, marked not applicable, or left open. */
export type QuestionStatus = 'answered' | 'not_applicable' | 'unanswered';

/** How many questions of a node were answered, marked not applicable, or left open. */
export interface QuestionCounts {
  readonly total: number;
  readonly answered: number;
  readonly notApplicable: number;
  readonly unanswered: number;
}

/**
 * Explain-tree fields shared by areas, dimensions and questions. Scores are given both on the
 * 0–100 scale shown to users (`score`, the one the means are computed on) and on [0, 1]
 * (`unitScore = score / 100`); contributions are in points of the 0–100 scale. A node without a score (`null`) has `normalisedWeight`, `weightInOverall`,
 * `contribution` and `contributionToOverall` equal to 0: it leaves its parent's average.
 */
export interface ExplainedNode {
  readonly key: string;
  /** The weight as defined in the model (areas without a weight: 1). */
  readonly weight: number;
  /** `weight / Σ weight` over the scored siblings (those entering the parent's mean); 0 if unscored. */
  readonly normalisedWeight: number;
  /** Product of the normalised weights from the overall score down to this node. */
  readonly weightInOverall: number;
  readonly unitScore: number | null;
  readonly score: number | null;
  /** Points of the parent's score: `normalisedWeight × score`; they add up to the parent's score. */
  readonly contribution: number;
  /** Points of the overall score: `weightInOverall × score`; they add up to the overall score. */
  readonly contributionToOverall: number;
}

export interface QuestionScore extends ExplainedNode {
  readonly type: QuestionType;
  readonly status: QuestionStatus;
  /** The answer value as given (`null` when not applicable or unanswered). */
  readonly value: number | boolean | null;
}

export interface DimensionScore extends ExplainedNode {
  readonly level: MaturityLevel | null;
  /** Answered applicable question weight / applicable question weight (1 when nothing is applicable). */
  readonly coverage: number;
  readonly counts: QuestionCounts;
  readonly questions: ReadonlyArray<QuestionScore>;
}

export interface AreaScore extends ExplainedNode {
  readonly level: MaturityLevel | null;
  readonly coverage: number;
  readonly counts: QuestionCounts;
  readonly dimensions: ReadonlyArray<DimensionScore>;
}

export interface OverallScore {
  readonly unitScore: number | null;
  /** The overall score on 0–100, `null` when no question has been answered (never NaN). */
  readonly score: number | null;
  readonly level: MaturityLevel | null;
  /** 1 exactly when every applicable question is answered. */
  readonly coverage: number;
  readonly counts: QuestionCounts;
}

/** The result of {@link scoreAssessment}: plain JSON-serialisable data (no `undefined`, no NaN). */
export interface ScoreResult {
  readonly overall: OverallScore;
  /** The model's levels (defaults applied), so {@link gaps} and auditors need nothing else. */
  readonly levels: ReadonlyArray<MaturityLevel>;
  readonly areas: ReadonlyArray<AreaScore>;
}
