import { exactSum } from '../sum';

/**
 * Saaty's random consistency index (Saaty 1980, *The Analytic Hierarchy Process*) for n = 1…10,
 * `values[n − 1]`. Other published tables differ (Saaty 2005, Donegan & Dodd 1991), so every
 * answer names the table it used (METHOD.md §4).
 */
export const RANDOM_INDEX = Object.freeze({
  name: 'saaty-1980' as const,
  values: Object.freeze([0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49]),
});

/** A model whose pairwise matrix has CR above this cannot be activated (METHOD.md §4). */
export const CR_THRESHOLD = 0.1;

/** Largest matrix: the random-index table stops at n = 10. */
export const AHP_MAX_SIZE = RANDOM_INDEX.values.length;

/** `a_ij · a_ji` may differ from 1 by this much (so 1/3 typed as 0.33333 is accepted; 0.333 is not). */
export const RECIPROCAL_TOLERANCE = 1e-4;

/** Saaty's fundamental scale and its reciprocals, ascending: 1/9, 1/8, …, 1/2, 1, 2, …, 9. */
export const SAATY_SCALE: readonly number[] = Object.freeze([
  ...[9, 8, 7, 6, 5, 4, 3, 2].map((v) => 1 / v),
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9],
]);

export type PairwiseIssueCode =
  | 'not-square' // not an array of rows of n numbers each (the path names the first row that breaks it)
  | 'too-small' // no rows
  | 'too-large' // more than AHP_MAX_SIZE rows
  | 'not-positive' // an entry ≤ 0
  | 'not-reciprocal' // a_ij · a_ji differs from 1 by more than RECIPROCAL_TOLERANCE (reported at i < j)
  | 'not-finite' // an entry that is not a finite number (NaN, ±Infinity, a string, null…)
  | 'diagonal-not-one'; // a_ii ≠ 1

export interface PairwiseIssue {
  /** `''` for the whole matrix, `[i]` for a row, `[i][j]` for an entry (0-based). */
  path: string;
  code: PairwiseIssueCode;
}

/** The entry of a pairwise matrix farthest from consistency with the weights. */
export interface InconsistentPair {
  i: number;
  j: number;
  /** `a_ij` as given. */
  value: number;
  /** `w_i / w_j`: the value that would agree with the weights. */
  consistentValue: number;
  /** The value of {@link SAATY_SCALE} nearest to `w_i / w_j` on the log scale. */
  suggestedValue: number;
}

export interface AhpResult {
  /** Principal right eigenvector of the matrix, normalised to Σ = 1. */
  weights: number[];
  lambdaMax: number;
  /** `(λmax − n)/(n − 1)`, 0 for n ≤ 2. */
  ci: number;
  /** `CI / RI(n)`, 0 for n ≤ 2. */
  cr: number;
  /** `cr ≤ CR_THRESHOLD`. */
  consistent: boolean;
  randomIndex: { table: 'saaty-1980'; n: number; value: number };
  /** `null` when n ≤ 2 or every entry agrees with the weights (deviation ≤ 1e-9 on the log scale). */
  mostInconsistentPair: InconsistentPair | null;
}

/**
 * Checks a pairwise comparison matrix (METHOD.md §4): square, 1 ≤ n ≤ 10, entries finite and
 * positive, ones on the diagonal, reciprocal (`a_ji = 1/a_ij` within {@link RECIPROCAL_TOLERANCE}).
 * `[]` means {@link ahp} accepts it. Entries need not be on Saaty's scale. When the shape is wrong,
 * only the shape is reported.
 */
export function pairwiseIssues(matrix: unknown): PairwiseIssue[] {
  if (!Array.isArray(matrix)) return [{ path: '', code: 'not-square' }];
  const n = matrix.length;
  if (n === 0) return [{ path: '', code: 'too-small' }];
  if (n > AHP_MAX_SIZE) return [{ path: '', code: 'too-large' }];
  for (let i = 0; i < n; i++) {
    const row: unknown = matrix[i];
    if (!Array.isArray(row) || row.length !== n) return [{ path: `[${i}]`, code: 'not-square' }];
  }
  const rows = matrix as unknown[][];
  const issues: PairwiseIssue[] = [];
  const bad = new Set<string>();
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const a = rows[i][j];
      const path = `[${i}][${j}]`;
      if (typeof a !== 'number' || !Number.isFinite(a)) issues.push({ path, code: 'not-finite' });
      else if (a <= 0) issues.push({ path, code: 'not-positive' });
      else if (i === j && a !== 1) issues.push({ path, code: 'diagonal-not-one' });
      else continue;
      bad.add(path);
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (bad.has(`[${i}][${j}]`) || bad.has(`[${j}][${i}]`)) continue;
      const product = (rows[i][j] as number) * (rows[j][i] as number);
      if (!(Math.abs(product - 1) <= RECIPROCAL_TOLERANCE)) issues.push({ path: `[${i}][${j}]`, code: 'not-reciprocal' });
    }
  }
  return issues;
}

/** Thrown by {@link ahp} for an invalid matrix; `issues` are those of {@link pairwiseIssues}. */
export class PairwiseMatrixError extends RangeError {
  readonly issues: ReadonlyArray<PairwiseIssue>;

  constructor(issues: ReadonlyArray<PairwiseIssue>) {
    super(`ahp: invalid pairwise matrix (${issues.map((i) => `${i.path || 'matrix'}: ${i.code}`).join('; ')})`);
    this.name = 'PairwiseMatrixError';
    this.issues = issues;
  }
}

const CONVERGED = 1e-15;
const MAX_ITERATIONS = 100_000;

