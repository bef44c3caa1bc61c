import { Injectable } from '@nestjs/common';
import { rankShifts, sensitivity, weightedRanking, type RankInput, type WeightedCriterion } from '@rumbo/method';
import { RequestContext } from '../../../platform/context/request-context';
import { PrioritisationProblem, prioritisationProblems } from '../prioritisation.problems';
import type { ImpactEffortDto, Quadrant, RankShiftsDto, SensitivityDto } from './dto/ranking-analysis.dto';
import { methodRanking } from './ranking-inputs';
import { methodCriteria, rankingSpec, type RankingSpec } from './ranking-spec';
import { rankingModelOf, RankingService } from './ranking.service';

/** Where the impact/effort quadrants split each 0–100 axis. */
export const QUADRANT_THRESHOLD = 50;

/**
 * What the ranking says about itself, computed by @rumbo/method over the whole backlog in memory:
 * sensitivity (each weight ±10 %, renormalised; the largest rank change in the top 10), the rank
 * shifts between two models, and the impact/effort matrix.
 *
 * Impact/effort axes (both 0–100, min–max over the backlog by weightedRanking):
 * - weighted and AHP: impact = the score over the model's higher-is-better criteria (their weights
 *   renormalised); effort = the lower-is-better criteria read the other way up (more effort = higher),
 *   or, when the model has none, the manual `effort` value; unknown effort leaves the quadrant null;
 * - RICE: impact = reach · impact · confidence, effort = effort; WSJF: impact = cost of delay
 *   (business value + time criticality + risk reduction), effort = job size.
 * Quadrants split each axis at 50: quick-win (impact ≥ 50, effort < 50), major-project (both ≥ 50),
 * fill-in (both < 50), thankless (impact < 50, effort ≥ 50).
 */
@Injectable()
export class RankingAnalysisService {
  constructor(private readonly ranking: RankingService) {}

  async sensitivity(tenantId: string, modelId: string | undefined): Promise<SensitivityDto> {
    const model = (await this.ranking.model(RequestContext.manager(), tenantId, modelId, { required: true }))!;
    const spec = rankingSpec(model);
    if (spec.method === 'rice' || spec.method === 'wsjf') throw prioritisationProblems.raise(PrioritisationProblem.ScoringModelNotWeighted);
    const { items } = await this.ranking.inputs(tenantId, spec);
    const result = sensitivity(items, methodCriteria(spec), { delta: 0.1, top: 10 });
    return {
      model: rankingModelOf(model),
      delta: result.delta,
      top: result.top,
      largestRankChange: result.largestRankChange,
      criteria: result.criteria.map((c) => ({
        ...c,
        moved: c.moved.map((m) => ({ frictionId: m.id, from: m.from, to: m.to, direction: m.direction })),
      })),
    };
  }

  async shifts(tenantId: string, fromId: string, toId: string, limit = 50): Promise<RankShiftsDto> {
    const manager = RequestContext.manager();
    const from = (await this.ranking.model(manager, tenantId, fromId, { required: true }))!;
    const to = (await this.ranking.model(manager, tenantId, toId, { required: true }))!;
    // One after the other: both read through the request's one connection.
    const rank = async (model: typeof from) => {
      const spec = rankingSpec(model);
      const { items, frictions } = await this.ranking.inputs(tenantId, spec);
      return { ranked: methodRanking(spec, items), frictions };
    };
    const a = await rank(from);
    const b = await rank(to);
    const shifts = rankShifts(a.ranked, b.ranked);
    const changed = shifts.filter((s) => s.shift !== 0);
    changed.sort((x, y) => Math.abs(y.shift ?? Infinity) - Math.abs(x.shift ?? Infinity) || (x.rankB ?? Infinity) - (y.rankB ?? Infinity));
    return {
      from: rankingModelOf(from),
      to: rankingModelOf(to),
      total: shifts.length,
      changed: changed.length,
      data: changed.slice(0, limit).map((s) => ({
        frictionId: s.id,
        title: (b.frictions.get(s.id) ?? a.frictions.get(s.id))?.title ?? '',
        rankA: s.rankA,
        rankB: s.rankB,
        shift: s.shift,
      })),
    };
  }

