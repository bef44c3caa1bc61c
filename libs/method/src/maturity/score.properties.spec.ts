import fc from 'fast-check';
import { exactSum } from '../sum';
import { levelFor } from './levels';
import { COVERAGE_BELOW_ONE, missingQuestions, scoreAssessment } from './score';
import { assessmentArb, levelsArb, modelArb, answersArb, questionsOf, shuffle } from './testing/arbitraries';
import { naiveScore } from './testing/oracle';
import type { Answer, MaturityModel, MaturityQuestion, ScoreResult } from './types';

const assessment = assessmentArb();
const k = fc.double({ min: 1e-3, max: 1e3, noNaN: true });
const TOLERANCE = 1e-9;

/** Every score of the tree (overall, areas, dimensions, questions), in a fixed order. */
function allScores(r: ScoreResult): Array<number | null> {
  return [
    r.overall.score,
    ...r.areas.flatMap((a) => [a.score, ...a.dimensions.flatMap((d) => [d.score, ...d.questions.map((q) => q.score)])]),
  ];
}

function close(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= TOLERANCE;
}

type Scaling = { question?: number; dimension?: number; area?: number };

function scaleWeights(model: MaturityModel, { question = 1, dimension = 1, area = 1 }: Scaling): MaturityModel {
  return {
    ...model,
    areas: model.areas.map((a) => ({
      ...a,
      weight: (a.weight ?? 1) * area,
      dimensions: a.dimensions.map((d) => ({
        ...d,
        weight: d.weight * dimension,
        questions: d.questions.map((q) => ({ ...q, weight: q.weight * question })),
      })),
    })),
  };
}

/** A strictly better answer to the same question, if there is one. */
function improved(question: MaturityQuestion, value: number | boolean, bump: number): number | boolean | null {
  switch (question.type) {
    case 'yes_no':
      return value === false ? true : null;
    case 'percentage':
      return (value as number) + bump;
    case 'scale': {
      const higher = question.options.map((o) => o.value).filter((v) => v > (value as number));
      return higher.length === 0 ? null : higher[Math.floor(bump) % higher.length];
    }
  }
}

