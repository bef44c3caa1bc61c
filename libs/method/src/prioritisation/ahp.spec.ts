import { ahp, ahpSynthesis, CR_THRESHOLD, nearestSaatyValue, pairwiseIssues, RANDOM_INDEX, SAATY_SCALE } from './ahp';

// Source: Wikipedia, "Analytic hierarchy process – leader example" (criteria and the candidates'
// matrices). The candidates' matrices are those of the article, as reproduced (candidates renamed
// Moll/Nell/Sue = Tom/Dick/Harry, "the input comparison values remain the same") in the README of
// PhilipGriffith/AHPy, whose results (local weights .217/.717/.066 under Experience, overall
// .358/.493/.15) agree with the article's. Order: Experience, Education, Charisma, Age; Tom, Dick, Harry.
const LEADER_CRITERIA = [
  [1, 4, 3, 7],
  [1 / 4, 1, 1 / 3, 3],
  [1 / 3, 3, 1, 5],
  [1 / 7, 1 / 3, 1 / 5, 1],
];
const LEADER_ALTERNATIVES = [
  [
    [1, 1 / 4, 4],
    [4, 1, 9],
    [1 / 4, 1 / 9, 1],
  ], // Experience: Tom/Dick 1/4, Tom/Harry 4, Dick/Harry 9
  [
    [1, 3, 1 / 5],
    [1 / 3, 1, 1 / 7],
    [5, 7, 1],
  ], // Education: 3, 1/5, 1/7
  [
    [1, 5, 9],
    [1 / 5, 1, 4],
    [1 / 9, 1 / 4, 1],
  ], // Charisma: 5, 9, 4
  [
    [1, 1 / 3, 5],
    [3, 1, 9],
    [1 / 5, 1 / 9, 1],
  ], // Age: 1/3, 5, 9
];

// Source: Saaty, T. L. (2008), "Decision making with the analytic hierarchy process", Int. J.
// Services Sciences 1(1), 83–98, table "Which drink is consumed more in the U.S.?" (comparisons as
// listed in METHOD.md §4, row over column). Order: coffee, wine, tea, beer, soda, milk, water.
const DRINKS = (() => {
  const names = ['coffee', 'wine', 'tea', 'beer', 'soda', 'milk', 'water'];
  const judgements: [string, string, number][] = [
    ['coffee', 'wine', 9],
    ['coffee', 'tea', 5],
    ['coffee', 'beer', 2],
    ['coffee', 'soda', 1],
    ['coffee', 'milk', 1],
    ['water', 'coffee', 2],
    ['water', 'wine', 9],
    ['water', 'tea', 9],
    ['water', 'beer', 3],
    ['water', 'soda', 2],
    ['water', 'milk', 3],
    ['tea', 'wine', 3],
    ['beer', 'wine', 9],
    ['beer', 'tea', 3],
    ['beer', 'milk', 1],
    ['soda', 'wine', 9],
    ['soda', 'tea', 4],
    ['soda', 'beer', 2],
    ['soda', 'milk', 2],
    ['milk', 'wine', 9],
    ['milk', 'tea', 3],
  ];
  const a = names.map(() => names.map(() => 1));
  for (const [row, col, v] of judgements) {
    const i = names.indexOf(row);
    const j = names.indexOf(col);
    a[i][j] = v;
    a[j][i] = 1 / v;
  }
  return a;
})();

