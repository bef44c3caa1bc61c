import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MaturityGapReader } from '../maturity/insights/dimension-gaps.reader';
import { RequestContext } from '../platform/context/request-context';
import { PlatformProblem, platformProblems } from '../platform/errors/platform.problems';
import type { FrictionStatus } from './friction.entity';

/** The friction fields a scoring model may use as a criterion (`field`), besides manual values. */
export const RANKING_FIELDS = [
  'annualCost',
  'annualHours',
  'citizensHours',
  'citizensCost',
  'businessesCost',
  'staffHours',
  'staffCost',
  'population',
  'burdenCount',
  'rootCauseShortfall',
] as const;
export type RankingField = (typeof RANKING_FIELDS)[number];

/** A friction as ranking sees it: identity, what a list shows, and every RANKING_FIELDS value. */
export interface RankingInput extends Record<RankingField, number | null> {
  id: string;
  ref: string | null;
  title: string;
  status: FrictionStatus;
  area: string;
  annualCost: number;
  annualHours: number;
  citizensHours: number;
  citizensCost: number;
  businessesCost: number;
  staffHours: number;
  staffCost: number;
  population: number;
  burdenCount: number;
  /**
   * The largest shortfall to the next level among the friction's root-cause dimensions in the
   * tenant's latest submitted assessment of their model; null without root causes or scores.
   */
  rootCauseShortfall: number | null;
}

/** What a list of ranked items shows of each friction. */
export interface FrictionSummary {
  id: string;
  ref: string | null;
  title: string;
  status: FrictionStatus;
  annualCost: number;
}

/**
 * What other modules (the prioritisation submodule) may read of a tenant's frictions: existence
 * (404 otherwise, like any invisible object), refs to ids, titles, and the ranking inputs. Reads run
 * in the request's transaction under row-level security, and every statement names the tenant.
 */
@Injectable()
export class FrictionReader {
  constructor(private readonly gaps: MaturityGapReader) {}

  /** 404 (`not-found`) unless the tenant has this friction. */
  async assertExists(tenantId: string, id: string, manager: EntityManager = RequestContext.manager()): Promise<void> {
    if ((await this.existing(tenantId, [id], manager)).size === 0) throw platformProblems.raise(PlatformProblem.NotFound);
  }

  /** The ids among these that are the tenant's frictions. */
  async existing(tenantId: string, ids: readonly string[], manager: EntityManager = RequestContext.manager()): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: { id: string }[] = await manager.query(`SELECT f.id FROM frictions f WHERE f.tenant_id = $1 AND f.id = ANY ($2::uuid[])`, [
      tenantId,
      [...new Set(ids)],
    ]);
    return new Set(rows.map((r) => r.id));
  }

  /** The ids of the tenant's frictions with these refs, by ref (unknown refs are absent). */
  async idsByRef(
    tenantId: string,
    refs: readonly string[],
    manager: EntityManager = RequestContext.manager(),
  ): Promise<Map<string, string>> {
    if (refs.length === 0) return new Map();
    const rows: { id: string; ref: string }[] = await manager.query(
      `SELECT f.id, f.ref FROM frictions f WHERE f.tenant_id = $1 AND f.ref = ANY ($2::text[])`,
      [tenantId, [...new Set(refs)]],
    );
    return new Map(rows.map((r) => [r.ref, r.id]));
  }

  /** Title, ref, status and annual cost of these frictions, by id. */
  async summaries(
    tenantId: string,
    ids: readonly string[],
    manager: EntityManager = RequestContext.manager(),
  ): Promise<Map<string, FrictionSummary>> {
    if (ids.length === 0) return new Map();
    const rows: FrictionSummary[] = await manager.query(
      `SELECT f.id, f.ref, f.title, f.status, f.annual_cost::float8 AS "annualCost"
         FROM frictions f WHERE f.tenant_id = $1 AND f.id = ANY ($2::uuid[])`,
      [tenantId, [...new Set(ids)]],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  /**
   * The ranking inputs of the tenant's frictions (all, or those in `statuses`, or the given `ids`),
   * most expensive first. One statement for the frictions, one for their root causes, and the
   * maturity gaps of the models those name.
   */
  async rankingInputs(
    tenantId: string,
    filter: { statuses?: readonly FrictionStatus[]; ids?: readonly string[] } = {},
    manager: EntityManager = RequestContext.manager(),
  ): Promise<RankingInput[]> {
    const rows: (Omit<RankingInput, 'rootCauseShortfall'> & { causes: { m: string; a: string; d: string }[] | null })[] =
      await manager.query(
        `SELECT f.id, f.ref, f.title, f.status, f.area, f.annual_cost::float8 AS "annualCost", f.annual_hours::float8 AS "annualHours",
                f.citizens_hours::float8 AS "citizensHours", f.citizens_cost::float8 AS "citizensCost",
                f.businesses_cost::float8 AS "businessesCost", f.staff_hours::float8 AS "staffHours", f.staff_cost::float8 AS "staffCost",
                f.population::float8 AS population,
                (SELECT count(*)::int FROM friction_burdens b WHERE b.tenant_id = f.tenant_id AND b.friction_id = f.id) AS "burdenCount",
                (SELECT json_agg(json_build_object('m', r.model_id, 'a', r.area_key, 'd', r.dimension_key))
                   FROM friction_root_causes r WHERE r.tenant_id = f.tenant_id AND r.friction_id = f.id) AS causes
           FROM frictions f
          WHERE f.tenant_id = $1 AND ($2::text[] IS NULL OR f.status = ANY ($2::text[])) AND ($3::uuid[] IS NULL OR f.id = ANY ($3::uuid[]))
          ORDER BY f.annual_cost DESC, f.id`,
        [tenantId, filter.statuses ? [...filter.statuses] : null, filter.ids ? [...filter.ids] : null],
      );
    const modelIds = new Set(rows.flatMap((r) => (r.causes ?? []).map((c) => c.m)));
    const shortfalls = new Map<string, number | null>();
    for (const [modelId, model] of await this.gaps.gaps(tenantId, [...modelIds], manager)) {
      for (const d of model.dimensions) shortfalls.set(`${modelId}:${d.areaKey}/${d.dimensionKey}`, d.shortfall);
    }
    return rows.map(({ causes, ...row }) => {
      const values = (causes ?? []).map((c) => shortfalls.get(`${c.m}:${c.a}/${c.d}`) ?? null).filter((v): v is number => v !== null);
      return { ...row, rootCauseShortfall: values.length ? Math.max(...values) : null };
    });
  }

  /**
   * The shortfall of each dimension the tenant's frictions name as a root cause (non-null only), for
   * a ranking computed in SQL: the same values rankingInputs takes its rootCauseShortfall from.
   */
  async rootCauseShortfalls(
    tenantId: string,
    manager: EntityManager = RequestContext.manager(),
  ): Promise<{ modelId: string; areaKey: string; dimensionKey: string; shortfall: number }[]> {
    const rows: { modelId: string }[] = await manager.query(
      `SELECT DISTINCT r.model_id AS "modelId" FROM friction_root_causes r WHERE r.tenant_id = $1`,
      [tenantId],
    );
    const out: { modelId: string; areaKey: string; dimensionKey: string; shortfall: number }[] = [];
    for (const [modelId, model] of await this.gaps.gaps(
      tenantId,
      rows.map((r) => r.modelId),
      manager,
    )) {
      for (const d of model.dimensions) {
        if (d.shortfall !== null) out.push({ modelId, areaKey: d.areaKey, dimensionKey: d.dimensionKey, shortfall: d.shortfall });
      }
    }
    return out;
  }
}