/**
 * Principal eigenvector and eigenvalue of a positive matrix by power iteration, from the row
 * geometric means (already close for nearly consistent matrices). A positive matrix has a simple
 * dominant eigenvalue (Perron), so the iteration converges; it stops when no weight moves by more
 * than 1e-15 (the residual `|Aw − λw|` is then far below 1e-12).
 */
function principalEigen(a: readonly (readonly number[])[]): { weights: number[]; lambdaMax: number } {
  const n = a.length;
  const logMeans = a.map((row) => exactSum(row.map(Math.log)) / n);
  const top = Math.max(...logMeans);
  let w = normalise(logMeans.map((l) => Math.exp(l - top)));
  for (let k = 0; k < MAX_ITERATIONS; k++) {
    const next = normalise(multiply(a, w));
    const moved = Math.max(...next.map((x, i) => Math.abs(x - w[i])));
    w = next;
    if (moved <= CONVERGED) break;
  }
  // With Σw = 1, Aw = λw gives λ = Σ (Aw)_i.
  return { weights: w, lambdaMax: exactSum(multiply(a, w)) };
}

function multiply(a: readonly (readonly number[])[], w: readonly number[]): number[] {
  return a.map((row) => exactSum(row.map((x, j) => x * w[j])));
}

function normalise(v: number[]): number[] {
  const total = exactSum(v);
  return v.map((x) => x / total);
}

/** The value of {@link SAATY_SCALE} nearest to `x > 0` on the log scale (ties: the smaller). */
export function nearestSaatyValue(x: number): number {
  let best = SAATY_SCALE[0];
  let bestDistance = Infinity;
  for (const v of SAATY_SCALE) {
    const d = Math.abs(Math.log(x) - Math.log(v));
    if (d < bestDistance - 1e-12) {
      best = v;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * The entry `a_ij` (i < j) farthest from `w_i / w_j` measured on the log scale,
 * `|ln a_ij − ln(w_i / w_j)|` (so a judgement off by a factor 3 weighs the same above and below the
 * diagonal); ties go to the first in row order. `null` when no entry deviates by more than 1e-9.
 */
export function mostInconsistentPair(matrix: readonly (readonly number[])[], weights: readonly number[]): InconsistentPair | null {
  let found: InconsistentPair | null = null;
  let worst = 1e-9;
  for (let i = 0; i < matrix.length; i++) {
    for (let j = i + 1; j < matrix.length; j++) {
      const consistentValue = weights[i] / weights[j];
      const deviation = Math.abs(Math.log(matrix[i][j]) - Math.log(consistentValue));
      if (deviation > worst) {
        worst = deviation;
        found = { i, j, value: matrix[i][j], consistentValue, suggestedValue: nearestSaatyValue(consistentValue) };
      }
    }
  }
  return found;
}

/**
 * Analytic hierarchy process on one reciprocal pairwise matrix (METHOD.md §4): weights = principal
 * eigenvector normalised to Σ = 1; `CI = (λmax − n)/(n − 1)`, `CR = CI / RI(n)` with
 * {@link RANDOM_INDEX} (Saaty 1980). For n ≤ 2 every reciprocal matrix is consistent: CI = CR = 0.
 * λmax ≥ n in exact arithmetic; CI is clamped at 0 so rounding never reports a negative one.
 *
 * @throws PairwiseMatrixError (a RangeError) when {@link pairwiseIssues} reports an issue.
 */
export function ahp(matrix: readonly (readonly number[])[]): AhpResult {
  const issues = pairwiseIssues(matrix);
  if (issues.length > 0) throw new PairwiseMatrixError(issues);
  const n = matrix.length;
  const { weights, lambdaMax } = principalEigen(matrix);
  const ri = RANDOM_INDEX.values[n - 1];
  const ci = n <= 2 ? 0 : Math.max(0, (lambdaMax - n) / (n - 1));
  const cr = n <= 2 ? 0 : ci / ri;
  return {
    weights,
    lambdaMax: n <= 2 ? n : lambdaMax,
    ci,
    cr,
    consistent: cr <= CR_THRESHOLD,
    randomIndex: { table: RANDOM_INDEX.name, n, value: ri },
    mostInconsistentPair: n <= 2 ? null : mostInconsistentPair(matrix, weights),
  };
}

/**
 * A two-level hierarchy (goal → criteria → alternatives), synthesised by the distributive mode:
 * `overall_k = Σ_c w_c · w_{c,k}`, where `w_c` are the criteria weights and `w_{c,k}` the local
 * weight of alternative k under criterion c (as in the "choosing a leader" example).
 *
 * @throws RangeError when a matrix is invalid, the number of alternative matrices differs from the
 *   number of criteria, or the alternative matrices differ in size.
 */
export function ahpSynthesis(
  criteria: number[][],
  alternatives: number[][][],
): { criteria: AhpResult; alternatives: AhpResult[]; overall: number[] } {
  const top = ahp(criteria);
  if (!Array.isArray(alternatives) || alternatives.length !== criteria.length) {
    throw new RangeError(`ahpSynthesis: expected ${criteria.length} alternative matrices, one per criterion`);
  }
  const local = alternatives.map((m) => ahp(m));
  const m = local[0].weights.length;
  if (local.some((r) => r.weights.length !== m)) {
    throw new RangeError('ahpSynthesis: every alternative matrix must compare the same alternatives (same size)');
  }
  const overall = Array.from({ length: m }, (_, k) => exactSum(local.map((r, c) => top.weights[c] * r.weights[k])));
  return { criteria: top, alternatives: local, overall };
}
