import { exactSum } from './sum';

/** One term of a weighted mean: a non-negative finite weight and a finite value. */
export interface WeightedItem {
  readonly weight: number;
  readonly value: number;
}

/** Result of {@link weightedMean}. */
export interface WeightedMeanResult {
  /** `Σ w·x / Σ w`, or `null` when there is nothing to average (no items or `Σ w = 0`). */
  readonly value: number | null;
  /** `Σ w` over all items (zero-weight items add nothing). */
  readonly totalWeight: number;
}

/**
 * Normalised weighted mean `Σ w·x / Σ w` (METHOD.md §1: dimension, area and overall scores).
 *
 * - Items with weight 0 contribute nothing (neither to the numerator nor to the denominator).
 * - No items, or a total weight of 0, gives `value: null` ("no score"), never `NaN`.
 * - Sums are correctly rounded ({@link exactSum}), so the result does not depend on item order, and
 *   it always lies between the smallest and the largest value of the positively weighted items.
 *
 * @throws RangeError naming the index of the first item whose weight is negative or not finite, or
 *   whose value is not finite; or if a sum overflows.
 */
export function weightedMean(items: ReadonlyArray<WeightedItem>): WeightedMeanResult {
  const weights: number[] = [];
  const products: number[] = [];
  let min = Infinity;
  let max = -Infinity;
  items.forEach(({ weight, value }, index) => {
    if (!Number.isFinite(weight) || weight < 0) {
      throw new RangeError(`weightedMean: item ${index} has weight ${weight}; weights must be finite and ≥ 0`);
    }
    if (!Number.isFinite(value)) {
      throw new RangeError(`weightedMean: item ${index} has value ${value}; values must be finite`);
    }
    if (weight === 0) return;
    const product = weight * value;
    if (!Number.isFinite(product)) {
      throw new RangeError(`weightedMean: item ${index} overflows (weight × value = ${product})`);
    }
    weights.push(weight);
    products.push(product);
    if (value < min) min = value;
    if (value > max) max = value;
  });

  const totalWeight = exactSum(weights);
  if (totalWeight === 0) return { value: null, totalWeight: 0 };
  const mean = exactSum(products) / totalWeight;
  // Mathematically min ≤ mean ≤ max; clamping only removes last-bit rounding excursions
  // (and underflowed products), and keeps the mean monotone in every value.
  return { value: Math.min(max, Math.max(min, mean)), totalWeight };
}

/**
 * Scales weights so that they sum to 1, preserving their ratios (METHOD.md §4: "weights normalised
 * to Σw = 1"; also §1 area weights).
 *
 * @throws RangeError naming the index of a negative or non-finite weight, or if the weights are
 *   empty or all zero (there is no way to make them sum to 1).
 */
export function normaliseWeights(weights: ReadonlyArray<number>): number[] {
  weights.forEach((weight, index) => {
    if (!Number.isFinite(weight) || weight < 0) {
      throw new RangeError(`normaliseWeights: weight ${index} is ${weight}; weights must be finite and ≥ 0`);
    }
  });
  const total = exactSum(weights);
  if (total === 0) {
    throw new RangeError('normaliseWeights: the weights are empty or all zero');
  }
  return weights.map((weight) => weight / total);
}