  async impactEffort(tenantId: string, modelId: string | undefined, limit = 200): Promise<ImpactEffortDto> {
    const model = (await this.ranking.model(RequestContext.manager(), tenantId, modelId, { required: true }))!;
    const spec = rankingSpec(model);
    const withEffort: RankingSpec = spec.criteria.some((c) => c.key === 'effort' || c.direction === 'lower_is_better')
      ? spec
      : { ...spec, criteria: [...spec.criteria, { key: 'effort', field: null, manual: true, direction: 'lower_is_better', weight: 0 }] };
    const { items, frictions } = await this.ranking.inputs(tenantId, withEffort);
    const ranked = methodRanking(spec, items).slice(0, limit);
    const axes = impactEffortAxes(spec, withEffort, items);
    return {
      model: rankingModelOf(model),
      impact: { criteria: axes.impactCriteria, threshold: QUADRANT_THRESHOLD },
      effort: { criteria: axes.effortCriteria, threshold: QUADRANT_THRESHOLD },
      data: ranked.map((r) => {
        const impact = axes.impact.get(r.id) ?? 0;
        const effort = axes.effort.get(r.id) ?? null;
        const friction = frictions.get(r.id);
        return {
          frictionId: r.id,
          title: friction?.title ?? '',
          rank: r.rank,
          annualCost: friction?.annualCost ?? 0,
          impact,
          effort,
          quadrant: quadrant(impact, effort),
        };
      }),
    };
  }
}

export function quadrant(impact: number, effort: number | null): Quadrant | null {
  if (effort === null) return null;
  const high = impact >= QUADRANT_THRESHOLD;
  const hard = effort >= QUADRANT_THRESHOLD;
  return high ? (hard ? 'major-project' : 'quick-win') : hard ? 'thankless' : 'fill-in';
}

/** Each axis as a 0–100 weighted score per friction (see the service's comment); effort absent where its values are. */
function impactEffortAxes(spec: RankingSpec, withEffort: RankingSpec, items: RankInput[]) {
  let impactCriteria: WeightedCriterion[];
  let effortCriteria: WeightedCriterion[];
  let derived = items;
  if (spec.method === 'rice' || spec.method === 'wsjf') {
    const [gain, cost] = spec.method === 'rice' ? ['reachImpactConfidence', 'effort'] : ['costOfDelay', 'jobSize'];
    derived = items.map((item) => {
      const v = item.values;
      const product = (...keys: string[]) => (keys.every((k) => v[k] !== null) ? keys.reduce((p, k) => p * (v[k] as number), 1) : null);
      const sum = (...keys: string[]) => (keys.every((k) => v[k] !== null) ? keys.reduce((p, k) => p + (v[k] as number), 0) : null);
      const value =
        spec.method === 'rice' ? product('reach', 'impact', 'confidence') : sum('businessValue', 'timeCriticality', 'riskReduction');
      return { ...item, values: { ...v, [gain]: value } };
    });
    impactCriteria = [{ key: gain, direction: 'higher_is_better', weight: 1 }];
    effortCriteria = [{ key: cost, direction: 'higher_is_better', weight: 1 }];
  } else {
    impactCriteria = methodCriteria(spec).filter((c) => c.direction === 'higher_is_better');
    const lower = methodCriteria(withEffort).filter((c) => c.direction === 'lower_is_better');
    effortCriteria = lower.map((c) => ({ ...c, direction: 'higher_is_better', weight: c.weight > 0 ? c.weight : 1 }));
  }
  const scores = (criteria: WeightedCriterion[], only: (item: RankInput) => boolean) => {
    if (criteria.length === 0) return new Map<string, number>();
    const total = criteria.reduce((s, c) => s + c.weight, 0);
    const normalised = criteria.map((c) => ({ ...c, weight: total > 0 ? c.weight / total : 1 / criteria.length }));
    return new Map(weightedRanking(derived.filter(only), normalised).map((r) => [r.id, r.score]));
  };
  const known = (item: RankInput) => effortCriteria.some((c) => item.values[c.key] !== null && item.values[c.key] !== undefined);
  const builtIn = spec.method === 'rice' ? ['reach', 'impact', 'confidence'] : ['businessValue', 'timeCriticality', 'riskReduction'];
  return {
    impactCriteria: spec.method === 'rice' || spec.method === 'wsjf' ? builtIn : impactCriteria.map((c) => c.key),
    effortCriteria: effortCriteria.map((c) => c.key),
    impact: scores(impactCriteria, () => true),
    effort: scores(effortCriteria, known),
  };
}
