import { riceRanking, weightedRanking, wsjfRanking, type RankInput, type Ranked } from '@rumbo/method';
import type { RankingInput } from '../../friction.reader';
import type { CriterionValue } from '../criteria/criterion-values.repository';
import { builtInValue, methodCriteria, type RankingSpec } from './ranking-spec';

/**
 * @rumbo/method's RankInput for each friction of the backlog: its annual cost and, under each
 * criterion's key, the raw value (the friction field it reads, or its manual value; null if none).
 */
export function rankInputs(spec: RankingSpec, frictions: readonly RankingInput[], manual: readonly CriterionValue[]): RankInput[] {
  const byFriction = new Map<string, Map<string, number>>();
  for (const v of manual) {
    let values = byFriction.get(v.frictionId);
    if (!values) byFriction.set(v.frictionId, (values = new Map()));
    values.set(v.criterionKey, v.value);
  }
  return frictions.map((f) => {
    const values: Record<string, number | null> = {};
    for (const c of spec.criteria) {
      values[c.key] = builtInValue(spec.method, c.key, c.field ? f[c.field] : (byFriction.get(f.id)?.get(c.key) ?? null));
    }
    return { id: f.id, annualCost: f.annualCost, values };
  });
}

/** The whole backlog ranked by @rumbo/method under a model (what the SQL page must agree with). */
export function methodRanking(spec: RankingSpec, items: readonly RankInput[]): Ranked[] {
  switch (spec.method) {
    case 'weighted':
    case 'ahp':
      return weightedRanking(items, methodCriteria(spec));
    case 'rice':
      return riceRanking(items);
    case 'wsjf':
      return wsjfRanking(items);
  }
}
