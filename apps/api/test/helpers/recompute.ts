import type { ModelDefinition, QuestionDefinition } from '../../src/maturity/models/model-definition';
import { questionsOf, type AnswerInput } from './maturity';

/**
 * An independent recomputation of maturity scores (METHOD.md §1) from an explain tree, shared by the
 * maturity spec and the demo-data spec: the API's figures are checked, never reused.
 */

export interface ExplainedQuestion {
  key: string;
  text: string;
  answerLabel: string | null;
  type: 'scale' | 'yes_no' | 'percentage';
  status: 'answered' | 'not_applicable' | 'unanswered';
  value: number | boolean | null;
  weight: number;
  unitScore: number | null;
  score: number | null;
  contributionToOverall: number;
}
export interface ExplainedDimension {
  key: string;
  name: string;
  weight: number;
  score: number | null;
  level: number | null;
  questions?: ExplainedQuestion[];
}
export interface ExplainedArea {
  key: string;
  name: string;
  weight: number;
  score: number | null;
  level: number | null;
  dimensions: ExplainedDimension[];
}
export interface ScoresBody {
  assessmentId: string;
  modelVersionId: string;
  computedAt: string | null;
  overall: { score: number | null; level: number | null; levelName: string | null; coverage: number };
  levels: { level: number; name: string; minScore: number }[];
  areas: ExplainedArea[];
}

/** METHOD.md §1 normalisation, by hand: scale (v − min)/(max − min), yes/no 1|0, percentage v/100 clipped. */
export function normalised(question: QuestionDefinition, value: number | boolean): number {
  if (question.type === 'yes_no') return value === true || value === 1 ? 1 : 0;
  if (question.type === 'percentage') return Math.min(1, Math.max(0, (value as number) / 100));
  const values = (question.options ?? []).map((o) => o.value);
  const min = Math.min(...values);
  const max = Math.max(...values);
  return ((value as number) - min) / (max - min);
}

/** Σ w·s / Σ w over the items that have a score; null when none has. */
export function weightedMean(items: { weight: number; score: number | null }[]): number | null {
  const scored = items.filter((i): i is { weight: number; score: number } => i.score !== null);
  if (scored.length === 0) return null;
  return scored.reduce((sum, i) => sum + i.weight * i.score, 0) / scored.reduce((sum, i) => sum + i.weight, 0);
}

/**
 * Recomputes a score from its explain tree with METHOD.md §1 — S_d = Σ w_q·s_q / Σ w_q over the
 * applicable answered questions, S_a = Σ w_d·S_d / Σ w_d, S = Σ w_a·S_a / Σ w_a, × 100 — from the
 * weights and normalised answers only (never the contributions). The normalised answers and weights
 * are themselves checked against the model definition and the answers given.
 */
export function expectRecomputes(scores: ScoresBody, definition: ModelDefinition, answers: AnswerInput[]): void {
  const given = new Map(answers.map((a) => [a.questionKey, a]));
  const byKey = new Map(questionsOf(definition).map((q) => [q.key, q]));
  const mismatches: string[] = [];
  const close = (label: string, mine: number | null, theirs: number | null) => {
    if (mine === null || theirs === null ? mine !== theirs : Math.abs(mine - theirs) > 0.1)
      mismatches.push(`${label}: recomputed ${mine}, API ${theirs}`);
  };
  const levelOf = (score: number | null) => (score === null ? null : scores.levels.filter((l) => l.minScore <= score).pop()!.level);

  expect(scores.areas.map((a) => a.key)).toEqual(definition.areas.map((a) => a.key));
  const areaScores = scores.areas.map((area, a) => {
    const areaDefinition = definition.areas[a];
    if (area.weight !== areaDefinition.weight) mismatches.push(`${area.key}: weight ${area.weight}, model ${areaDefinition.weight}`);
    const dimensionScores = area.dimensions.map((dimension, d) => {
      const dimensionDefinition = areaDefinition.dimensions[d];
      if (dimension.key !== dimensionDefinition.key || dimension.weight !== dimensionDefinition.weight) {
        mismatches.push(`${dimension.key}: weight ${dimension.weight}, model ${dimensionDefinition.key} ${dimensionDefinition.weight}`);
      }
      const items = (dimension.questions ?? []).map((q) => {
        const question = byKey.get(q.key)!;
        const answer = given.get(q.key);
        if (q.weight !== question.weight) mismatches.push(`${q.key}: weight ${q.weight}, model ${question.weight}`);
        const expectedStatus = !answer ? 'unanswered' : answer.notApplicable ? 'not_applicable' : 'answered';
        if (q.status !== expectedStatus) mismatches.push(`${q.key}: status ${q.status}, expected ${expectedStatus}`);
        if (q.status === 'answered' && answer?.value !== undefined && answer.value !== null) {
          const s = normalised(question, answer.value);
          if (q.unitScore === null || Math.abs(q.unitScore - s) > 1e-12)
            mismatches.push(`${q.key}: normalised ${q.unitScore}, by hand ${s}`);
        }
        return { weight: q.weight, score: q.status === 'answered' ? q.unitScore : null };
      });
      expect(items).toHaveLength(dimensionDefinition.questions.length);
      const sd = weightedMean(items);
      close(`dimension ${dimension.key}`, sd === null ? null : sd * 100, dimension.score);
      if (levelOf(dimension.score) !== dimension.level) mismatches.push(`dimension ${dimension.key}: level ${dimension.level}`);
      return { weight: dimension.weight, score: sd };
    });
    const sa = weightedMean(dimensionScores);
    close(`area ${area.key}`, sa === null ? null : sa * 100, area.score);
    return { weight: area.weight, score: sa };
  });
  const s = weightedMean(areaScores);
  close('overall', s === null ? null : s * 100, scores.overall.score);
  expect(mismatches).toEqual([]);
  expect(scores.overall.level).toBe(levelOf(s === null ? null : s * 100));
}
