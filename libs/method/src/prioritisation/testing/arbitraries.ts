// Test helpers: fast-check arbitraries for pairwise matrices and ranking inputs. Not part of the
// published build (tsconfig.build.json excludes src/**/testing/**).
import fc from 'fast-check';
import { SAATY_SCALE } from '../ahp';

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
