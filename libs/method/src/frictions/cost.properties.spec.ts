import fc from 'fast-check';
import { exactSum } from '../sum';
import { AUDIENCES } from './burden';
import { burdenCost, frictionCost, round6 } from './cost';
import { burdenArb, burdenLinesArb, defaultsArb } from './testing/arbitraries';

// Properties of the Standard Cost Model (METHOD.md §3; issue 10 "Done when": cost is linear in
// population and frequency; totals are the sums of the lines).
const factor = fc.integer({ min: 0, max: 1000 });
/**
 * `a ≈ b` where `b = k × (a value rounded to 6 decimals)`: the rounding error (≤ 0.5e-6) is scaled by
 * k, plus a relative 1e-12 for floating point.
 */
const close = (a: number, b: number, k = 1) => Math.abs(a - b) <= (k + 1) * 1e-6 + 1e-12 * Math.abs(b);

describe('friction cost — properties', () => {
  it('is linear in population: k × population gives k × hours and k × cost', () => {
    fc.assert(
      fc.property(burdenArb(), defaultsArb, factor, (line, defaults, k) => {
        const one = burdenCost(line, defaults);
        const scaled = burdenCost({ ...line, population: line.population * k }, defaults);
        expect(close(scaled.occurrences, k * one.occurrences, k)).toBe(true);
        expect(close(scaled.annualHours, k * one.annualHours, k)).toBe(true);
        expect(close(scaled.annualCost, k * one.annualCost, k)).toBe(true);
      }),
    );
  });

  it('is linear in frequency', () => {
    fc.assert(
      fc.property(burdenArb(), defaultsArb, fc.integer({ min: 0, max: 100 }), (line, defaults, k) => {
        const one = burdenCost(line, defaults);
        const scaled = burdenCost({ ...line, frequencyPerYear: line.frequencyPerYear * k }, defaults);
        expect(close(scaled.annualHours, k * one.annualHours, k)).toBe(true);
        expect(close(scaled.annualCost, k * one.annualCost, k)).toBe(true);
      }),
    );
  });

  it('totals per audience and overall equal the sums of the rounded lines; all values are 6-decimal, ≥ 0, JSON', () => {
    fc.assert(
      fc.property(burdenLinesArb, defaultsArb, (lines, defaults) => {
        const r = frictionCost(lines, defaults);
        expect(r.annualHours).toBe(round6(exactSum(r.burdens.map((b) => b.annualHours))));
        expect(r.annualCost).toBe(round6(exactSum(r.burdens.map((b) => b.annualCost))));
        for (const a of AUDIENCES) {
          const mine = r.burdens.filter((b) => b.audience === a);
          expect(r.byAudience[a].annualCost).toBe(round6(exactSum(mine.map((b) => b.annualCost))));
          expect(r.byAudience[a].annualHours).toBe(round6(exactSum(mine.map((b) => b.annualHours))));
          expect(r.byAudience[a].occurrences).toBe(round6(exactSum(mine.map((b) => b.occurrences))));
        }
        expect(close(r.annualCost, exactSum(AUDIENCES.map((a) => r.byAudience[a].annualCost)))).toBe(true);
        for (const b of r.burdens) {
          for (const v of [b.occurrences, b.annualHours, b.annualCost]) {
            expect(v).toBeGreaterThanOrEqual(0);
            expect(round6(v)).toBe(v);
          }
        }
        expect(JSON.parse(JSON.stringify(r))).toEqual(r);
      }),
    );
  });

  it('does not depend on the order of the lines', () => {
    fc.assert(
      fc.property(burdenLinesArb, defaultsArb, (lines, defaults) => {
        const a = frictionCost(lines, defaults);
        const b = frictionCost([...lines].reverse(), defaults);
        expect(b.byAudience).toEqual(a.byAudience);
        expect(b.annualCost).toBe(a.annualCost);
        expect(b.annualHours).toBe(a.annualHours);
      }),
    );
  });
});
