import fc from 'fast-check';
import { exactSum } from '../sum';
import { ahp, CR_THRESHOLD, SAATY_SCALE } from './ahp';
import { consistentMatrix, positiveWeightsArb, saatyMatrixArb } from './testing/arbitraries';

// Properties of AHP (METHOD.md §4; issue 10 "Done when": weights sum to 1; a consistent matrix gives CR ≈ 0).
describe('ahp — properties', () => {
  it('weights are positive and sum to 1; λmax ≥ n − ε; CR ≥ 0; the eigen-residual is ≤ 1e-12', () => {
    fc.assert(
      fc.property(saatyMatrixArb(), (m) => {
        const r = ahp(m);
        const n = m.length;
        expect(Math.abs(exactSum(r.weights) - 1)).toBeLessThanOrEqual(1e-12);
        for (const w of r.weights) expect(w).toBeGreaterThan(0);
        expect(r.lambdaMax).toBeGreaterThanOrEqual(n - 1e-9);
        expect(r.cr).toBeGreaterThanOrEqual(0);
        expect(r.consistent).toBe(r.cr <= CR_THRESHOLD);
        m.forEach((row, i) => {
          const aw = exactSum(row.map((x, j) => x * r.weights[j]));
          expect(Math.abs(aw - r.lambdaMax * r.weights[i])).toBeLessThanOrEqual(1e-12 * Math.max(1, r.lambdaMax));
        });
        if (r.mostInconsistentPair) {
          expect(r.mostInconsistentPair.i).toBeLessThan(r.mostInconsistentPair.j);
          expect(SAATY_SCALE).toContain(r.mostInconsistentPair.suggestedValue);
        }
        expect(JSON.parse(JSON.stringify(r))).toEqual(r);
      }),
    );
  });

  it('a consistent matrix a_ij = w_i/w_j gives CR ≈ 0 and recovers w', () => {
    fc.assert(
      fc.property(positiveWeightsArb(1, 10), (raw) => {
        const total = exactSum(raw);
        const w = raw.map((x) => x / total);
        const r = ahp(consistentMatrix(w));
        expect(r.cr).toBeLessThanOrEqual(1e-9);
        expect(Math.abs(r.lambdaMax - w.length)).toBeLessThanOrEqual(1e-9);
        r.weights.forEach((x, i) => expect(Math.abs(x - w[i])).toBeLessThanOrEqual(1e-9));
      }),
    );
  });

  it('relabelling the alternatives permutes the weights', () => {
    fc.assert(
      fc.property(saatyMatrixArb(2, 8), fc.nat(), (m, seed) => {
        const n = m.length;
        const p = Array.from({ length: n }, (_, i) => i).sort((a, b) => ((a * 7919 + seed) % 97) - ((b * 7919 + seed) % 97) || a - b);
        const permuted = p.map((pi) => p.map((pj) => m[pi][pj]));
        const a = ahp(m);
        const b = ahp(permuted);
        p.forEach((pi, k) => expect(Math.abs(b.weights[k] - a.weights[pi])).toBeLessThanOrEqual(1e-12));
        expect(Math.abs(b.cr - a.cr)).toBeLessThanOrEqual(1e-12);
      }),
    );
  });
});
