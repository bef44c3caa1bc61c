import { MaturityValidationError } from './errors';
import { levelIssues } from './levels';
import type { MaturityLevel } from './types';

/** The population bands of METHOD.md §2, half-open `[min, max)` in inhabitants. */
export const POPULATION_BANDS = Object.freeze([
  Object.freeze({ id: 'under-5k', min: 0, max: 5_000 }),
  Object.freeze({ id: '5k-20k', min: 5_000, max: 20_000 }),
  Object.freeze({ id: '20k-50k', min: 20_000, max: 50_000 }),
  Object.freeze({ id: '50k-100k', min: 50_000, max: 100_000 }),
  Object.freeze({ id: '100k-500k', min: 100_000, max: 500_000 }),
  Object.freeze({ id: '500k-plus', min: 500_000, max: null }),
] as const);

export type PopulationBand = (typeof POPULATION_BANDS)[number]['id'];

/** k-anonymity floor of METHOD.md §2: a benchmark needs at least 5 peers besides the tenant. */
export const MIN_PEERS = 5;

/**
 * The population band of METHOD.md §2: `<5k` (`under-5k`), `5–20k`, `20–50k`, `50–100k`, `100–500k`,
 * `≥500k` (`500k-plus`); each band includes its lower bound (5,000 is in `5k-20k`).
 *
 * @throws RangeError if the population is not a finite number ≥ 0.
 */
export function populationBand(population: number): PopulationBand {
  if (typeof population !== 'number' || !Number.isFinite(population) || population < 0) {
    throw new RangeError(`populationBand: population must be a finite number ≥ 0 (got ${population})`);
  }
  const band = POPULATION_BANDS.find((b) => b.max === null || population < b.max);
  return band!.id; // the last band has no upper bound
}

/** Cohort quartiles, Excel `QUARTILE.INC` (Hyndman–Fan type 7, linear interpolation). */
export interface Quartiles {
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
}

export interface BenchmarkOptions {
  /** Peers needed besides the tenant; at least (and by default) {@link MIN_PEERS}. */
  readonly minPeers?: number;
}

export interface NoBenchmark {
  readonly available: false;
  readonly reason: 'cohort-too-small';
  /** Peers in the cohort (besides the tenant). */
  readonly cohortSize: number;
  readonly minPeers: number;
}

export type BenchmarkResult =
  | {
      readonly available: true;
      readonly cohortSize: number;
      /** Mid-rank percentile of the tenant among its peers, in [0, 100]. */
      readonly percentileRank: number;
      readonly quartiles: Quartiles;
    }
  | NoBenchmark;

/**
 * Benchmarks a tenant's score against its peers (METHOD.md §2, never reveals a peer).
 *
 * `peers` are the scores of the other cohort members (the tenant itself excluded). With fewer than
 * `minPeers` (≥ 5) peers the answer is `{ available: false, reason: 'cohort-too-small', cohortSize }`
 * and carries no figure. Otherwise:
 * - `percentileRank = (below + ½·equal) / n · 100`, where `below`/`equal` count the peers scoring
 *   below/equal to the tenant (the mid-rank percentile): 0 below every peer, 100 above every peer,
 *   50 in the middle or when all are equal;
 * - `quartiles` of the peers' scores by linear interpolation between order statistics, as Excel
 *   `QUARTILE.INC` / R `quantile(type = 7)`: with sorted `x₀ ≤ … ≤ x_{n−1}` and `h = (n − 1)·p`,
 *   `Q(p) = x_⌊h⌋ + (h − ⌊h⌋)·(x_⌊h⌋+1 − x_⌊h⌋)`, for p = ¼, ½, ¾.
 * Minimum, maximum and the peer values themselves are never returned.
 *
 * @throws RangeError if a score is not finite, or if `minPeers` is not an integer ≥ 5.
 */
export function benchmark(own: number, peers: ReadonlyArray<number>, options: BenchmarkOptions = {}): BenchmarkResult {
  const minPeers = checkMinPeers(options.minPeers, 'benchmark');
  if (typeof own !== 'number' || !Number.isFinite(own)) {
    throw new RangeError(`benchmark: own score must be a finite number (got ${own})`);
  }
  const sorted = sortedFinite(peers, 'benchmark: peer score');
  const n = sorted.length;
  if (n < minPeers) return { available: false, reason: 'cohort-too-small', cohortSize: n, minPeers };
  return { available: true, cohortSize: n, percentileRank: percentileRank(own, sorted), quartiles: quartiles(sorted) };
}

