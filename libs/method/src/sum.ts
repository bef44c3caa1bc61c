/**
 * Correctly rounded floating-point summation (Shewchuk's algorithm, as in Python's `math.fsum`).
 *
 * The result is the exact sum of the inputs rounded once, so it does not depend on the order of the
 * inputs: the method's numbers are reproducible by hand (METHOD.md, preamble: provenance) and
 * permutation invariant (METHOD.md §1, §4).
 *
 * @throws RangeError if an input is not finite or the sum overflows.
 */
export function exactSum(values: Iterable<number>): number {
  const xs: ReadonlyArray<number> = Array.isArray(values) ? values : [...values];
  if (xs.length === 0) return 0;
  // Fast path: when no addition of the running sum rounds (error-free TwoSum check), the running sum
  // *is* the exact sum. It starts at −0, the identity of IEEE addition, so signed zeros match too.
  let sum = -0;
  let exact = true;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (!Number.isFinite(x)) {
      throw new RangeError(`exactSum: value at index ${i} is not finite (${x})`);
    }
    const t = sum + x;
    const b = t - sum;
    if (sum - (t - b) + (x - b) !== 0) {
      exact = false;
      break;
    }
    sum = t;
  }
  if (exact && Number.isFinite(sum)) return sum;
  return shewchukSum(xs);
}

/**
 * The general path of {@link exactSum} (Shewchuk's partials), for finite inputs. Exported for tests.
 *
 * @throws RangeError if a value is not finite or the sum overflows.
 */
export function shewchukSum(values: ReadonlyArray<number>): number {
  const partials: number[] = [];
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    if (!Number.isFinite(value)) {
      throw new RangeError(`exactSum: value at index ${index} is not finite (${value})`);
    }
    let x = value;
    let kept = 0;
    for (let j = 0; j < partials.length; j++) {
      let y = partials[j];
      if (Math.abs(x) < Math.abs(y)) {
        const swap = x;
        x = y;
        y = swap;
      }
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[kept++] = lo;
      x = hi;
    }
    partials.length = kept;
    partials.push(x);
  }

  let n = partials.length;
  if (n === 0) return 0;
  let hi = partials[--n];
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = partials[--n];
    hi = x + y;
    lo = y - (hi - x);
    if (lo !== 0) break;
  }
  // Round half to even across the remaining partials (the exact tail decides the tie).
  if (n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  if (!Number.isFinite(hi)) throw new RangeError('exactSum: the sum overflows');
  return hi;
}
