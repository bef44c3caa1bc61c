// Test helpers: fast-check arbitraries for pairwise matrices and ranking inputs. Not part of the
// published build (tsconfig.build.json excludes src/**/testing/**).
import fc from 'fast-check';
import { SAATY_SCALE } from '../ahp';
import { DIRECTIONS, type RankInput, type WeightedCriterion } from '../weighted';

/** Positive weights spanning two orders of magnitude. */
export const positiveWeightsArb = (minLength = 1, maxLength = 10) =>
  fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength, maxLength });

/** The perfectly consistent matrix `a_ij = w_i / w_j`. */
export function consistentMatrix(w: readonly number[]): number[][] {
  return w.map((wi) => w.map((wj) => wi / wj));
}

/** Any reciprocal matrix of Saaty-scale judgements (upper triangle drawn, lower = reciprocals). */
export const saatyMatrixArb = (minSize = 1, maxSize = 10): fc.Arbitrary<number[][]> =>
  fc.integer({ min: minSize, max: maxSize }).chain((n) =>
    fc.array(fc.constantFrom(...SAATY_SCALE), { minLength: (n * (n - 1)) / 2, maxLength: (n * (n - 1)) / 2 }).map((upper) => {
      const a = Array.from({ length: n }, () => Array.from({ length: n }, () => 1));
      let k = 0;
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          a[i][j] = upper[k++];
          a[j][i] = 1 / a[i][j];
        }
      }
      return a;
    }),
  );

/** Criteria keyed c0, c1, … with random directions and weights. */
export const criteriaArb = (maxLength = 4): fc.Arbitrary<WeightedCriterion[]> =>
  fc
    .array(fc.record({ direction: fc.constantFrom(...DIRECTIONS), weight: fc.double({ min: 0.01, max: 10, noNaN: true }) }), {
      minLength: 1,
      maxLength,
    })
    .map((cs) => cs.map((c, i) => ({ key: `c${i}`, ...c })));

/** Items i0, i1, … with small integer values (ties are frequent), about one value in six missing. */
export const itemsArb = (criteria: readonly WeightedCriterion[], maxLength = 12): fc.Arbitrary<RankInput[]> =>
  fc
    .array(
      fc.record({
        annualCost: fc.integer({ min: 0, max: 5 }).map((c) => c * 1000),
        values: fc.tuple(...criteria.map(() => fc.option(fc.integer({ min: 0, max: 20 }), { nil: null, freq: 5 }))),
      }),
      { minLength: 1, maxLength },
    )
    .map((rows) =>
      rows.map((r, i) => ({
        id: `i${i}`,
        annualCost: r.annualCost,
        values: Object.fromEntries(criteria.map((c, k) => [c.key, r.values[k]])),
      })),
    );

export const rankingCaseArb = criteriaArb().chain((criteria) => itemsArb(criteria).map((items) => ({ criteria, items })));
