// An independent, naive re-statement of METHOD.md §1 (plain loops and floating-point sums) that the
// property tests compare scoreAssessment against. Not part of the published build.
import type { Answer, MaturityModel, MaturityQuestion } from '../types';

export interface NaiveScore {
  /** Overall score on 0–100, or null. */
  readonly score: number | null;
  readonly coverage: number;
  readonly areas: ReadonlyArray<{
    score: number | null;
    coverage: number;
    dimensions: ReadonlyArray<{ score: number | null; coverage: number }>;
  }>;
}

function s(question: MaturityQuestion, value: number | boolean): number {
  switch (question.type) {
    case 'yes_no':
      return value ? 1 : 0;
    case 'percentage':
      return Math.min(1, Math.max(0, (value as number) / 100));
    case 'scale': {
      const values = question.options.map((o) => o.value);
      const min = Math.min(...values);
      const max = Math.max(...values);
      return ((value as number) - min) / (max - min);
    }
  }
}

/** Weighted mean over entries with a value, or null. */
function mean(entries: Array<{ w: number; x: number | null }>): number | null {
  let num = 0;
  let den = 0;
  for (const { w, x } of entries) {
    if (x === null) continue;
    num += w * x;
    den += w;
  }
  return den === 0 ? null : num / den;
}

export function naiveScore(model: MaturityModel, answers: ReadonlyArray<Answer>): NaiveScore {
  const byKey = new Map(answers.map((a) => [a.questionKey, a]));
  const areas = model.areas.map((area) => {
    const dimensions = area.dimensions.map((dimension) => {
      let applicable = 0;
      let answered = 0;
      const entries = dimension.questions.map((q) => {
        const a = byKey.get(q.key);
        if (a === undefined) {
          applicable += q.weight;
          return { w: q.weight, x: null };
        }
        if ('notApplicable' in a) return { w: q.weight, x: null };
        applicable += q.weight;
        answered += q.weight;
        return { w: q.weight, x: s(q, a.value) };
      });
      return { score: mean(entries), coverage: applicable === 0 ? null : answered / applicable, weight: dimension.weight };
    });
    const coverage = mean(dimensions.map((d) => ({ w: d.weight, x: d.coverage })));
    return {
      score: mean(dimensions.map((d) => ({ w: d.weight, x: d.score }))),
      coverage,
      weight: area.weight ?? 1,
      dimensions: dimensions.map((d) => ({ score: d.score === null ? null : 100 * d.score, coverage: d.coverage ?? 1 })),
    };
  });
  const overall = mean(areas.map((a) => ({ w: a.weight, x: a.score })));
  const coverage = mean(areas.map((a) => ({ w: a.weight, x: a.coverage })));
  return {
    score: overall === null ? null : 100 * overall,
    coverage: coverage ?? 1,
    areas: areas.map((a) => ({ score: a.score === null ? null : 100 * a.score, coverage: a.coverage ?? 1, dimensions: a.dimensions })),
  };
}
