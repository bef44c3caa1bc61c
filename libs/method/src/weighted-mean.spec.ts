import fc from 'fast-check';
import { normaliseWeights, weightedMean, type WeightedItem } from './weighted-mean';

/** Weights: zero now and then, otherwise positive, in a range where scaling cannot underflow. */
const weight = fc.oneof(
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 4, arbitrary: fc.double({ min: 1e-3, max: 1e3, noNaN: true }) },
);
const positiveWeight = fc.double({ min: 1e-3, max: 1e3, noNaN: true });
const value = fc.double({ min: -1e3, max: 1e3, noNaN: true });
const item = fc.record({ weight, value });
const items = fc.array(item, { maxLength: 25 });
/** Items with at least one positive weight, so the mean exists. */
const scoredItems = fc.tuple(fc.record({ weight: positiveWeight, value }), items, fc.nat()).map(([first, rest, at]) => {
  const out = [...rest];
  out.splice(at % (rest.length + 1), 0, first);
  return out;
});

function closeTo(a: number, b: number, scale: number): boolean {
  return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(scale));
}

function maxAbs(xs: ReadonlyArray<WeightedItem>): number {
  return xs.reduce((m, i) => Math.max(m, Math.abs(i.value)), 0);
}

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

describe('weightedMean — examples (computed by hand)', () => {
  it('computes Σw·x / Σw', () => {
    // (2·0.5 + 1·1 + 1·0) / 4 = 2 / 4 = 0.5
    expect(
      weightedMean([
        { weight: 2, value: 0.5 },
        { weight: 1, value: 1 },
        { weight: 1, value: 0 },
      ]),
    ).toEqual({ value: 0.5, totalWeight: 4 });
    // (3·0.75 + 1·0.25) / 4 = 2.5 / 4 = 0.625
    expect(
      weightedMean([
        { weight: 3, value: 0.75 },
        { weight: 1, value: 0.25 },
      ]),
    ).toEqual({ value: 0.625, totalWeight: 4 });
    // Three areas with equal weight: (40 + 55 + 70) / 3 = 55
    expect(weightedMean([40, 55, 70].map((v) => ({ weight: 1, value: v }))).value).toBe(55);
  });

  it('handles the METHOD.md §1 dimension → area chain', () => {
    // dimension A: questions (w=1, s=1), (w=3, s=0.5) → (1 + 1.5) / 4 = 0.625
    const a = weightedMean([
      { weight: 1, value: 1 },
      { weight: 3, value: 0.5 },
    ]).value!;
    // dimension B: questions (w=2, s=0.2), (w=2, s=0.4) → (0.4 + 0.8) / 4 = 0.3
    const b = weightedMean([
      { weight: 2, value: 0.2 },
      { weight: 2, value: 0.4 },
    ]).value!;
    expect(a).toBe(0.625);
    expect(b).toBeCloseTo(0.3, 15);
    // area: (w_A=3, S_A=0.625), (w_B=1, S_B=0.3) → (1.875 + 0.3) / 4 = 0.54375
    expect(
      weightedMean([
        { weight: 3, value: a },
        { weight: 1, value: b },
      ]).value,
    ).toBeCloseTo(0.54375, 15);
  });

  it('ignores items with weight 0', () => {
    expect(
      weightedMean([
        { weight: 0, value: 1000 },
        { weight: 2, value: 0.25 },
        { weight: 0, value: -5 },
      ]),
    ).toEqual({ value: 0.25, totalWeight: 2 });
  });

  it('gives no score (null, not NaN) for no items or zero total weight', () => {
    expect(weightedMean([])).toEqual({ value: null, totalWeight: 0 });
    expect(
      weightedMean([
        { weight: 0, value: 1 },
        { weight: 0, value: 0 },
      ]),
    ).toEqual({ value: null, totalWeight: 0 });
  });

  it('does not lose precision to summation order', () => {
    // Naive left-to-right summation: (1 + 1e100 − 1e100) / 3 = (1e100 − 1e100) / 3 = 0.
    // The exact sum is 1, so the mean is 1/3.
    const items = [1, 1e100, -1e100].map((v) => ({ weight: 1, value: v }));
    expect(items.reduce((sum, i) => sum + i.weight * i.value, 0) / 3).toBe(0);
    expect(weightedMean(items).value).toBe(1 / 3);
  });

  it.each([
    [[{ weight: -1, value: 0 }], /item 0 has weight -1/],
    [
      [
        { weight: 1, value: 0 },
        { weight: NaN, value: 0 },
      ],
      /item 1 has weight NaN/,
    ],
    [
      [
        { weight: 1, value: 0 },
        { weight: 1, value: 1 },
        { weight: Infinity, value: 0 },
      ],
      /item 2/,
    ],
    [[{ weight: 1, value: Infinity }], /item 0 has value Infinity/],
    [[{ weight: 0, value: NaN }], /item 0 has value NaN/],
    [[{ weight: 1e300, value: 1e300 }], /item 0 overflows/],
  ])('rejects invalid input %j with a RangeError naming the index', (input, message) => {
    expect(() => weightedMean(input)).toThrow(RangeError);
    expect(() => weightedMean(input)).toThrow(message);
  });
});

