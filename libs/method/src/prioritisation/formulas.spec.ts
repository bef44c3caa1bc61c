import { RICE_CONFIDENCE, RICE_IMPACT, riceRanking, WSJF_SCALE, wsjfRanking } from './formulas';

// RICE (Intercom, "RICE: simple prioritization for product managers") and WSJF (SAFe, "Weighted
// Shortest Job First") as written in METHOD.md §4; scores computed by hand in the comments.
describe('riceRanking', () => {
  it('holds the scales of METHOD.md §4', () => {
    expect(RICE_IMPACT).toEqual([3, 2, 1, 0.5, 0.25]);
    expect(RICE_CONFIDENCE).toEqual([100, 80, 50]);
  });

  it('score = reach × impact × confidence / effort, confidence as a fraction', () => {
    const r = riceRanking([
      { id: 'a', annualCost: 0, values: { reach: 1000, impact: 2, confidence: 80, effort: 4 } }, // 1000·2·0.8/4 = 400
      { id: 'b', annualCost: 0, values: { reach: 500, impact: 3, confidence: 100, effort: 2 } }, // 500·3·1/2 = 750
      { id: 'c', annualCost: 0, values: { reach: 300, impact: 0.25, confidence: 50, effort: 0.5 } }, // 300·.25·.5/.5 = 75
    ]);
    expect(r.map((x) => [x.id, x.rank, x.score])).toEqual([
      ['b', 1, 750],
      ['a', 2, 400],
      ['c', 3, 75],
    ]);
    // contributions: each factor with its raw value (confidence in percent)
    expect(r[1].contributions).toEqual([
      { criterion: 'reach', value: 1000, raw: 1000, normalised: null },
      { criterion: 'impact', value: 2, raw: 2, normalised: null },
      { criterion: 'confidence', value: 80, raw: 80, normalised: null },
      { criterion: 'effort', value: 4, raw: 4, normalised: null },
    ]);
  });

  it('an item missing a factor scores 0 and ranks with the worst (ties by annual cost)', () => {
    const r = riceRanking([
      { id: 'missing', annualCost: 9, values: { reach: 1e6, impact: 3, confidence: 100 } },
      { id: 'zero', annualCost: 1, values: { reach: 0, impact: 3, confidence: 100, effort: 1 } },
      { id: 'some', annualCost: 0, values: { reach: 1, impact: 0.25, confidence: 50, effort: 10 } }, // 0.0125
    ]);
    expect(r.map((x) => [x.id, x.score])).toEqual([
      ['some', 0.0125],
      ['missing', 0],
      ['zero', 0],
    ]);
    expect(r[1].contributions[3]).toEqual({ criterion: 'effort', value: 0, raw: null, normalised: null });
  });

  it.each([
    ['impact off the scale', { reach: 1, impact: 4, confidence: 100, effort: 1 }],
    ['confidence off the scale', { reach: 1, impact: 1, confidence: 90, effort: 1 }],
    ['confidence as a fraction', { reach: 1, impact: 1, confidence: 0.8, effort: 1 }],
    ['effort 0', { reach: 1, impact: 1, confidence: 100, effort: 0 }],
    ['negative effort', { reach: 1, impact: 1, confidence: 100, effort: -2 }],
    ['negative reach', { reach: -1, impact: 1, confidence: 100, effort: 1 }],
    ['infinite reach', { reach: Infinity, impact: 1, confidence: 100, effort: 1 }],
  ])('%s → RangeError', (_, values) => {
    expect(() => riceRanking([{ id: 'a', annualCost: 0, values }])).toThrow(RangeError);
  });
});

describe('wsjfRanking', () => {
  it('holds the modified Fibonacci scale', () => {
    expect(WSJF_SCALE).toEqual([1, 2, 3, 5, 8, 13, 20]);
  });

  it('score = (businessValue + timeCriticality + riskReduction) / jobSize', () => {
    const r = wsjfRanking([
      { id: 'a', annualCost: 0, values: { businessValue: 8, timeCriticality: 5, riskReduction: 3, jobSize: 8 } }, // 16/8 = 2
      { id: 'b', annualCost: 0, values: { businessValue: 20, timeCriticality: 13, riskReduction: 1, jobSize: 5 } }, // 34/5 = 6.8
      { id: 'c', annualCost: 5, values: { businessValue: 1, timeCriticality: 2, riskReduction: 1, jobSize: 2 } }, // 4/2 = 2, dearer
    ]);
    expect(r.map((x) => [x.id, x.rank, x.score])).toEqual([
      ['b', 1, 6.8],
      ['c', 2, 2],
      ['a', 3, 2],
    ]);
    expect(r[0].contributions.map((c) => [c.criterion, c.value])).toEqual([
      ['businessValue', 20],
      ['timeCriticality', 13],
      ['riskReduction', 1],
      ['jobSize', 5],
    ]);
  });

  it.each([
    ['businessValue off the scale', { businessValue: 4, timeCriticality: 1, riskReduction: 1, jobSize: 1 }],
    ['timeCriticality off the scale', { businessValue: 1, timeCriticality: 21, riskReduction: 1, jobSize: 1 }],
    ['riskReduction 0', { businessValue: 1, timeCriticality: 1, riskReduction: 0, jobSize: 1 }],
    ['jobSize 0', { businessValue: 1, timeCriticality: 1, riskReduction: 1, jobSize: 0 }],
    ['negative jobSize', { businessValue: 1, timeCriticality: 1, riskReduction: 1, jobSize: -3 }],
  ])('%s → RangeError', (_, values) => {
    expect(() => wsjfRanking([{ id: 'a', annualCost: 0, values }])).toThrow(RangeError);
  });

  it('jobSize need not be on the scale (days), but must be > 0', () => {
    expect(
      wsjfRanking([{ id: 'a', annualCost: 0, values: { businessValue: 5, timeCriticality: 3, riskReduction: 2, jobSize: 2.5 } }])[0].score,
    ).toBe(4);
  });
});
