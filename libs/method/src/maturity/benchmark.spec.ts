import fc from 'fast-check';
import { benchmark, distribution, MIN_PEERS, populationBand, POPULATION_BANDS, quantileInc } from './benchmark';
import { DEFAULT_LEVELS } from './levels';
import { MaturityValidationError } from './errors';
import { levelsArb } from './testing/arbitraries';

const score = fc.double({ min: 0, max: 100, noNaN: true });
const peersArb = (min: number, max: number) => fc.array(score, { minLength: min, maxLength: max });

describe('populationBand (METHOD.md §2)', () => {
  it.each([
    [0, 'under-5k'],
    [4_999, 'under-5k'],
    [5_000, '5k-20k'],
    [19_999.5, '5k-20k'],
    [20_000, '20k-50k'],
    [49_999, '20k-50k'],
    [50_000, '50k-100k'],
    [100_000, '100k-500k'],
    [499_999, '100k-500k'],
    [500_000, '500k-plus'],
    [3_300_000, '500k-plus'],
  ])('puts %p in %s', (population, band) => {
    expect(populationBand(population)).toBe(band);
  });

  it('rejects negative and non-finite populations', () => {
    for (const bad of [-1, NaN, Infinity]) expect(() => populationBand(bad)).toThrow(RangeError);
  });

  it('bands are contiguous and each population falls in the band whose [min, max) holds it (property)', () => {
    POPULATION_BANDS.forEach((b, i) => {
      if (i > 0) expect(b.min).toBe(POPULATION_BANDS[i - 1].max);
    });
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e8, noNaN: true }), (p) => {
        const band = POPULATION_BANDS.find((b) => b.id === populationBand(p))!;
        expect(p).toBeGreaterThanOrEqual(band.min);
        if (band.max !== null) expect(p).toBeLessThan(band.max);
      }),
    );
  });
});

describe('benchmark — examples (computed by hand)', () => {
  it('mid-rank percentile and QUARTILE.INC quartiles', () => {
    // Peers 10 20 30 40 50, own 30: 2 below, 1 equal → (2 + 0.5) / 5 · 100 = 50.
    // n = 5: h = 4p → Q1 = x[1] = 20, median = x[2] = 30, Q3 = x[3] = 40.
    expect(benchmark(30, [50, 10, 40, 20, 30])).toEqual({
      available: true,
      cohortSize: 5,
      percentileRank: 50,
      quartiles: { q1: 20, median: 30, q3: 40 },
    });
    // Peers 1…6 (Excel: QUARTILE.INC({1,2,3,4,5,6}, 1) = 2.25): h = 5p
    // Q1: h = 1.25 → 2 + 0.25·(3 − 2) = 2.25; median: h = 2.5 → 3.5; Q3: h = 3.75 → 4 + 0.75·1 = 4.75.
    // Own 3.5: 3 below → 3 / 6 · 100 = 50; own 6: 5 below, 1 equal → 5.5 / 6 · 100 = 91.66…
    const peers = [6, 5, 4, 3, 2, 1];
    expect(benchmark(3.5, peers)).toMatchObject({ percentileRank: 50, quartiles: { q1: 2.25, median: 3.5, q3: 4.75 } });
    expect(benchmark(6, peers)).toMatchObject({ percentileRank: 550 / 6 });
    expect(benchmark(0, peers)).toMatchObject({ percentileRank: 0 });
    expect(benchmark(7, peers)).toMatchObject({ percentileRank: 100 });
    expect(benchmark(40, [40, 40, 40, 40, 40])).toMatchObject({ percentileRank: 50, quartiles: { q1: 40, median: 40, q3: 40 } });
  });

  it('says why there is no benchmark with fewer than 5 peers, without any figure', () => {
    expect(benchmark(55, [10, 20, 30, 40])).toEqual({ available: false, reason: 'cohort-too-small', cohortSize: 4, minPeers: 5 });
    expect(benchmark(55, [])).toEqual({ available: false, reason: 'cohort-too-small', cohortSize: 0, minPeers: 5 });
    expect(benchmark(55, [1, 2, 3, 4, 5, 6], { minPeers: 7 })).toMatchObject({ available: false, cohortSize: 6, minPeers: 7 });
  });

  it('refuses a k-anonymity floor below 5 and non-finite scores', () => {
    expect(() => benchmark(1, [1, 2, 3], { minPeers: 3 })).toThrow(/minPeers must be an integer ≥ 5/);
    expect(() => benchmark(1, [1, 2, 3, 4, 5], { minPeers: 5.5 })).toThrow(RangeError);
    expect(() => benchmark(NaN, [1, 2, 3, 4, 5])).toThrow(RangeError);
    expect(() => benchmark(1, [1, 2, NaN, 4, 5])).toThrow(/index 2/);
  });

  it('quantileInc matches R quantile(type = 7) on a classic example', () => {
    // R: quantile(c(7, 15, 36, 39, 40, 41), c(.25, .5, .75), type = 7) → 20.25 37.5 39.75
    const xs = [7, 15, 36, 39, 40, 41];
    expect([0.25, 0.5, 0.75].map((p) => quantileInc(xs, p))).toEqual([20.25, 37.5, 39.75]);
  });
});

