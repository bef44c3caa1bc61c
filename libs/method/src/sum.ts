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
  const partials: number[] = [];
  let index = 0;
  for (const value of values) {
    if (!Number.isFinite(value)) {
      throw new RangeError(`exactSum: value at index ${index} is not finite (${value})`);
    }
    index++;
    let x = value;
    let kept = 0;
    for (let j = 0; j < partials.length; j++) {
      let y = partials[j];
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
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
