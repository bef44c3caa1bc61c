import { RICE_CONFIDENCE, RICE_IMPACT, WSJF_SCALE, type WeightedCriterion } from '@rumbo/method';
import { FRICTION_STATUSES, type FrictionStatus } from '../../friction.entity';
import type { FrictionField } from '../models/scoring-model-definition';
import { weightedCriteria, type StoredCriterion } from '../models/scoring-model-definition';
import type { ScoringMethod } from '../models/scoring-model.entity';
import type { ScoringModelRow } from '../models/scoring-models.repository';

/** The backlog a ranking orders: every friction not resolved nor discarded. */
export const BACKLOG_STATUSES: readonly FrictionStatus[] = FRICTION_STATUSES.filter((s) => s !== 'resolved' && s !== 'discarded');

/** One criterion as the ranking computes it: where its raw value comes from and its effective weight. */
export interface RankingCriterion {
  key: string;
  field: FrictionField | null;
  manual: boolean;
  direction: WeightedCriterion['direction'];
  /** Σ = 1 over the model (weighted and AHP); null for the built-in formulas. */
  weight: number | null;
}

/** What ranks the backlog: a model's method and its criteria with their effective weights. */
export interface RankingSpec {
  method: ScoringMethod;
  criteria: RankingCriterion[];
}

export function rankingSpec(model: Pick<ScoringModelRow, 'method' | 'criteria' | 'ahp'>): RankingSpec {
  if (model.method === 'rice' || model.method === 'wsjf') {
    return { method: model.method, criteria: model.criteria.map((c) => ({ ...sourceOf(c), weight: null })) };
  }
  const weights = weightedCriteria(model.criteria, model.ahp);
  return { method: model.method, criteria: model.criteria.map((c, i) => ({ ...sourceOf(c), weight: weights[i].weight })) };
}

/** The weighted criteria @rumbo/method's weightedRanking takes (weighted and AHP models). */
export function methodCriteria(spec: RankingSpec): WeightedCriterion[] {
  return spec.criteria.map((c) => ({ key: c.key, direction: c.direction, weight: c.weight ?? 0 }));
}

function sourceOf(c: StoredCriterion): Omit<RankingCriterion, 'weight'> {
  return { key: c.key, field: c.field, manual: c.manual, direction: c.direction };
}

const onScale = (scale: readonly number[]) => ({
  test: (v: number) => scale.includes(v),
  sql: (v: string) => `${v} = ANY ('{${scale.join(',')}}'::float8[])`,
});
const positive = { test: (v: number) => v > 0, sql: (v: string) => `${v} > 0` };

/**
 * What each factor of the built-in formulas accepts (METHOD.md §4; @rumbo/method refuses anything
 * else): manual values are checked against it when written, and a value that does not fit (stored
 * before the model existed) counts as missing in the ranking, in SQL and in memory alike.
 */
export const BUILT_IN_SCALES: Readonly<Record<string, { test(v: number): boolean; sql(v: string): string }>> = {
  reach: { test: (v) => v >= 0, sql: (v) => `${v} >= 0` },
  impact: onScale(RICE_IMPACT),
  confidence: onScale(RICE_CONFIDENCE),
  effort: positive,
  businessValue: onScale(WSJF_SCALE),
  timeCriticality: onScale(WSJF_SCALE),
  riskReduction: onScale(WSJF_SCALE),
  jobSize: positive,
};

/** The raw value a built-in formula may take: the value if on its factor's scale, else null. */
export function builtInValue(method: ScoringMethod, key: string, value: number | null): number | null {
  if (value === null || (method !== 'rice' && method !== 'wsjf')) return value;
  const scale = BUILT_IN_SCALES[key];
  return !scale || scale.test(value) ? value : null;
}