describe('benchmark — properties (METHOD.md §2: never reveal a peer)', () => {
  it('never returns figures with fewer than minPeers peers', () => {
    fc.assert(
      fc.property(score, peersArb(0, MIN_PEERS - 1), (own, peers) => {
        const r = benchmark(own, peers);
        expect(Object.keys(r).sort()).toEqual(['available', 'cohortSize', 'minPeers', 'reason']);
        expect(r).toEqual({ available: false, reason: 'cohort-too-small', cohortSize: peers.length, minPeers: MIN_PEERS });
      }),
    );
  });

  it('returns only cohortSize, percentile and quartiles (no min, max or peer list); percentile in [0, 100]; quartiles ordered', () => {
    fc.assert(
      fc.property(score, peersArb(MIN_PEERS, 40), (own, peers) => {
        const r = benchmark(own, peers);
        expect(Object.keys(r).sort()).toEqual(['available', 'cohortSize', 'percentileRank', 'quartiles']);
        if (!r.available) throw new Error('expected a benchmark');
        expect(Object.keys(r.quartiles).sort()).toEqual(['median', 'q1', 'q3']);
        expect(JSON.stringify(r)).not.toMatch(/min|max|peer/i);
        expect(r.cohortSize).toBe(peers.length);
        expect(r.percentileRank).toBeGreaterThanOrEqual(0);
        expect(r.percentileRank).toBeLessThanOrEqual(100);
        const { q1, median, q3 } = r.quartiles;
        expect(q1).toBeLessThanOrEqual(median);
        expect(median).toBeLessThanOrEqual(q3);
        expect(q1).toBeGreaterThanOrEqual(Math.min(...peers));
        expect(q3).toBeLessThanOrEqual(Math.max(...peers));
      }),
    );
  });

  it('percentile rank is monotone in the own score and does not depend on peer order', () => {
    fc.assert(
      fc.property(score, score, peersArb(MIN_PEERS, 30), (a, b, peers) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const rLo = benchmark(lo, peers);
        const rHi = benchmark(hi, [...peers].reverse());
        if (!rLo.available || !rHi.available) throw new Error('expected benchmarks');
        expect(rLo.percentileRank).toBeLessThanOrEqual(rHi.percentileRank);
        expect(benchmark(lo, [...peers].reverse())).toEqual(rLo);
      }),
    );
  });

  it('does not modify the peers array', () => {
    const peers = [5, 1, 4, 2, 3];
    benchmark(3, peers);
    expect(peers).toEqual([5, 1, 4, 2, 3]);
  });
});

describe('distribution', () => {
  it('counts scores per level (lower bounds inclusive) with quartiles (computed by hand)', () => {
    // Sorted: 0 19.5 20 45 60 80 100; n = 7, h = 6p.
    // Q1: h = 1.5 → 19.5 + 0.5·(20 − 19.5) = 19.75; median: h = 3 → 45; Q3: h = 4.5 → 60 + 0.5·20 = 70.
    const r = distribution([45, 0, 100, 19.5, 60, 20, 80], DEFAULT_LEVELS);
    expect(r).toEqual({
      available: true,
      cohortSize: 7,
      levels: [
        { level: 1, name: 'Initial', minScore: 0, count: 2 },
        { level: 2, name: 'Developing', minScore: 20, count: 1 },
        { level: 3, name: 'Defined', minScore: 40, count: 1 },
        { level: 4, name: 'Managed', minScore: 60, count: 1 },
        { level: 5, name: 'Optimising', minScore: 80, count: 2 },
      ],
      quartiles: { q1: 19.75, median: 45, q3: 70 },
    });
  });

  it('applies the same ≥ 5 rule', () => {
    expect(distribution([10, 20, 30, 40], DEFAULT_LEVELS)).toEqual({
      available: false,
      reason: 'cohort-too-small',
      cohortSize: 4,
      minPeers: 5,
    });
  });

  it('rejects invalid levels and scores outside 0–100', () => {
    expect(() => distribution([1, 2, 3, 4, 5], [{ level: 1, name: 'x', minScore: 5 }])).toThrow(MaturityValidationError);
    expect(() => distribution([1, 2, 3, 4, 101], DEFAULT_LEVELS)).toThrow(/\[0, 100\]/);
  });

  it('counts add up to the cohort, each score in its level; shape reveals no score (property)', () => {
    fc.assert(
      fc.property(peersArb(0, 40), levelsArb, (scores, levels) => {
        const r = distribution(scores, levels);
        if (scores.length < MIN_PEERS) {
          expect(r).toEqual({ available: false, reason: 'cohort-too-small', cohortSize: scores.length, minPeers: MIN_PEERS });
          return;
        }
        if (!r.available) throw new Error('expected a distribution');
        expect(Object.keys(r).sort()).toEqual(['available', 'cohortSize', 'levels', 'quartiles']);
        expect(r.levels.reduce((n, l) => n + l.count, 0)).toBe(scores.length);
        r.levels.forEach((l, i) => {
          const upper = i + 1 < levels.length ? levels[i + 1].minScore : Infinity;
          expect(l.count).toBe(scores.filter((s) => s >= l.minScore && s < upper).length);
        });
        expect(r.quartiles.q1).toBeLessThanOrEqual(r.quartiles.median);
        expect(r.quartiles.median).toBeLessThanOrEqual(r.quartiles.q3);
      }),
    );
  });
});
