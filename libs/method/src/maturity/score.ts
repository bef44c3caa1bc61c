import { questionPoints } from '../question-score';
import { exactSum } from '../sum';
import { weightedMean, type WeightedItem } from '../weighted-mean';
import { indexAnswers } from './answers';
import { levelFor } from './levels';
import { prepareModel, type PreparedModel } from './model';
import type { Answer, AreaScore, DimensionScore, MaturityModel, QuestionCounts, QuestionScore, QuestionStatus, ScoreResult } from './types';

/**
 * The largest double below 1. A node with an unanswered applicable question never reports a coverage
 * of 1, even when its missing weight is too small to show in a double (then it reports this).
 */
export const COVERAGE_BELOW_ONE = 1 - 2 ** -53;

/** A question of the model that still needs an answer (neither answered nor not applicable). */
export interface MissingQuestion {
  readonly questionKey: string;
  readonly areaKey: string;
  readonly dimensionKey: string;
  /** e.g. `areas[0].dimensions[2].questions[1]` */
  readonly path: string;
}

/**
 * The questions that still need an answer, in model order. Submitting requires none (METHOD.md §1:
 * "Submitting requires full coverage"); `missingQuestions(...).length === 0` exactly when
 * `scoreAssessment(...).overall.coverage === 1`.
 *
 * @throws MaturityValidationError if the model or the answers are invalid.
 */
export function missingQuestions(model: MaturityModel | PreparedModel, answers: ReadonlyArray<Answer>): MissingQuestion[] {
  const prepared = prepareModel(model);
  const byKey = indexAnswers(prepared, answers);
  const missing: MissingQuestion[] = [];
  for (const question of prepared.questions.values()) {
    if (!byKey.has(question.key)) {
      missing.push({
        questionKey: question.key,
        areaKey: question.areaKey,
        dimensionKey: question.dimensionKey,
        path: `areas[${question.areaIndex}].dimensions[${question.dimensionIndex}].questions[${question.questionIndex}]`,
      });
    }
  }
  return missing;
}

interface QuestionCalc {
  readonly status: QuestionStatus;
  readonly value: number | boolean | null;
  /** 0–100 */
  readonly score: number | null;
}

interface NodeCalc {
  /** 0–100 */
  readonly score: number | null;
  /** Σ weight of the scored children (the denominator of the mean). */
  readonly scoredWeight: number;
  readonly coverage: number;
  /** Whether the node has at least one applicable question (it then counts for its parent's coverage). */
  readonly applicable: boolean;
  readonly counts: QuestionCounts;
}

/**
 * Scores an assessment (METHOD.md §1) and explains the score.
 *
 * - Question score `s ∈ [0, 1]` as in {@link questionScore}; scale min/max are the smallest and
 *   largest option values. Not applicable and unanswered questions are left out of the mean.
 * - Dimension `S_d = Σ w_q·s_q / Σ w_q` over the answered applicable questions; area
 *   `S_a = Σ w_d·S_d / Σ w_d` and overall `S = Σ w_a·S_a / Σ w_a` over the children **that have a
 *   score**: a dimension without an answered applicable question has no score (`null`) and leaves
 *   its area's average (its weight is not in the denominator); likewise an area without a scored
 *   dimension leaves the overall average. With nothing answered the overall score is `null`.
 * - Scores are shown on 0–100. The means are taken directly over the question points
 *   `100 · s` ({@link questionPoints}), which is the same formula scaled by 100 but keeps hand-checkable
 *   figures exact (a 57 % answer scores 57, not 56.99999999999999); `unitScore = score / 100`.
 *   The level is {@link levelFor} of the 0–100 score.
 * - Coverage follows the same tree, weighted by applicability (not by answers):
 *   `cov_d = Σ_answered w_q / Σ_applicable w_q`, `cov_a = Σ w_d·cov_d / Σ w_d` over the dimensions
 *   with an applicable question, overall likewise over areas; so each applicable question counts with
 *   its nominal weight in the overall score. A node with nothing applicable has coverage 1 (nothing is
 *   missing). Coverage is exactly 1 when every applicable question is answered and < 1 otherwise.
 * - Sums are correctly rounded ({@link weightedMean}), so results are exactly reproducible and
 *   independent of the order of areas, dimensions, questions and answers.
 *
 * @throws MaturityValidationError if the model or the answers are invalid.
 */
