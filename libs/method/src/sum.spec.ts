import fc from 'fast-check';
import { exactSum, shewchukSum } from './sum';

describe('exactSum', () => {
  it('sums nothing to 0', () => {
    expect(exactSum([])).toBe(0);
  });

  it('is correctly rounded where naive summation is not', () => {
    const tenths = Array.from({ length: 10 }, () => 0.1);
    expect(tenths.reduce((a, b) => a + b, 0)).not.toBe(1);
    expect(exactSum(tenths)).toBe(1);
    expect(exactSum([1e100, 1, -1e100])).toBe(1);
    expect(exactSum([1, 1e-16, 1e-16])).toBe(1.0000000000000002);
  });

  it('rejects non-finite inputs, naming the index', () => {
    expect(() => exactSum([1, NaN])).toThrow(/index 1/);
    expect(() => exactSum([Infinity])).toThrow(RangeError);
  });

  it('rejects an overflowing sum', () => {
    expect(() => exactSum([Number.MAX_VALUE, Number.MAX_VALUE])).toThrow(RangeError);
  });

  it('agrees with exact rational arithmetic on integers (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(2 ** 40), max: 2 ** 40 })), (xs) => {
        const exact = xs.reduce((a, b) => a + BigInt(b), 0n);
        expect(exactSum(xs)).toBe(Number(exact));
      }),
    );
  });

  it('takes the fast path only when it gives the same double as the general algorithm, signed zeros included (property)', () => {
    const value = fc.oneof(
      fc.integer({ min: -1000, max: 1000 }),
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      fc.constantFrom(0, -0, 0.1, 0.2, 0.3, 1e-300, 2 ** 53, 1e100, -1e100),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 30 }), (xs) => {
        expect(Object.is(exactSum(xs), xs.length === 0 ? 0 : shewchukSum(xs))).toBe(true);
      }),
    );
    expect(Object.is(exactSum([-0]), -0)).toBe(true);
    expect(Object.is(exactSum([-0, 0]), 0)).toBe(true);
    expect(Object.is(exactSum([1, -1]), 0)).toBe(true);
    expect(exactSum(new Set([0.5, 0.25]))).toBe(0.75);
  });

  it('does not depend on the order of its inputs (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), {
          maxLength: 30,
        }),
        fc.nat(),
        (xs, seed) => {
          const shuffled = shuffle(xs, seed);
          expect(Object.is(exactSum(shuffled), exactSum(xs)) || exactSum(xs) === 0).toBe(true);
        },
      ),
    );
  });
});

/** Deterministic Fisher–Yates shuffle driven by a seed. */
function shuffle<T>(xs: ReadonlyArray<T>, seed: number): T[] {
  const out = [...xs];
  let state = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
