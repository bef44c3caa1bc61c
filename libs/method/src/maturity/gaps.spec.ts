import fc from 'fast-check';
import { gaps } from './gaps';
import { scoreAssessment } from './score';
import { assessmentArb } from './testing/arbitraries';
import type { MaturityModel } from './types';

describe('gaps', () => {
  // Two dimensions at the same score 50: "wide" carries 3/4 of the overall, "narrow" 1/4.
  // A third, "weak", scores 10 but its area weight is tiny; it still comes first (lowest score).
  const model: MaturityModel = {
    areas: [
      {
        key: 'a',
        weight: 4,
        dimensions: [
          { key: 'narrow', weight: 1, questions: [{ key: 'n', type: 'percentage', weight: 1 }] },
          { key: 'wide', weight: 3, questions: [{ key: 'w', type: 'percentage', weight: 1 }] },
        ],
      },
      { key: 'b', weight: 0.01, dimensions: [{ key: 'weak', weight: 1, questions: [{ key: 'k', type: 'percentage', weight: 1 }] }] },
      { key: 'c', dimensions: [{ key: 'open', weight: 1, questions: [{ key: 'o', type: 'percentage', weight: 1 }] }] },
    ],
  };
  const result = scoreAssessment(model, [
    { questionKey: 'n', value: 50 },
    { questionKey: 'w', value: 50 },
    { questionKey: 'k', value: 10 },
  ]);

  it('orders by lowest score, then larger weight in the overall score; unscored dimensions are not gaps', () => {
    expect(gaps(result).map((g) => [g.dimensionKey, g.score, g.shortfall])).toEqual([
      ['weak', 10, 10], // Initial → Developing at 20
      ['wide', 50, 10], // Defined → Managed at 60
      ['narrow', 50, 10],
    ]);
    expect(gaps(result, { limit: 2 }).map((g) => g.dimensionKey)).toEqual(['weak', 'wide']);
    expect(gaps(result, { limit: 0 })).toEqual([]);
  });

  it('rejects a bad limit', () => {
    expect(() => gaps(result, { limit: -1 })).toThrow(RangeError);
    expect(() => gaps(result, { limit: 1.5 })).toThrow(RangeError);
  });

  it('works on the JSON form of a result', () => {
    expect(gaps(JSON.parse(JSON.stringify(result)) as typeof result)).toEqual(gaps(result));
  });

  it('lists scored dimensions weakest first, with a positive shortfall below the top level (property)', () => {
    fc.assert(
      fc.property(assessmentArb(), fc.nat({ max: 12 }), ({ model: m, answers }, limit) => {
        const r = scoreAssessment(m, answers);
        const all = gaps(r);
        const scored = r.areas.flatMap((a) => a.dimensions).filter((d) => d.score !== null);
        expect(all).toHaveLength(scored.length);
        expect(gaps(r, { limit })).toEqual(all.slice(0, limit));
        all.forEach((g, i) => {
          if (i > 0) {
            const prev = all[i - 1];
            expect(prev.score < g.score || (prev.score === g.score && prev.weightInOverall >= g.weightInOverall)).toBe(true);
          }
          expect(g.level.minScore).toBeLessThanOrEqual(g.score);
          if (g.nextLevel === null) {
            expect(g.shortfall).toBeNull();
            expect(g.level).toEqual(r.levels[r.levels.length - 1]);
          } else {
            expect(g.shortfall).toBeGreaterThan(0);
            expect(g.shortfall).toBe(g.nextLevel.minScore - g.score);
          }
        });
      }),
    );
  });
});
