import { weightedRanking, type RankInput, type Ranked, type WeightedCriterion } from './weighted';

export interface RankMove {
  id: string;
  /** Rank under the model as given. */
  from: number;
  /** Rank with the one weight perturbed. */
  to: number;
  /** Which perturbation moved it: weight × (1 + delta) or × (1 − delta). */
  direction: 'plus' | 'minus';
}

export interface SensitivityResult {
  delta: number;
  top: number;
  /** The largest |from − to| over every criterion and both perturbations (0: the top is stable). */
  largestRankChange: number;
  criteria: {
    criterion: string;
    /** Largest rank change in the top when this weight is raised by delta. */
    plus: number;
    /** Likewise when it is lowered. */
    minus: number;
    /** The items of the top whose rank changed, the `plus` moves first, each in rank order. */
    moved: RankMove[];
  }[];
}

/**
 * Weight sensitivity of a weighted ranking (METHOD.md §4): for each criterion in turn, its weight
 * is multiplied by `1 + delta` and then by `1 − delta` (default 10 %), the weights renormalised
 * (by {@link weightedRanking}, which normalises them), and the items ranked again. A rank change is
 * counted for the items in the first `top` places (default 10) of the original ranking. A criterion
 * with weight 0 stays at 0 and moves nothing.
 *
 * @throws RangeError for `delta` outside (0, 1), `top` not a positive integer, or the errors of {@link weightedRanking}.
 */
export function sensitivity(
  items: readonly RankInput[],
  criteria: readonly WeightedCriterion[],
  opts: { delta?: number; top?: number } = {},
): SensitivityResult {
  const { delta = 0.1, top = 10 } = opts;
  if (typeof delta !== 'number' || !(delta > 0 && delta < 1)) throw new RangeError(`sensitivity: delta ${delta} must be in (0, 1)`);
  if (!Number.isInteger(top) || top < 1) throw new RangeError(`sensitivity: top ${top} must be a positive integer`);
  const base = weightedRanking(items, criteria).slice(0, top);
  const perturbed = (index: number, factor: number) => {
    const ranks = new Map(
      weightedRanking(
        items,
        criteria.map((c, k) => (k === index ? { ...c, weight: c.weight * factor } : c)),
      ).map((r) => [r.id, r.rank]),
    );
    return base.filter((r) => ranks.get(r.id) !== r.rank).map((r) => ({ id: r.id, from: r.rank, to: ranks.get(r.id) as number }));
  };
  const largest = (moves: { from: number; to: number }[]) => Math.max(0, ...moves.map((m) => Math.abs(m.from - m.to)));
  const rows = criteria.map((c, k) => {
    const plus = perturbed(k, 1 + delta);
    const minus = perturbed(k, 1 - delta);
    return {
      criterion: c.key,
      plus: largest(plus),
      minus: largest(minus),
      moved: [...plus.map((m) => ({ ...m, direction: 'plus' as const })), ...minus.map((m) => ({ ...m, direction: 'minus' as const }))],
    };
  });
  return { delta, top, largestRankChange: Math.max(0, ...rows.map((r) => Math.max(r.plus, r.minus))), criteria: rows };
}

/**
 * Compares two rankings of (mostly) the same items, e.g. under two scoring models:
 * `shift = rankA − rankB`, positive when the item rises in B; `null` ranks for an item missing from
 * one side (and then a `null` shift). Ordered by rank in B, then the items only in A by rank in A.
 *
 * @throws RangeError when an id appears twice in one ranking.
 */
export interface RankShift {
  id: string;
  rankA: number | null;
  rankB: number | null;
  shift: number | null;
}

export function rankShifts(a: readonly Ranked[], b: readonly Ranked[]): RankShift[] {
  const index = (ranking: readonly Ranked[], name: string) => {
    const m = new Map<string, number>();
    for (const r of ranking) {
      if (m.has(r.id)) throw new RangeError(`rankShifts: id ${JSON.stringify(r.id)} appears twice in ranking ${name}`);
      m.set(r.id, r.rank);
    }
    return m;
  };
  const ra = index(a, 'A');
  const rb = index(b, 'B');
  const byRank = (ranking: readonly Ranked[]) => [...ranking].sort((x, y) => x.rank - y.rank);
  const out = byRank(b).map((r): RankShift => {
    const rankA = ra.get(r.id) ?? null;
    return { id: r.id, rankA, rankB: r.rank, shift: rankA === null ? null : rankA - r.rank };
  });
  for (const r of byRank(a)) if (!rb.has(r.id)) out.push({ id: r.id, rankA: r.rank, rankB: null, shift: null });
  return out;
}
