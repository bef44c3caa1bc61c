import type { MaturityLevel, ScoreResult } from './types';

/** A weak dimension and how far it is from the next level. */
export interface Gap {
  readonly areaKey: string;
  readonly dimensionKey: string;
  /** The dimension's score on 0–100. */
  readonly score: number;
  readonly weightInOverall: number;
  readonly level: MaturityLevel;
  /** The level above, or `null` at the top level. */
  readonly nextLevel: MaturityLevel | null;
  /** Points to the next level's threshold (`nextLevel.minScore − score` > 0), `null` at the top level. */
  readonly shortfall: number | null;
}

export interface GapsOptions {
  /** At most this many gaps (a non-negative integer); all scored dimensions by default. */
  readonly limit?: number;
}

/**
 * The weakest dimensions of a scored assessment: dimensions with a score, lowest score first; ties
 * go to the larger weight in the overall score (it moves the overall score most), then to model order.
 * Dimensions without a score (nothing answered) are not gaps: they are missing answers
 * (see {@link missingQuestions}).
 *
 * @throws RangeError if `limit` is not a non-negative integer.
 */
export function gaps(result: ScoreResult, options: GapsOptions = {}): Gap[] {
  const { limit = Infinity } = options;
  if (limit !== Infinity && (!Number.isInteger(limit) || limit < 0)) {
    throw new RangeError(`gaps: limit must be a non-negative integer (got ${limit})`);
  }
  const { levels } = result;
  const found: Array<Gap & { order: number }> = [];
  let order = 0;
  for (const area of result.areas) {
    for (const dimension of area.dimensions) {
      order++;
      if (dimension.score === null || dimension.level === null) continue;
      const at = levels.findIndex((l) => l.level === dimension.level!.level);
      const next = at >= 0 && at + 1 < levels.length ? levels[at + 1] : null;
      found.push({
        areaKey: area.key,
        dimensionKey: dimension.key,
        score: dimension.score,
        weightInOverall: dimension.weightInOverall,
        level: { ...dimension.level },
        nextLevel: next === null ? null : { level: next.level, name: next.name, minScore: next.minScore },
        shortfall: next === null ? null : next.minScore - dimension.score,
        order,
      });
    }
  }
  found.sort((a, b) => a.score - b.score || b.weightInOverall - a.weightInOverall || a.order - b.order);
  return found.slice(0, limit).map(({ order: _order, ...gap }) => gap);
}
