import fc from 'fast-check';
import { exactSum } from '../sum';
import { weightedRanking, type RankInput } from './weighted';
import { rankingCaseArb } from './testing/arbitraries';

// Properties of the weighted ranking (METHOD.md §4; issue 10 "Done when": invariant to scaling all
// weights, monotone in each criterion).
const order = (r: { id: string; rank: number }[]) => r.map((x) => `${x.rank}:${x.id}`);

describe('weightedRanking — properties', () => {
  it('scores lie in [0, 100] and equal the sum of the contributions; ranks are 1…n', () => {
    fc.assert(
      fc.property(rankingCaseArb, ({ items, criteria }) => {
        const r = weightedRanking(items, criteria);
        expect(r.map((x) => x.rank)).toEqual(items.map((_, i) => i + 1));
        for (const x of r) {
          expect(x.score).toBeGreaterThanOrEqual(0);
          expect(x.score).toBeLessThanOrEqual(100 + 1e-9);
          expect(x.score).toBe(exactSum(x.contributions.map((c) => c.value)));
        }
        expect(JSON.parse(JSON.stringify(r))).toEqual(r);
      }),
    );
  });

  it('is invariant to scaling all weights by a positive constant', () => {
    fc.assert(
      fc.property(rankingCaseArb, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), ({ items, criteria }, k) => {
        const a = weightedRanking(items, criteria);
        const b = weightedRanking(
          items,
          criteria.map((c) => ({ ...c, weight: c.weight * k })),
        );
        expect(order(b)).toEqual(order(a));
        b.forEach((x, i) => expect(Math.abs(x.score - a[i].score)).toBeLessThanOrEqual(1e-9));
      }),
    );
  });

  it('does not depend on the order of the items', () => {
    fc.assert(
      fc.property(rankingCaseArb, ({ items, criteria }) => {
        expect(order(weightedRanking([...items].reverse(), criteria))).toEqual(order(weightedRanking(items, criteria)));
      }),
    );
  });

  it('is monotone: improving one value in its direction never lowers the item’s rank', () => {
    fc.assert(
      fc.property(rankingCaseArb, fc.nat(), fc.nat(), fc.integer({ min: 1, max: 30 }), ({ items, criteria }, pick, which, bump) => {
        const item = items[pick % items.length];
        const criterion = criteria[which % criteria.length];
        const old = item.values[criterion.key];
        fc.pre(old !== null);
        const better = criterion.direction === 'higher_is_better' ? old + bump : old - bump;
        const changed: RankInput[] = items.map((x) => (x === item ? { ...x, values: { ...x.values, [criterion.key]: better } } : x));
        const before = weightedRanking(items, criteria).find((x) => x.id === item.id)!;
        const after = weightedRanking(changed, criteria).find((x) => x.id === item.id)!;
        expect(after.rank).toBeLessThanOrEqual(before.rank);
        expect(after.score).toBeGreaterThanOrEqual(before.score - 1e-9);
      }),
    );
  });
});
