import { exactSum } from '../sum';
import { normaliseWeights } from '../weighted-mean';

/** Whether a larger raw value makes an item more urgent (`higher_is_better`, e.g. cost) or less (`lower_is_better`, e.g. effort). */
export type Direction = 'higher_is_better' | 'lower_is_better';
export const DIRECTIONS: readonly Direction[] = Object.freeze(['higher_is_better', 'lower_is_better'] as const);

export interface WeightedCriterion {
  key: string;
  direction: Direction;
  /** Any finite weight ≥ 0; the weights are normalised to Σ = 1 (at least one must be positive). */
  weight: number;
}

/** One item to rank: `values` holds a raw value per criterion key; `null` or a missing key is "no value". */
export interface RankInput {
  id: string;
  annualCost: number;
  values: Record<string, number | null>;
}

/**
 * One criterion's part of an item's score. For the weighted sum (and AHP): `value = 100 · w · x`,
 * with `normalised = x ∈ [0, 1]` (0 for a missing value), so the values add up to the score. For RICE and WSJF: `value` is
 * the factor's raw value (see {@link riceRanking}, {@link wsjfRanking}) and `normalised` is `null`.
 */
export interface Contribution {
  criterion: string;
  value: number;
  raw: number | null;
  normalised: number | null;
}

export interface Ranked {
  id: string;
  /** 1, 2, 3… with no gaps: ties are broken (annual cost, then id), so every rank is unique. */
  rank: number;
  score: number;
  contributions: Contribution[];
}

/** Scores are compared rounded to 9 decimals, so rounding noise (e.g. after rescaling weights) never reorders a tie. */
const tieKey = (score: number) => Math.round(score * 1e9);

/**
 * Orders scored items: higher score first; ties (equal to 9 decimals) by higher annual cost (METHOD.md
 * §4), then by id (code-unit order), so the order is total and does not depend on the input order.
 */
export function rankScored(items: readonly { id: string; annualCost: number; score: number; contributions: Contribution[] }[]): Ranked[] {
  const sorted = [...items].sort((a, b) => {
    const ka = tieKey(a.score);
    const kb = tieKey(b.score);
    if (ka !== kb) return kb - ka;
    if (a.annualCost !== b.annualCost) return b.annualCost - a.annualCost;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  return sorted.map(({ id, score, contributions }, i) => ({ id, rank: i + 1, score, contributions }));
}

/** Checks ids (non-empty strings, unique) and annual costs (finite); RangeError naming the item otherwise. */
export function checkItems(items: readonly RankInput[], what: string): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (typeof item?.id !== 'string' || item.id === '') throw new RangeError(`${what}: item ${index} has no id`);
    if (seen.has(item.id)) throw new RangeError(`${what}: item id ${JSON.stringify(item.id)} appears twice`);
    seen.add(item.id);
    if (typeof item.annualCost !== 'number' || !Number.isFinite(item.annualCost)) {
      throw new RangeError(`${what}: item ${JSON.stringify(item.id)} has annualCost ${item.annualCost}; it must be finite`);
    }
    if (typeof item.values !== 'object' || item.values === null)
      throw new RangeError(`${what}: item ${JSON.stringify(item.id)} has no values`);
  });
}

/** The raw value of a criterion: a finite number, or `null` when absent; RangeError for anything else. */
export function rawValue(item: RankInput, key: string, what: string): number | null {
  const v = Object.prototype.hasOwnProperty.call(item.values, key) ? item.values[key] : null;
  if (v === null || v === undefined) return null;
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new RangeError(`${what}: item ${JSON.stringify(item.id)} has ${key} = ${v}; values must be finite numbers or null`);
  }
  return v;
}

function checkCriteria(criteria: readonly WeightedCriterion[]): number[] {
  if (criteria.length === 0) throw new RangeError('weightedRanking: there must be at least one criterion');
  const keys = new Set<string>();
  for (const c of criteria) {
    if (typeof c.key !== 'string' || c.key === '') throw new RangeError('weightedRanking: a criterion has no key');
    if (keys.has(c.key)) throw new RangeError(`weightedRanking: criterion ${JSON.stringify(c.key)} appears twice`);
    keys.add(c.key);
    if (!DIRECTIONS.includes(c.direction)) {
      throw new RangeError(`weightedRanking: criterion ${JSON.stringify(c.key)} has direction ${JSON.stringify(c.direction)}`);
    }
  }
  return normaliseWeights(criteria.map((c) => c.weight));
}

/**
 * Min–max normalisation of one criterion over the items (METHOD.md §4), after which 1 is best:
 * `x = (v − min)/(max − min)`, inverted (`1 − x`) for `lower_is_better`. When every present value is
 * the same (or only one is present) the criterion does not discriminate: every present value is 1.
 * A missing value is 0 *after* the direction is applied: it counts as the worst.
 */
export function normaliseCriterion(raws: readonly (number | null)[], direction: Direction): number[] {
  const present = raws.filter((v): v is number => v !== null);
  const min = Math.min(...present);
  const max = Math.max(...present);
  return raws.map((v) => {
    if (v === null) return 0;
    if (!(max > min)) return 1;
    const x = Math.min(1, Math.max(0, (v - min) / (max - min)));
    return direction === 'lower_is_better' ? 1 - x : x;
  });
}

/**
 * Weighted-sum ranking (METHOD.md §4): each criterion normalised to [0, 1] over the items
 * ({@link normaliseCriterion}), weights normalised to Σw = 1, `score = 100 · Σ w·x` (a missing value
 * adds 0). Each item carries its contributions `100 · w · x` per criterion, in criteria order; the
 * score is their correctly rounded sum. Ties: higher annual cost first, then id ({@link rankScored}).
 *
 * @throws RangeError for no criteria, a duplicate key, an unknown direction, weights that are
 *   negative, not finite or all zero; duplicate or empty item ids, a non-finite annual cost, or a
 *   value that is neither a finite number nor null.
 */
export function weightedRanking(items: readonly RankInput[], criteria: readonly WeightedCriterion[]): Ranked[] {
  const weights = checkCriteria(criteria);
  checkItems(items, 'weightedRanking');
  const columns = criteria.map((c) => {
    const raws = items.map((item) => rawValue(item, c.key, 'weightedRanking'));
    return { raws, normalised: normaliseCriterion(raws, c.direction) };
  });
  const scored = items.map((item, row) => {
    const contributions = criteria.map((c, k): Contribution => {
      const normalised = columns[k].normalised[row];
      return { criterion: c.key, value: 100 * weights[k] * normalised, raw: columns[k].raws[row], normalised };
    });
    return { id: item.id, annualCost: item.annualCost, score: exactSum(contributions.map((c) => c.value)), contributions };
  });
  return rankScored(scored);
}
