import { weightedRanking, type RankInput } from './weighted';

// Weighted sum of METHOD.md §4, computed by hand in the comments.
const CRITERIA = [
  { key: 'cost', direction: 'higher_is_better' as const, weight: 2 },
  { key: 'effort', direction: 'lower_is_better' as const, weight: 1 },
  { key: 'reach', direction: 'higher_is_better' as const, weight: 1 },
];
const ITEMS: RankInput[] = [
  { id: 'A', annualCost: 100, values: { cost: 100, effort: 5, reach: 10 } },
  { id: 'B', annualCost: 300, values: { cost: 300, effort: 1, reach: null } },
  { id: 'C', annualCost: 200, values: { cost: 200, effort: 3, reach: 30 } },
];

describe('weightedRanking — example', () => {
  // weights 2,1,1 → .5/.25/.25
  // cost (100..300): A 0, B 1, C .5; effort (1..5), inverted: A 0, B 1, C .5; reach (10..30): A 0, C 1, B missing → 0
  // scores: A 100·0 = 0; B 100·(.5 + .25 + 0) = 75; C 100·(.25 + .125 + .25) = 62.5
  it('normalises, inverts lower_is_better, weights and sums to 100 · Σ w·x', () => {
    const r = weightedRanking(ITEMS, CRITERIA);
    expect(r.map((x) => [x.id, x.rank, x.score])).toEqual([
      ['B', 1, 75],
      ['C', 2, 62.5],
      ['A', 3, 0],
    ]);
    expect(r[0].contributions).toEqual([
      { criterion: 'cost', value: 50, raw: 300, normalised: 1 },
      { criterion: 'effort', value: 25, raw: 1, normalised: 1 },
      { criterion: 'reach', value: 0, raw: null, normalised: 0 }, // missing: normalised 0, the worst
    ]);
    expect(r[1].contributions.map((c) => c.value)).toEqual([25, 12.5, 25]);
    for (const x of r) expect(x.contributions.reduce((s, c) => s + c.value, 0)).toBeCloseTo(x.score, 12);
  });

  it('a missing key is a missing value; keys of no criterion are ignored', () => {
    const items = ITEMS.map((i) => (i.id === 'B' ? { ...i, values: { cost: 300, effort: 1, other: 99 } } : i));
    expect(weightedRanking(items, CRITERIA).map((x) => x.score)).toEqual([75, 62.5, 0]);
  });

  it('a constant criterion normalises to 1 in both directions; one present value too', () => {
    const items = [
      { id: 'x', annualCost: 0, values: { a: 7, b: 7, c: 4 } },
      { id: 'y', annualCost: 0, values: { a: 7, b: 7, c: null } },
    ];
    const r = weightedRanking(items, [
      { key: 'a', direction: 'higher_is_better', weight: 1 },
      { key: 'b', direction: 'lower_is_better', weight: 1 },
      { key: 'c', direction: 'lower_is_better', weight: 2 },
    ]);
    expect(r.map((x) => [x.id, x.contributions.map((c) => c.normalised)])).toEqual([
      ['x', [1, 1, 1]],
      ['y', [1, 1, 0]],
    ]);
    expect(r[0].score).toBe(100);
    expect(r[1].score).toBe(50);
  });
});

describe('weightedRanking — ties', () => {
  it('equal scores: higher annual cost first, then id', () => {
    const same = { v: 1 };
    const r = weightedRanking(
      [
        { id: 'z', annualCost: 20, values: same },
        { id: 'x', annualCost: 10, values: same },
        { id: 'y', annualCost: 20, values: same },
      ],
      [{ key: 'v', direction: 'higher_is_better', weight: 1 }],
    );
    expect(r.map((x) => [x.id, x.rank])).toEqual([
      ['y', 1],
      ['z', 2],
      ['x', 3],
    ]);
  });

  it('no items gives no ranking', () => {
    expect(weightedRanking([], CRITERIA)).toEqual([]);
  });
});

describe('weightedRanking — invalid input', () => {
  const one = [{ id: 'a', annualCost: 1, values: { cost: 1 } }];
  it.each<[string, () => unknown]>([
    ['no criteria', () => weightedRanking(one, [])],
    ['duplicate criterion', () => weightedRanking(one, [CRITERIA[0], CRITERIA[0]])],
    ['unknown direction', () => weightedRanking(one, [{ key: 'cost', direction: 'up' as never, weight: 1 }])],
    ['negative weight', () => weightedRanking(one, [{ ...CRITERIA[0], weight: -1 }])],
    ['all weights zero', () => weightedRanking(one, [{ ...CRITERIA[0], weight: 0 }])],
    ['NaN weight', () => weightedRanking(one, [{ ...CRITERIA[0], weight: NaN }])],
    ['duplicate item id', () => weightedRanking([...one, ...one], CRITERIA)],
    ['empty item id', () => weightedRanking([{ ...one[0], id: '' }], CRITERIA)],
    ['non-finite annual cost', () => weightedRanking([{ ...one[0], annualCost: Infinity }], CRITERIA)],
    ['non-finite value', () => weightedRanking([{ ...one[0], values: { cost: NaN } }], CRITERIA)],
    ['string value', () => weightedRanking([{ ...one[0], values: { cost: '3' as never } }], CRITERIA)],
  ])('%s → RangeError', (_, run) => {
    expect(run).toThrow(RangeError);
  });
});
