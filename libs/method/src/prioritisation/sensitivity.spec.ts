import { rankShifts, sensitivity } from './sensitivity';
import { weightedRanking, type Ranked } from './weighted';

// Sensitivity of METHOD.md §4: perturb each weight ±10 %, renormalise, report the largest rank change in the top 10.
describe('sensitivity', () => {
  // P is best on cost, Q on reach, R on neither. Weights .52/.48: P 52, Q 48, R 0.
  // reach × 1.1 → .528/1.048 = .504 > cost .52/1.048 = .496: Q overtakes P. cost × 0.9 → .468/.948 < .48/.948: likewise.
  // reach × 0.9 and cost × 1.1 widen P's lead: nothing moves.
  const items = [
    { id: 'P', annualCost: 1, values: { cost: 100, reach: 0 } },
    { id: 'Q', annualCost: 1, values: { cost: 0, reach: 100 } },
    { id: 'R', annualCost: 1, values: { cost: 0, reach: 0 } },
  ];
  const criteria = [
    { key: 'cost', direction: 'higher_is_better' as const, weight: 0.52 },
    { key: 'reach', direction: 'higher_is_better' as const, weight: 0.48 },
  ];

  it('reports each criterion, both perturbations and the largest change', () => {
    expect(sensitivity(items, criteria)).toEqual({
      delta: 0.1,
      top: 10,
      largestRankChange: 1,
      criteria: [
        {
          criterion: 'cost',
          plus: 0,
          minus: 1,
          moved: [
            { id: 'P', from: 1, to: 2, direction: 'minus' },
            { id: 'Q', from: 2, to: 1, direction: 'minus' },
          ],
        },
        {
          criterion: 'reach',
          plus: 1,
          minus: 0,
          moved: [
            { id: 'P', from: 1, to: 2, direction: 'plus' },
            { id: 'Q', from: 2, to: 1, direction: 'plus' },
          ],
        },
      ],
    });
  });

  it('counts only the top places and honours delta', () => {
    const r = sensitivity(items, criteria, { top: 1 });
    expect(r.criteria[0].moved).toEqual([{ id: 'P', from: 1, to: 2, direction: 'minus' }]);
    // ±1 % is too little to overturn 52 against 48
    expect(sensitivity(items, criteria, { delta: 0.01 }).largestRankChange).toBe(0);
  });

  it('a stable ranking reports 0 and a zero weight moves nothing', () => {
    const r = sensitivity(items, [
      { ...criteria[0], weight: 1 },
      { ...criteria[1], weight: 0 },
    ]);
    expect(r.largestRankChange).toBe(0);
    expect(r.criteria.every((c) => c.moved.length === 0)).toBe(true);
  });

  it('rejects a bad delta or top', () => {
    for (const opts of [{ delta: 0 }, { delta: 1 }, { delta: -0.1 }, { delta: NaN }, { top: 0 }, { top: 1.5 }]) {
      expect(() => sensitivity(items, criteria, opts)).toThrow(RangeError);
    }
  });
});

describe('rankShifts', () => {
  const r = (id: string, rank: number): Ranked => ({ id, rank, score: 0, contributions: [] });

  it('shift = rankA − rankB (positive: rises in B); items on one side only have null', () => {
    expect(rankShifts([r('a', 1), r('b', 2), r('c', 3), r('gone', 4)], [r('c', 1), r('a', 2), r('new', 3), r('b', 4)])).toEqual([
      { id: 'c', rankA: 3, rankB: 1, shift: 2 },
      { id: 'a', rankA: 1, rankB: 2, shift: -1 },
      { id: 'new', rankA: null, rankB: 3, shift: null },
      { id: 'b', rankA: 2, rankB: 4, shift: -2 },
      { id: 'gone', rankA: 4, rankB: null, shift: null },
    ]);
  });

  it('of a ranking with itself is all zeros; between two models it agrees with the ranks', () => {
    const items = [
      { id: 'x', annualCost: 5, values: { a: 1, b: 9 } },
      { id: 'y', annualCost: 3, values: { a: 9, b: 1 } },
    ];
    const byA = weightedRanking(items, [{ key: 'a', direction: 'higher_is_better', weight: 1 }]);
    const byB = weightedRanking(items, [{ key: 'b', direction: 'higher_is_better', weight: 1 }]);
    expect(rankShifts(byA, byA).every((s) => s.shift === 0)).toBe(true);
    expect(rankShifts(byA, byB)).toEqual([
      { id: 'x', rankA: 2, rankB: 1, shift: 1 },
      { id: 'y', rankA: 1, rankB: 2, shift: -1 },
    ]);
  });

  it('rejects duplicate ids', () => {
    expect(() => rankShifts([r('a', 1), r('a', 2)], [])).toThrow(RangeError);
  });
});
