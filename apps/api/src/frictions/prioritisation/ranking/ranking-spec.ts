import type { WeightedCriterion } from '@rumbo/method';
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
