import { Injectable } from '@nestjs/common';
import { MaturityGapReader } from '../../maturity/insights/dimension-gaps.reader';
import { RequestContext } from '../../platform/context/request-context';
import type { GapCostDto, GapCostsDto } from '../dto/friction-actions.dto';
import { FrictionProblem, frictionProblems } from '../frictions.problems';
import { FRICTION_FIELD_MESSAGES } from '../frictions.texts';

/** Frictions listed under each dimension (the most expensive); the count and sums cover all of them. */
export const GAP_FRICTIONS_LISTED = 50;

/** Statuses that no longer cost anything: a resolved or discarded friction is not counted. */
const CLOSED = ['resolved', 'discarded'];

/**
 * "What does this maturity gap cost us a year": for each dimension of a model, its score and gap in
 * the tenant's latest submitted assessment, and the open frictions rooted in it with the sum of
 * their annual cost and hours (numeric sums in SQL, exact). A friction rooted in two dimensions
 * counts in both.
 */
@Injectable()
export class GapCostsService {
  constructor(private readonly gaps: MaturityGapReader) {}

  async gapCosts(tenantId: string, modelId: string | undefined): Promise<GapCostsDto> {
    const manager = RequestContext.manager();
    const id = modelId ?? (await this.gaps.latestAssessedModelId(tenantId, manager));
    if (!id) return { modelId: null, assessmentId: null, period: null, data: [] };
    const model = (await this.gaps.gaps(tenantId, [id], manager)).get(id);
    if (!model) {
      throw frictionProblems.raise(FrictionProblem.ModelUnusable, {
        errors: [{ path: 'modelId', code: 'modelUnusable', message: FRICTION_FIELD_MESSAGES.modelUnusable }],
      });
    }
    const sums: { areaKey: string; dimensionKey: string; count: number; cost: number; hours: number }[] = await manager.query(
      `SELECT r.area_key AS "areaKey", r.dimension_key AS "dimensionKey", count(*)::int AS count,
              sum(f.annual_cost)::float8 AS cost, sum(f.annual_hours)::float8 AS hours
         FROM friction_root_causes r JOIN frictions f ON f.tenant_id = r.tenant_id AND f.id = r.friction_id
        WHERE r.tenant_id = $1 AND r.model_id = $2 AND f.status <> ALL ($3::text[])
        GROUP BY r.area_key, r.dimension_key`,
      [tenantId, id, CLOSED],
    );
    const listed: { areaKey: string; dimensionKey: string; id: string; title: string; annualCost: number }[] = await manager.query(
      `SELECT x."areaKey", x."dimensionKey", x.id, x.title, x."annualCost" FROM (
         SELECT r.area_key AS "areaKey", r.dimension_key AS "dimensionKey", f.id, f.title, f.annual_cost::float8 AS "annualCost",
                row_number() OVER (PARTITION BY r.area_key, r.dimension_key ORDER BY f.annual_cost DESC, f.id) AS n
           FROM friction_root_causes r JOIN frictions f ON f.tenant_id = r.tenant_id AND f.id = r.friction_id
          WHERE r.tenant_id = $1 AND r.model_id = $2 AND f.status <> ALL ($3::text[])) x
        WHERE x.n <= $4 ORDER BY x."areaKey", x."dimensionKey", x.n`,
      [tenantId, id, CLOSED, GAP_FRICTIONS_LISTED],
    );
    const key = (a: string, d: string) => `${a}/${d}`;
    const language = RequestContext.language();
    const dimensions = new Map(model.dimensions.map((d, order) => [key(d.areaKey, d.dimensionKey), { d, order }]));
    const rows: (GapCostDto & { order: number })[] = model.dimensions.map((d, order) => ({
      areaKey: d.areaKey,
      dimensionKey: d.dimensionKey,
      dimensionName: d.name[language],
      score: d.score,
      level: d.level,
      shortfall: d.shortfall,
      frictionCount: 0,
      annualCost: 0,
      annualHours: 0,
      frictions: [],
      order,
    }));
    const byKey = new Map(rows.map((r) => [key(r.areaKey, r.dimensionKey), r]));
    for (const s of sums) {
      // A link to a dimension the model no longer has (a later version dropped it) still counts, under its keys.
      let row = byKey.get(key(s.areaKey, s.dimensionKey));
      if (!row) {
        row = {
          areaKey: s.areaKey,
          dimensionKey: s.dimensionKey,
          dimensionName: s.dimensionKey,
          score: null,
          level: null,
          shortfall: null,
          frictionCount: 0,
          annualCost: 0,
          annualHours: 0,
          frictions: [],
          order: dimensions.size + rows.length,
        };
        rows.push(row);
        byKey.set(key(s.areaKey, s.dimensionKey), row);
      }
      Object.assign(row, { frictionCount: s.count, annualCost: s.cost, annualHours: s.hours });
    }
    for (const f of listed)
      byKey.get(key(f.areaKey, f.dimensionKey))?.frictions.push({ id: f.id, title: f.title, annualCost: f.annualCost });
    rows.sort((a, b) => b.annualCost - a.annualCost || a.order - b.order);
    return {
      modelId: id,
      assessmentId: model.assessmentId,
      period: model.period,
      data: rows.map(({ order: _order, ...row }) => row),
    };
  }
}
