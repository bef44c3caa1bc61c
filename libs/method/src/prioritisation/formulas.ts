import { checkItems, rankScored, rawValue, type Contribution, type RankInput, type Ranked } from './weighted';

/** RICE impact scale (Intercom): massive 3, high 2, medium 1, low 0.5, minimal 0.25 (METHOD.md §4). */
export const RICE_IMPACT: readonly number[] = Object.freeze([3, 2, 1, 0.5, 0.25]);
/** RICE confidence, in percent: high 100, medium 80, low 50 (METHOD.md §4). */
export const RICE_CONFIDENCE: readonly number[] = Object.freeze([100, 80, 50]);
/** SAFe's modified Fibonacci scale for WSJF's cost-of-delay components (METHOD.md §4). */
export const WSJF_SCALE: readonly number[] = Object.freeze([1, 2, 3, 5, 8, 13, 20]);

export const RICE_KEYS = Object.freeze(['reach', 'impact', 'confidence', 'effort'] as const);
export const WSJF_KEYS = Object.freeze(['businessValue', 'timeCriticality', 'riskReduction', 'jobSize'] as const);

type Check = (v: number) => boolean;
const onScale =
  (scale: readonly number[]): Check =>
  (v) =>
    scale.includes(v);
const nonNegative: Check = (v) => v >= 0;
const positive: Check = (v) => v > 0;

/**
 * Scores each item by a built-in formula over its factors. An item missing a factor (`null` or
 * absent) cannot be computed: it scores 0 and so ranks with the worst (as a missing value does in
 * the weighted sum); its contribution for that factor has `raw: null`, `value: 0`. A present value
 * that breaks its rule is an input error.
 */
function formulaRanking(
  what: string,
  items: readonly RankInput[],
  factors: readonly { key: string; valid: Check; rule: string }[],
  formula: (v: Record<string, number>) => number,
): Ranked[] {
  checkItems(items, what);
  const scored = items.map((item) => {
    const values: Record<string, number> = {};
    let complete = true;
    const contributions = factors.map(({ key, valid, rule }): Contribution => {
      const raw = rawValue(item, key, what);
      if (raw === null) {
        complete = false;
        return { criterion: key, value: 0, raw: null, normalised: null };
      }
      if (!valid(raw)) throw new RangeError(`${what}: item ${JSON.stringify(item.id)} has ${key} = ${raw}; ${rule}`);
      values[key] = raw;
      return { criterion: key, value: raw, raw, normalised: null };
    });
    return { id: item.id, annualCost: item.annualCost, score: complete ? formula(values) : 0, contributions };
  });
  return rankScored(scored);
}

/**
 * RICE (Intercom; METHOD.md §4): `score = reach × impact × confidence / effort`, with `confidence`
 * given in percent and applied as a fraction (80 → 0.8). Keys: `reach` (people or cases a year,
 * ≥ 0; the API defaults it to the friction's population), `impact` ∈ {@link RICE_IMPACT},
 * `confidence` ∈ {@link RICE_CONFIDENCE}, `effort` > 0 (person-months). Contributions list the four
 * factors in that order, `value` = the raw value as given (confidence in percent).
 *
 * @throws RangeError for a value off its scale or out of range, or the item errors of the weighted ranking.
 */
export function riceRanking(items: readonly RankInput[]): Ranked[] {
  return formulaRanking(
    'riceRanking',
    items,
    [
      { key: 'reach', valid: nonNegative, rule: 'reach must be ≥ 0' },
      { key: 'impact', valid: onScale(RICE_IMPACT), rule: `impact must be one of ${RICE_IMPACT.join(', ')}` },
      { key: 'confidence', valid: onScale(RICE_CONFIDENCE), rule: `confidence must be one of ${RICE_CONFIDENCE.join(', ')} (percent)` },
      { key: 'effort', valid: positive, rule: 'effort must be > 0 (person-months)' },
    ],
    (v) => (v.reach * v.impact * (v.confidence / 100)) / v.effort,
  );
}

/**
 * WSJF (SAFe; METHOD.md §4): `score = (businessValue + timeCriticality + riskReduction) / jobSize`,
 * the cost of delay over the job size. The three cost-of-delay components are on
 * {@link WSJF_SCALE}; `jobSize` is any number > 0 (usually on the same scale, but a team may size
 * jobs in days). Contributions list the four factors in that order, `value` = the raw value.
 *
 * @throws RangeError for a value off its scale or out of range, or the item errors of the weighted ranking.
 */
export function wsjfRanking(items: readonly RankInput[]): Ranked[] {
  const rule = `it must be one of ${WSJF_SCALE.join(', ')}`;
  return formulaRanking(
    'wsjfRanking',
    items,
    [
      { key: 'businessValue', valid: onScale(WSJF_SCALE), rule },
      { key: 'timeCriticality', valid: onScale(WSJF_SCALE), rule },
      { key: 'riskReduction', valid: onScale(WSJF_SCALE), rule },
      { key: 'jobSize', valid: positive, rule: 'jobSize must be > 0' },
    ],
    (v) => (v.businessValue + v.timeCriticality + v.riskReduction) / v.jobSize,
  );
}