export function scoreAssessment(model: MaturityModel | PreparedModel, answers: ReadonlyArray<Answer>): ScoreResult {
  const prepared = prepareModel(model);
  const byKey = indexAnswers(prepared, answers);

  // Pass 1: scores and coverage, bottom-up.
  const areaCalcs = prepared.areas.map((area) => {
    const dimensionCalcs = area.dimensions.map((dimension) => {
      const scored: WeightedItem[] = [];
      const answeredWeights: number[] = [];
      const applicableWeights: number[] = [];
      let notApplicable = 0;
      const questions = dimension.questions.map((question): QuestionCalc => {
        const checked = byKey.get(question.key);
        if (checked === undefined) {
          applicableWeights.push(question.weight);
          return { status: 'unanswered', value: null, score: null };
        }
        if (checked.value === null) {
          notApplicable++;
          return { status: 'not_applicable', value: null, score: null };
        }
        const points = questionPoints(question.scoring, checked.value);
        scored.push({ weight: question.weight, value: points });
        answeredWeights.push(question.weight);
        applicableWeights.push(question.weight);
        return { status: 'answered', value: checked.value === 0 ? 0 : checked.value, score: points }; // -0 echoes as 0 (JSON)
      });
      const mean = weightedMean(scored);
      const counts: QuestionCounts = {
        total: questions.length,
        answered: scored.length,
        notApplicable,
        unanswered: questions.length - scored.length - notApplicable,
      };
      const calc: NodeCalc = {
        score: mean.value,
        scoredWeight: mean.totalWeight,
        coverage: leafCoverage(answeredWeights, applicableWeights, counts.unanswered),
        applicable: applicableWeights.length > 0,
        counts,
      };
      return { calc, questions };
    });
    const calc = parentCalc(
      area.dimensions.map((d) => d.weight),
      dimensionCalcs.map((d) => d.calc),
    );
    return { calc, dimensionCalcs };
  });
  const overall = parentCalc(
    prepared.areas.map((a) => a.weight),
    areaCalcs.map((a) => a.calc),
  );

  // Pass 2: the explain tree, top-down (normalised weights need the parent's scored weight).
  const { levels } = prepared;
  const areas = prepared.areas.map((area, a): AreaScore => {
    const { calc, dimensionCalcs } = areaCalcs[a];
    const areaShare = share(area.weight, calc.score, overall.scoredWeight);
    const dimensions = area.dimensions.map((dimension, d): DimensionScore => {
      const dimCalc = dimensionCalcs[d].calc;
      const dimShare = share(dimension.weight, dimCalc.score, calc.scoredWeight);
      const dimInOverall = areaShare * dimShare;
      const questions = dimension.questions.map((question, q): QuestionScore => {
        const qCalc = dimensionCalcs[d].questions[q];
        const qShare = share(question.weight, qCalc.score, dimCalc.scoredWeight);
        const weightInOverall = dimInOverall * qShare;
        const { score } = qCalc;
        // Written out (not spread from explained()): this runs once per question and per assessment.
        return {
          key: question.key,
          type: question.type,
          status: qCalc.status,
          value: qCalc.value,
          weight: question.weight,
          normalisedWeight: qShare,
          weightInOverall,
          unitScore: toUnit(score),
          score,
          contribution: score === null ? 0 : qShare * score,
          contributionToOverall: score === null ? 0 : weightInOverall * score,
        };
      });
      return {
        key: dimension.key,
        ...explained(dimension.weight, dimShare, dimInOverall, dimCalc.score),
        level: levelFor(dimCalc.score, levels),
        coverage: dimCalc.coverage,
        counts: dimCalc.counts,
        questions,
      };
    });
    return {
      key: area.key,
      ...explained(area.weight, areaShare, areaShare, calc.score),
      level: levelFor(calc.score, levels),
      coverage: calc.coverage,
      counts: calc.counts,
      dimensions,
    };
  });

  const { score } = overall;
  return {
    overall: { unitScore: toUnit(score), score, level: levelFor(score, levels), coverage: overall.coverage, counts: overall.counts },
    levels: levels.map(({ level, name, minScore }) => ({ level, name, minScore })),
    areas,
  };
}

/** `cov = Σ answered / Σ applicable`, 1 with nothing applicable, and never 1 with something missing. */
function leafCoverage(answered: number[], applicable: number[], missing: number): number {
  if (applicable.length === 0) return 1;
  if (missing === 0) return 1;
  return Math.min(COVERAGE_BELOW_ONE, exactSum(answered) / exactSum(applicable));
}

/** A parent's score (mean over scored children) and coverage (mean over applicable children). */
function parentCalc(weights: ReadonlyArray<number>, children: ReadonlyArray<NodeCalc>): NodeCalc {
  const scored: WeightedItem[] = [];
  const covered: WeightedItem[] = [];
  const counts = { total: 0, answered: 0, notApplicable: 0, unanswered: 0 };
  children.forEach((child, i) => {
    if (child.score !== null) scored.push({ weight: weights[i], value: child.score });
    if (child.applicable) covered.push({ weight: weights[i], value: child.coverage });
    counts.total += child.counts.total;
    counts.answered += child.counts.answered;
    counts.notApplicable += child.counts.notApplicable;
    counts.unanswered += child.counts.unanswered;
  });
  const mean = weightedMean(scored);
  const coverageMean = weightedMean(covered).value;
  const coverage = counts.unanswered === 0 || coverageMean === null ? 1 : Math.min(COVERAGE_BELOW_ONE, coverageMean);
  return { score: mean.value, scoredWeight: mean.totalWeight, coverage, applicable: covered.length > 0, counts };
}

/** The normalised weight of a child within its parent's mean; 0 for a child without a score. */
function share(weight: number, score: number | null, scoredWeight: number): number {
  return score === null ? 0 : weight / scoredWeight;
}

function toUnit(score: number | null): number | null {
  return score === null ? null : score / 100;
}

function explained(weight: number, normalisedWeight: number, weightInOverall: number, score: number | null) {
  return {
    weight,
    normalisedWeight,
    weightInOverall,
    unitScore: toUnit(score),
    score,
    contribution: score === null ? 0 : normalisedWeight * score,
    contributionToOverall: score === null ? 0 : weightInOverall * score,
  };
}