describe('weightedMean — properties', () => {
  it('is null exactly when the total weight is 0', () => {
    fc.assert(
      fc.property(items, (xs) => {
        const { value, totalWeight } = weightedMean(xs);
        expect(value === null).toBe(xs.every((i) => i.weight === 0));
        expect(value === null).toBe(totalWeight === 0);
        if (value !== null) expect(Number.isNaN(value)).toBe(false);
      }),
    );
  });

  it('lies within [min value, max value] of the weighted items', () => {
    fc.assert(
      fc.property(scoredItems, (xs) => {
        const weighted = xs.filter((i) => i.weight > 0).map((i) => i.value);
        const mean = weightedMean(xs).value!;
        expect(mean).toBeGreaterThanOrEqual(Math.min(...weighted));
        expect(mean).toBeLessThanOrEqual(Math.max(...weighted));
      }),
    );
  });

  it('is invariant under scaling all weights by k > 0', () => {
    fc.assert(
      fc.property(scoredItems, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (xs, k) => {
        const scaled = xs.map((i) => ({
          weight: i.weight * k,
          value: i.value,
        }));
        expect(closeTo(weightedMean(scaled).value!, weightedMean(xs).value!, maxAbs(xs))).toBe(true);
      }),
    );
  });

  it('is invariant under permutation of the items (exactly)', () => {
    fc.assert(
      fc.property(scoredItems, fc.nat(), (xs, seed) => {
        const a = weightedMean(xs);
        const b = weightedMean(shuffle(xs, seed));
        expect(b.value === a.value).toBe(true);
        expect(b.totalWeight).toBe(a.totalWeight);
      }),
    );
  });

  it('is monotone: raising one positively weighted value never lowers the mean', () => {
    fc.assert(
      fc.property(scoredItems, fc.nat(), fc.double({ min: 0, max: 1e3, noNaN: true }), (xs, at, delta) => {
        const positive = xs.flatMap((i, idx) => (i.weight > 0 ? [idx] : []));
        const idx = positive[at % positive.length];
        const raised = xs.map((i, j) => (j === idx ? { ...i, value: i.value + delta } : i));
        expect(weightedMean(raised).value!).toBeGreaterThanOrEqual(weightedMean(xs).value!);
      }),
    );
  });

  it('ignores zero-weight items, whatever their values', () => {
    fc.assert(
      fc.property(items, fc.array(value, { maxLength: 10 }), fc.nat(), (xs, extra, seed) => {
        const withZeros = shuffle([...xs, ...extra.map((v) => ({ weight: 0, value: v }))], seed);
        expect(weightedMean(withZeros)).toEqual(weightedMean(xs));
      }),
    );
  });

  it('equals the value when all weighted values are equal', () => {
    fc.assert(
      fc.property(fc.array(weight, { minLength: 1, maxLength: 20 }), value, (ws, v) => {
        fc.pre(ws.some((w) => w > 0));
        expect(weightedMean(ws.map((w) => ({ weight: w, value: v }))).value).toBe(v);
      }),
    );
  });
});

describe('normaliseWeights', () => {
  it('scales weights to sum to 1 (examples)', () => {
    expect(normaliseWeights([1, 1, 2])).toEqual([0.25, 0.25, 0.5]);
    expect(normaliseWeights([3, 0, 1])).toEqual([0.75, 0, 0.25]);
    expect(normaliseWeights([5])).toEqual([1]);
  });

  it('rejects empty, all-zero, negative and non-finite weights', () => {
    expect(() => normaliseWeights([])).toThrow(RangeError);
    expect(() => normaliseWeights([0, 0])).toThrow(/all zero/);
    expect(() => normaliseWeights([1, -2])).toThrow(/weight 1 is -2/);
    expect(() => normaliseWeights([NaN])).toThrow(/weight 0 is NaN/);
    expect(() => normaliseWeights([1, 2, Infinity])).toThrow(/weight 2/);
  });

  const weights = fc.array(weight, { minLength: 1, maxLength: 30 }).filter((ws) => ws.some((w) => w > 0));

  it('sums to 1 within 1e-12 (property)', () => {
    fc.assert(
      fc.property(weights, (ws) => {
        const normalised = normaliseWeights(ws);
        expect(normalised).toHaveLength(ws.length);
        expect(Math.abs(normalised.reduce((a, b) => a + b, 0) - 1)).toBeLessThanOrEqual(1e-12);
        for (const w of normalised) {
          expect(w).toBeGreaterThanOrEqual(0);
          expect(w).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('preserves ratios and zeros (property)', () => {
    fc.assert(
      fc.property(weights, fc.nat(), fc.nat(), (ws, a, b) => {
        const normalised = normaliseWeights(ws);
        const i = a % ws.length;
        const j = b % ws.length;
        expect(normalised[i] === 0).toBe(ws[i] === 0);
        // w_i / w_j = n_i / n_j  ⇔  w_i · n_j = w_j · n_i (no division by zero)
        const lhs = ws[i] * normalised[j];
        const rhs = ws[j] * normalised[i];
        expect(Math.abs(lhs - rhs)).toBeLessThanOrEqual(1e-12 * Math.max(Math.abs(lhs), Math.abs(rhs)));
      }),
    );
  });

  it('is invariant under scaling by k > 0 (property)', () => {
    fc.assert(
      fc.property(weights, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (ws, k) => {
        const a = normaliseWeights(ws);
        const b = normaliseWeights(ws.map((w) => w * k));
        a.forEach((w, idx) => expect(Math.abs(w - b[idx])).toBeLessThanOrEqual(1e-12));
      }),
    );
  });
});
