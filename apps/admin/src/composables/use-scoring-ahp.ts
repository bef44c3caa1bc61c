import { ahp, CR_THRESHOLD, pairwiseIssues, type AhpResult } from '@rumbo/method';
import { computed, type Ref } from 'vue';

/**
 * Saaty's 1–9 scale as the pickers offer it, strongest for the row first: 9 … 2, 1, 1/2 … 1/9.
 * A cell holds the row criterion's importance over the column's; its mirror holds the reciprocal.
 */
export const SAATY_STEPS = [9, 8, 7, 6, 5, 4, 3, 2, 1, -2, -3, -4, -5, -6, -7, -8, -9] as const;
export type SaatyStep = (typeof SAATY_STEPS)[number];

/** The matrix value of a step: 3 → 3, −3 → 1/3. */
export const stepValue = (step: SaatyStep): number => (step < 0 ? 1 / -step : step);

/** The step nearest to a matrix value (a value read back from the API or suggested by the method). */
export function stepOf(value: number): SaatyStep {
  let best: SaatyStep = 1;
  for (const step of SAATY_STEPS) {
    if (Math.abs(Math.log(stepValue(step)) - Math.log(value)) < Math.abs(Math.log(stepValue(best)) - Math.log(value))) best = step;
  }
  return best;
}

/** How a step is written: "3", "1/3", "1". */
export const stepText = (step: SaatyStep): string => (step < 0 ? `1/${-step}` : String(step));

/** An n × n matrix of equal importance (ones everywhere). */
export const identityMatrix = (n: number): number[][] => Array.from({ length: n }, () => Array.from({ length: n }, () => 1));

/**
 * The matrix with cell (i, j) set to `value` and (j, i) to its reciprocal, as a new matrix (the
 * grid's model is replaced, never mutated, so every change recomputes the result).
 */
export function withPair(matrix: readonly (readonly number[])[], i: number, j: number, value: number): number[][] {
  const next = matrix.map((row) => [...row]);
  next[i][j] = value;
  next[j][i] = 1 / value;
  return next;
}

/**
 * The matrix resized to `n` criteria after one was added or removed at `removed` (or appended):
 * the comparisons between the criteria that stay are kept, the new ones start equal.
 */
export function resizeMatrix(matrix: readonly (readonly number[])[], n: number, removed?: number): number[][] {
  const kept = removed === undefined ? matrix : matrix.filter((_, i) => i !== removed).map((row) => row.filter((_, j) => j !== removed));
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : (kept[i]?.[j] ?? 1))));
}

/** The pair the grid points at, in the upper triangle (row before column), with Saaty steps. */
export interface PairAdvice {
  row: number;
  col: number;
  current: SaatyStep;
  /** The exact value that would agree with the weights (w_row / w_col). */
  consistentValue: number;
  suggested: SaatyStep;
}

/**
 * The method's most inconsistent pair turned into advice for the upper-triangle cell: a pair named
 * below the diagonal is mirrored (its values become reciprocals), so the cell to change is the one
 * that has a picker.
 */
export function pairAdvice(result: AhpResult): PairAdvice | null {
  const pair = result.mostInconsistentPair;
  if (result.consistent || !pair) return null;
  const upper = pair.i < pair.j;
  return {
    row: upper ? pair.i : pair.j,
    col: upper ? pair.j : pair.i,
    current: stepOf(upper ? pair.value : 1 / pair.value),
    consistentValue: upper ? pair.consistentValue : 1 / pair.consistentValue,
    suggested: stepOf(upper ? pair.suggestedValue : 1 / pair.suggestedValue),
  };
}

/**
 * The live AHP result of the grid's matrix, computed in the browser by the same library the API
 * uses (so the CR shown is the CR the API will check on activation); null while the matrix cannot
 * be computed (fewer than two criteria).
 */
export function useAhpResult(matrix: Ref<number[][]>) {
  const result = computed<AhpResult | null>(() => (pairwiseIssues(matrix.value).length ? null : ahp(matrix.value)));
  const advice = computed(() => (result.value ? pairAdvice(result.value) : null));
  return { result, advice, threshold: CR_THRESHOLD };
}