export type DistributionResult =
  | {
      readonly available: true;
      readonly cohortSize: number;
      /** Every level of the model, with how many scores fall in it (zeros included). */
      readonly levels: ReadonlyArray<MaturityLevel & { readonly count: number }>;
      readonly quartiles: Quartiles;
    }
  | NoBenchmark;

/**
 * How a set of scores (e.g. a parent tenant's descendants) spreads over the levels, with quartiles as
 * in {@link benchmark}. The same k-anonymity rule applies: fewer than `minPeers` (≥ 5) scores give
 * `{ available: false, reason: 'cohort-too-small', cohortSize }`.
 *
 * @throws RangeError if a score is not a finite number in [0, 100] or `minPeers` is invalid;
 *   MaturityValidationError if the levels are invalid.
 */
export function distribution(
  scores: ReadonlyArray<number>,
  levels: ReadonlyArray<MaturityLevel>,
  options: BenchmarkOptions = {},
): DistributionResult {
  const minPeers = checkMinPeers(options.minPeers, 'distribution');
  const issues = levelIssues(levels, 'levels');
  if (issues.length > 0) throw new MaturityValidationError('invalid levels', issues);
  const sorted = sortedFinite(scores, 'distribution: score');
  const n = sorted.length;
  if (n > 0 && (sorted[0] < 0 || sorted[n - 1] > 100)) {
    throw new RangeError('distribution: scores must lie in [0, 100]');
  }
  if (n < minPeers) return { available: false, reason: 'cohort-too-small', cohortSize: n, minPeers };
  const counts = levels.map(() => 0);
  let l = 0;
  for (const score of sorted) {
    while (l + 1 < levels.length && levels[l + 1].minScore <= score) l++;
    counts[l]++;
  }
  return {
    available: true,
    cohortSize: n,
    levels: levels.map(({ level, name, minScore }, i) => ({ level, name, minScore, count: counts[i] })),
    quartiles: quartiles(sorted),
  };
}

function checkMinPeers(minPeers: number | undefined, fn: string): number {
  if (minPeers === undefined) return MIN_PEERS;
  if (!Number.isInteger(minPeers) || minPeers < MIN_PEERS) {
    throw new RangeError(`${fn}: minPeers must be an integer ≥ ${MIN_PEERS} (METHOD.md §2, got ${minPeers})`);
  }
  return minPeers;
}

function sortedFinite(values: ReadonlyArray<number>, what: string): number[] {
  if (!Array.isArray(values)) throw new RangeError(`${what}s must be an array`);
  values.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`${what} at index ${i} is not a finite number (${v})`);
  });
  return [...values].sort((a, b) => a - b);
}

/** Mid-rank percentile `(below + ½·equal) / n · 100` of `x` among `sorted` (n ≥ 1). */
export function percentileRank(x: number, sorted: ReadonlyArray<number>): number {
  let below = 0;
  let equal = 0;
  for (const v of sorted) {
    if (v < x) below++;
    else if (v === x) equal++;
  }
  // (2·below + equal) is an exact integer ≤ 2n: one rounding, in [0, 100].
  return ((2 * below + equal) * 50) / sorted.length;
}

/** Q1, median and Q3 of `sorted` (n ≥ 1) by Excel `QUARTILE.INC` (Hyndman–Fan type 7). */
export function quartiles(sorted: ReadonlyArray<number>): Quartiles {
  return { q1: quantileInc(sorted, 0.25), median: quantileInc(sorted, 0.5), q3: quantileInc(sorted, 0.75) };
}

/** Type-7 quantile: `x_⌊h⌋ + (h − ⌊h⌋)·(x_⌊h⌋+1 − x_⌊h⌋)`, `h = (n − 1)·p` (exact for p = ¼, ½, ¾). */
export function quantileInc(sorted: ReadonlyArray<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const i = Math.floor(h);
  const t = h - i;
  const a = sorted[i];
  if (t === 0) return a;
  const b = sorted[i + 1];
  const span = b - a;
  const q = Number.isFinite(span) ? a + t * span : a * (1 - t) + b * t;
  // Within [a, b] mathematically; the clamp removes last-bit rounding so quartiles stay ordered.
  return Math.min(b, Math.max(a, q));
}