describe('scoreAssessment — properties (METHOD.md §1)', () => {
  it('keeps every score in [0, 100] and every coverage in [0, 1]; never NaN, always JSON', () => {
    fc.assert(
      fc.property(assessment, ({ model, answers }) => {
        const r = scoreAssessment(model, answers);
        for (const s of allScores(r)) {
          if (s === null) continue;
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(100);
        }
        const coverages = [r.overall.coverage, ...r.areas.flatMap((a) => [a.coverage, ...a.dimensions.map((d) => d.coverage)])];
        for (const c of coverages) {
          expect(c).toBeGreaterThanOrEqual(0);
          expect(c).toBeLessThanOrEqual(1);
        }
        const json = JSON.stringify(r);
        expect(json).not.toMatch(/NaN|Infinity|undefined/);
        expect(JSON.parse(json)).toEqual(r);
      }),
    );
  });

  it('agrees with a naive re-statement of the formulas', () => {
    fc.assert(
      fc.property(assessment, ({ model, answers }) => {
        const r = scoreAssessment(model, answers);
        const naive = naiveScore(model, answers);
        expect(close(r.overall.score, naive.score)).toBe(true);
        expect(Math.abs(r.overall.coverage - naive.coverage)).toBeLessThanOrEqual(TOLERANCE);
        r.areas.forEach((a, i) => {
          expect(close(a.score, naive.areas[i].score)).toBe(true);
          expect(Math.abs(a.coverage - naive.areas[i].coverage)).toBeLessThanOrEqual(TOLERANCE);
          a.dimensions.forEach((d, j) => {
            expect(close(d.score, naive.areas[i].dimensions[j].score)).toBe(true);
            expect(Math.abs(d.coverage - naive.areas[i].dimensions[j].coverage)).toBeLessThanOrEqual(TOLERANCE);
          });
        });
      }),
    );
  });

  it.each<[string, (k: number) => Scaling]>([
    ['the question weights', (x) => ({ question: x })],
    ['the dimension weights', (x) => ({ dimension: x })],
    ['the area weights', (x) => ({ area: x })],
    ['all weights together', (x) => ({ question: x, dimension: x, area: x })],
  ])('does not change when %s are scaled by k > 0', (_label, scaling) => {
    fc.assert(
      fc.property(assessment, k, ({ model, answers }, factor) => {
        const before = scoreAssessment(model, answers);
        const after = scoreAssessment(scaleWeights(model, scaling(factor)), answers);
        const a = allScores(before);
        const b = allScores(after);
        a.forEach((s, i) => expect(close(s, b[i])).toBe(true));
        expect(Math.abs(after.overall.coverage - before.overall.coverage)).toBeLessThanOrEqual(TOLERANCE);
        expect(after.overall.level).toEqual(before.overall.level === null ? null : expect.anything());
      }),
    );
  });

  it('never decreases when one answer improves (nor do its dimension and area)', () => {
    fc.assert(
      fc.property(assessment, fc.nat(), fc.double({ min: 0, max: 50, noNaN: true }), ({ model, answers }, pick, bump) => {
        const questions = new Map(questionsOf(model).map((q) => [q.key, q]));
        const candidates = answers.flatMap((a, i) => {
          if (!('value' in a)) return [];
          const better = improved(questions.get(a.questionKey)!, a.value, bump);
          return better === null ? [] : [{ i, better }];
        });
        fc.pre(candidates.length > 0);
        const { i, better } = candidates[pick % candidates.length];
        const raised = answers.map((a, j): Answer => (j === i ? { questionKey: a.questionKey, value: better } : a));
        const before = scoreAssessment(model, answers);
        const after = scoreAssessment(model, raised);
        expect(after.overall.score!).toBeGreaterThanOrEqual(before.overall.score!);
        after.areas.forEach((area, ai) => {
          if (area.score !== null) expect(area.score).toBeGreaterThanOrEqual(before.areas[ai].score!);
          area.dimensions.forEach((d, di) => {
            if (d.score !== null) expect(d.score).toBeGreaterThanOrEqual(before.areas[ai].dimensions[di].score!);
          });
        });
        expect(after.overall.level!.level).toBeGreaterThanOrEqual(before.overall.level!.level);
        expect(after.overall.coverage).toBe(before.overall.coverage);
      }),
    );
  });

  it('ignores not-applicable answers: marking open questions N/A changes no score, only coverage denominators', () => {
    fc.assert(
      fc.property(assessment, fc.array(fc.boolean(), { maxLength: 40 }), fc.nat(), ({ model, answers }, picks, seed) => {
        const answered = new Set(answers.map((a) => a.questionKey));
        const open = questionsOf(model).filter((q) => !answered.has(q.key));
        const marked = open.filter((_q, i) => picks[i] ?? false).map((q) => ({ questionKey: q.key, notApplicable: true as const }));
        const before = scoreAssessment(model, answers);
        const after = scoreAssessment(model, shuffle([...answers, ...marked], seed));
        // Scores, weights and contributions: identical, not merely close.
        const strip = (r: ScoreResult) =>
          r.areas.map((a) => ({
            ...a,
            coverage: 0,
            counts: null,
            dimensions: a.dimensions.map((d) => ({
              ...d,
              coverage: 0,
              counts: null,
              questions: d.questions.map((q) => ({ ...q, status: null })),
            })),
          }));
        expect(strip(after)).toEqual(strip(before));
        expect(after.overall.score).toBe(before.overall.score);
        expect(after.overall.level).toEqual(before.overall.level);
        // Coverage: those questions leave the denominators, so coverage can only rise …
        expect(after.overall.coverage).toBeGreaterThanOrEqual(before.overall.coverage);
        expect(after.overall.counts.notApplicable - before.overall.counts.notApplicable).toBe(marked.length);
        // … and is the naive answered/applicable ratio of the new answers.
        expect(Math.abs(after.overall.coverage - naiveScore(model, [...answers, ...marked]).coverage)).toBeLessThanOrEqual(TOLERANCE);
        // Marking every open question N/A completes the assessment.
        const all = [...answers, ...open.map((q) => ({ questionKey: q.key, notApplicable: true as const }))];
        expect(scoreAssessment(model, all).overall.coverage).toBe(1);
        expect(missingQuestions(model, all)).toEqual([]);
      }),
    );
  });

  it('has coverage 1 exactly when no question is missing', () => {
    fc.assert(
      fc.property(assessmentArb({}, { answered: 8, notApplicable: 1, unanswered: 1 }), ({ model, answers }) => {
        const r = scoreAssessment(model, answers);
        const missing = missingQuestions(model, answers);
        expect(r.overall.coverage === 1).toBe(missing.length === 0);
        expect(r.overall.counts.unanswered).toBe(missing.length);
        if (missing.length > 0) expect(r.overall.coverage).toBeLessThanOrEqual(COVERAGE_BELOW_ONE);
        const answered = new Set(answers.map((a) => a.questionKey));
        expect(missing.map((m) => m.questionKey)).toEqual(
          questionsOf(model)
            .filter((q) => !answered.has(q.key))
            .map((q) => q.key),
        );
        for (const area of r.areas) {
          expect(area.coverage === 1).toBe(area.counts.unanswered === 0);
          for (const d of area.dimensions) expect(d.coverage === 1).toBe(d.counts.unanswered === 0);
        }
      }),
    );
  });

  it('explains: contributions add up to the overall score (within 1e-9) and to each parent score', () => {
    fc.assert(
      fc.property(assessment, ({ model, answers }) => {
        const r = scoreAssessment(model, answers);
        const questions = r.areas.flatMap((a) => a.dimensions.flatMap((d) => d.questions));
        const dimensions = r.areas.flatMap((a) => a.dimensions);
        const total = r.overall.score ?? 0;
        for (const level of [r.areas, dimensions, questions]) {
          expect(Math.abs(exactSum(level.map((n) => n.contributionToOverall)) - total)).toBeLessThanOrEqual(TOLERANCE);
          expect(Math.abs(exactSum(level.map((n) => n.weightInOverall)) - (r.overall.score === null ? 0 : 1))).toBeLessThanOrEqual(
            TOLERANCE,
          );
        }
        expect(Math.abs(exactSum(r.areas.map((a) => a.contribution)) - total)).toBeLessThanOrEqual(TOLERANCE);
        for (const a of r.areas) {
          expect(Math.abs(exactSum(a.dimensions.map((d) => d.contribution)) - (a.score ?? 0))).toBeLessThanOrEqual(TOLERANCE);
          for (const d of a.dimensions) {
            expect(Math.abs(exactSum(d.questions.map((q) => q.contribution)) - (d.score ?? 0))).toBeLessThanOrEqual(TOLERANCE);
            if (d.score !== null) expect(Math.abs(exactSum(d.questions.map((q) => q.normalisedWeight)) - 1)).toBeLessThanOrEqual(1e-12);
          }
        }
        for (const q of questions) {
          expect(q.score === null).toBe(q.status !== 'answered');
          if (q.score === null) expect([q.normalisedWeight, q.contribution, q.contributionToOverall]).toEqual([0, 0, 0]);
          else expect(q.unitScore).toBe(q.score / 100);
        }
      }),
    );
  });

  it('is exactly reproducible and independent of the order of the answers', () => {
    fc.assert(
      fc.property(assessment, fc.nat(), ({ model, answers }, seed) => {
        const r = scoreAssessment(model, answers);
        expect(scoreAssessment(model, shuffle(answers, seed))).toEqual(r);
        expect(scoreAssessment(JSON.parse(JSON.stringify(model)) as MaturityModel, answers)).toEqual(r);
      }),
    );
  });

  it('gives the overall level of the overall score', () => {
    fc.assert(
      fc.property(assessment, ({ model, answers }) => {
        const r = scoreAssessment(model, answers);
        expect(r.overall.level).toEqual(levelFor(r.overall.score, r.levels));
        expect(r.overall.level === null).toBe(r.overall.score === null);
      }),
    );
  });

  it('scores all-complete answers with coverage 1 and a score', () => {
    fc.assert(
      fc.property(
        modelArb().chain((model) =>
          answersArb(model, { answered: 1, notApplicable: 0, unanswered: 0 }).map((answers) => ({ model, answers })),
        ),
        ({ model, answers }) => {
          const r = scoreAssessment(model, answers);
          expect(r.overall.coverage).toBe(1);
          expect(r.overall.score).not.toBeNull();
        },
      ),
    );
  });
});

describe('levelFor — properties', () => {
  const score = fc.double({ min: 0, max: 100, noNaN: true });

  it('is monotone in the score and picks the highest level whose lower bound is ≤ the score', () => {
    fc.assert(
      fc.property(levelsArb, score, score, (levels, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const l1 = levelFor(lo, levels)!;
        const l2 = levelFor(hi, levels)!;
        expect(l1.level).toBeLessThanOrEqual(l2.level);
        for (const [s, l] of [
          [lo, l1],
          [hi, l2],
        ] as const) {
          expect(l.minScore).toBeLessThanOrEqual(s);
          const next = levels.find((x) => x.level > l.level);
          if (next !== undefined) expect(next.minScore).toBeGreaterThan(s);
        }
      }),
    );
  });

  it('handles the default thresholds at their boundaries', () => {
    expect([0, 19.999, 20, 39.5, 40, 60, 79.99, 80, 100].map((s) => levelFor(s)!.level)).toEqual([1, 1, 2, 2, 3, 4, 4, 5, 5]);
    expect(levelFor(null)).toBeNull();
    expect(() => levelFor(NaN)).toThrow(RangeError);
    expect(() => levelFor(100.5)).toThrow(RangeError);
  });
});