describe('ahp — published examples', () => {
  it('choosing a leader: criteria weights .547/.127/.270/.056, λmax 4.118, CR 0.044', () => {
    const r = ahp(LEADER_CRITERIA);
    [0.547, 0.127, 0.27, 0.056].forEach((w, i) => expect(Math.abs(r.weights[i] - w)).toBeLessThanOrEqual(0.001));
    // exact eigenvector (METHOD.md §4): .5476/.1266/.2699/.0559
    [0.5476, 0.1266, 0.2699, 0.0559].forEach((w, i) => expect(Math.abs(r.weights[i] - w)).toBeLessThanOrEqual(0.00005));
    expect(r.lambdaMax).toBeCloseTo(4.118, 3);
    expect(r.ci).toBeCloseTo((r.lambdaMax - 4) / 3, 12);
    expect(r.cr).toBeCloseTo(0.044, 3);
    expect(r.consistent).toBe(true);
    expect(r.randomIndex).toEqual({ table: 'saaty-1980', n: 4, value: 0.9 });
  });

  it('choosing a leader: overall priorities Tom .358, Dick .493, Harry .149 (ahpSynthesis)', () => {
    const r = ahpSynthesis(LEADER_CRITERIA, LEADER_ALTERNATIVES);
    [0.358, 0.493, 0.149].forEach((p, k) => expect(Math.abs(r.overall[k] - p)).toBeLessThanOrEqual(0.001));
    // local priorities published in the article: Experience .217/.717/.066, Charisma .743/.194/.063
    [0.217, 0.717, 0.066].forEach((p, k) => expect(Math.abs(r.alternatives[0].weights[k] - p)).toBeLessThanOrEqual(0.001));
    [0.743, 0.194, 0.063].forEach((p, k) => expect(Math.abs(r.alternatives[2].weights[k] - p)).toBeLessThanOrEqual(0.001));
    expect(r.overall.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    expect(r.criteria.weights).toEqual(ahp(LEADER_CRITERIA).weights);
  });

  it('Saaty 2008 drink consumption: CR 0.022 (0.02 to 2 decimals), λmax ≈ 7.18, weights as published', () => {
    const r = ahp(DRINKS);
    expect(r.cr.toFixed(2)).toBe('0.02');
    expect(Math.abs(r.cr - 0.022)).toBeLessThanOrEqual(0.0005);
    expect(Math.abs(r.lambdaMax - 7.18)).toBeLessThanOrEqual(0.005);
    const published = [0.177, 0.019, 0.042, 0.116, 0.19, 0.129, 0.327];
    published.forEach((w, i) => expect(Math.abs(r.weights[i] - w)).toBeLessThanOrEqual(0.005));
    expect(r.randomIndex).toEqual({ table: 'saaty-1980', n: 7, value: 1.32 });
  });

  it('converges to 1e-12: |Aw − λw| ≤ 1e-12 on both examples', () => {
    for (const m of [LEADER_CRITERIA, DRINKS, ...LEADER_ALTERNATIVES]) {
      const { weights, lambdaMax } = ahp(m);
      m.forEach((row, i) => {
        const aw = row.reduce((s, x, j) => s + x * weights[j], 0);
        expect(Math.abs(aw - lambdaMax * weights[i])).toBeLessThanOrEqual(1e-12);
      });
    }
  });
});

describe('ahp — sizes and the random index', () => {
  it('holds Saaty 1980 for n = 1…10', () => {
    expect(RANDOM_INDEX).toEqual({ name: 'saaty-1980', values: [0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49] });
  });

  it('n = 1 and n = 2: CR = CI = 0, λmax = n, no inconsistent pair', () => {
    expect(ahp([[1]])).toEqual({
      weights: [1],
      lambdaMax: 1,
      ci: 0,
      cr: 0,
      consistent: true,
      randomIndex: { table: 'saaty-1980', n: 1, value: 0 },
      mostInconsistentPair: null,
    });
    const two = ahp([
      [1, 3],
      [1 / 3, 1],
    ]);
    expect(two.weights[0]).toBeCloseTo(0.75, 14);
    expect(two.weights[1]).toBeCloseTo(0.25, 14);
    expect(two).toMatchObject({ lambdaMax: 2, ci: 0, cr: 0, consistent: true, mostInconsistentPair: null });
  });

  it('n = 10 works; n = 11 is too large', () => {
    const ten = Array.from({ length: 10 }, (_, i) => Array.from({ length: 10 }, (_, j) => (i === j ? 1 : i < j ? 2 : 0.5)));
    const r = ahp(ten);
    expect(r.randomIndex).toEqual({ table: 'saaty-1980', n: 10, value: 1.49 });
    expect(r.weights.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 14);
    const eleven = Array.from({ length: 11 }, () => Array.from({ length: 11 }, () => 1));
    expect(pairwiseIssues(eleven)).toEqual([{ path: '', code: 'too-large' }]);
  });

  it('CR above the threshold is flagged inconsistent', () => {
    // a > b (9), b > c (9) but c > a (9): a cycle
    const r = ahp([
      [1, 9, 1 / 9],
      [1 / 9, 1, 9],
      [9, 1 / 9, 1],
    ]);
    expect(r.cr).toBeGreaterThan(CR_THRESHOLD);
    expect(r.consistent).toBe(false);
  });
});

describe('mostInconsistentPair and the suggested value', () => {
  it('nearestSaatyValue picks the closest value of the scale on the log scale', () => {
    expect(SAATY_SCALE).toHaveLength(17);
    expect(nearestSaatyValue(2.4)).toBe(2); // ln 2.4 − ln 2 = 0.182 < ln 3 − ln 2.4 = 0.223
    expect(nearestSaatyValue(2.5)).toBe(3); // 0.223 > 0.182
    expect(nearestSaatyValue(1 / 2.4)).toBe(1 / 2);
    expect(nearestSaatyValue(100)).toBe(9);
    expect(nearestSaatyValue(0.001)).toBe(1 / 9);
    expect(nearestSaatyValue(1.05)).toBe(1);
  });

  // Consistent judgements from w = (8, 4, 2, 1)/15 (a_ij = w_i/w_j), with a_03 deliberately wrong.
  const withA03 = (v: number) => [
    [1, 2, 4, v],
    [1 / 2, 1, 2, 4],
    [1 / 4, 1 / 2, 1, 2],
    [1 / v, 1 / 4, 1 / 2, 1],
  ];
  const applySuggestion = (m: number[][], p: { i: number; j: number; suggestedValue: number }) => {
    const fixed = m.map((row) => [...row]);
    fixed[p.i][p.j] = p.suggestedValue;
    fixed[p.j][p.i] = 1 / p.suggestedValue;
    return fixed;
  };

  it('finds the one deliberately wrong entry; setting it to suggestedValue brings CR ≤ 0.10', () => {
    const m = withA03(1); // should be 8
    const r = ahp(m);
    expect(r.cr).toBeGreaterThan(CR_THRESHOLD); // 0.216
    const pair = r.mostInconsistentPair!;
    expect(pair).toMatchObject({ i: 0, j: 3, value: 1 });
    expect(pair.consistentValue).toBeCloseTo(r.weights[0] / r.weights[3], 12); // 2.56
    // only i < j is reported, and it has the largest |ln a_ij − ln(w_i/w_j)|
    for (let i = 0; i < 4; i++) {
      for (let j = i + 1; j < 4; j++) {
        const d = Math.abs(Math.log(m[i][j]) - Math.log(r.weights[i] / r.weights[j]));
        expect(d).toBeLessThanOrEqual(Math.abs(Math.log(pair.value) - Math.log(pair.consistentValue)));
      }
    }
    expect(pair.suggestedValue).toBe(3); // nearest to 2.56 on the scale
    const after = ahp(applySuggestion(m, pair));
    expect(after.cr).toBeLessThanOrEqual(CR_THRESHOLD); // 0.045
    expect(after.consistent).toBe(true);
  });

  it('a gross error (1/8 for 8) distorts w itself: each suggestion lowers CR, and a few steps reach ≤ 0.10', () => {
    let m = withA03(1 / 8);
    const crs = [ahp(m).cr];
    while (crs[crs.length - 1] > CR_THRESHOLD && crs.length < 10) {
      const pair = ahp(m).mostInconsistentPair!;
      expect([pair.i, pair.j]).toEqual([0, 3]);
      m = applySuggestion(m, pair);
      crs.push(ahp(m).cr);
    }
    // a_03: 1/8 → 1/2 → 2, CR 1.01 → 0.40 → 0.09
    expect(crs.length).toBe(3);
    crs.slice(1).forEach((cr, k) => expect(cr).toBeLessThan(crs[k]));
    expect(crs[crs.length - 1]).toBeLessThanOrEqual(CR_THRESHOLD);
  });

  it('is null for a consistent matrix', () => {
    expect(
      ahp([
        [1, 2, 4],
        [1 / 2, 1, 2],
        [1 / 4, 1 / 2, 1],
      ]).mostInconsistentPair,
    ).toBeNull();
  });
});
