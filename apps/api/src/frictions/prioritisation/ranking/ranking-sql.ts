import type { FrictionField } from '../models/scoring-model-definition';
import { BACKLOG_STATUSES, BUILT_IN_SCALES, type RankingSpec } from './ranking-spec';

/** Each friction field as SQL over `f` (frictions) and the joins the field needs. */
const FIELD_SQL: Record<FrictionField, string> = {
  annualCost: 'f.annual_cost::float8',
  annualHours: 'f.annual_hours::float8',
  citizensHours: 'f.citizens_hours::float8',
  citizensCost: 'f.citizens_cost::float8',
  businessesCost: 'f.businesses_cost::float8',
  staffHours: 'f.staff_hours::float8',
  staffCost: 'f.staff_cost::float8',
  population: 'f.population::float8',
  burdenCount: 'coalesce(bc.n, 0)::float8',
  rootCauseShortfall: 'rc.shortfall',
};

/** A root-cause dimension's shortfall in the tenant's latest assessment (FrictionReader.rootCauseShortfalls). */
export interface DimensionShortfall {
  modelId: string;
  areaKey: string;
  dimensionKey: string;
  shortfall: number;
}

/** Where a page starts: after the last row of the previous one (its sort key and rank). */
export interface RankingAfter {
  /** round(score · 10⁹): scores are compared to 9 decimals, as @rumbo/method's rankScored does. */
  tie: number;
  annualCost: string;
  id: string;
  rank: number;
}

/** One ranked row of a page, with each criterion's raw value (r0, r1…) and normalised value (n0, n1…). */
export interface RankedRow {
  id: string;
  ref: string | null;
  title: string;
  status: string;
  area: string;
  annualCost: number;
  annualCostKey: string;
  score: number;
  tie: number;
  [column: `r${number}` | `n${number}`]: number | null;
}

/**
 * One page of the backlog ranked by a model, computed by PostgreSQL over the whole backlog (METHOD.md
 * §4, the same rules as @rumbo/method; an e2e test holds them equal):
 *
 * - weighted and AHP: each criterion's raw value (a friction column, a manual value joined from
 *   friction_criterion_values) normalised by min–max over the backlog (one aggregate over the
 *   backlog CTE), clamped to [0, 1] and inverted when lower is better; a missing value counts 0 (the
 *   worst); a criterion whose present values are all equal gives them 1; score = Σ 100 · w · x;
 * - RICE = reach · impact · (confidence / 100) / effort; WSJF = (business value + time criticality +
 *   risk reduction) / job size; an item missing a factor (or with one off its scale) scores 0.
 *
 * Scores are compared rounded to 9 decimals (`tie`), like @rumbo/method's rankScored, so float noise
 * between the two never reorders a tie.
 *
 * Ordered by score, then annual cost (higher first), then id; the page starts after the cursor's
 * key, and its ranks continue the cursor's. Only the page's rows are joined back for their titles.
 *
 * With `order` the statement is the ranking cache's miss (ranking-cache.ts): the first `limit` rows
 * of the whole order, keys and values only (no titles), each carrying the tenant's backlog revision
 * read by the same statement, so the order and the revision it is stored under share one snapshot.
 */
export function rankingPageSql(
  spec: RankingSpec,
  tenantId: string,
  options: { after?: RankingAfter; limit: number; shortfalls: readonly DimensionShortfall[]; order?: boolean },
): { sql: string; params: unknown[] } {
  const params: unknown[] = [tenantId, [...BACKLOG_STATUSES]];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const joins: string[] = [];
  const ctes: string[] = [];
  const raws = spec.criteria.map((c, i) => {
    if (c.field) return FIELD_SQL[c.field];
    // One criterion's values for the whole tenant, read once and hash-joined: row-level security makes the planner price
    // every scan of the table high, and it would otherwise probe the index once per friction (6 µs × 50,000).
    ctes.push(
      `v${i} AS MATERIALIZED (SELECT v.friction_id, v.value FROM friction_criterion_values v WHERE v.tenant_id = $1 AND v.criterion_key = ${p(c.key)})`,
    );
    joins.push(`LEFT JOIN v${i} ON v${i}.friction_id = f.id`);
    return `v${i}.value::float8`;
  });
  const fields = new Set(spec.criteria.map((c) => c.field));
  if (fields.has('burdenCount')) {
    joins.push(`LEFT JOIN (SELECT b.friction_id, count(*) AS n FROM friction_burdens b WHERE b.tenant_id = $1 GROUP BY b.friction_id) bc
                  ON bc.friction_id = f.id`);
  }
  if (fields.has('rootCauseShortfall')) {
    const s = options.shortfalls;
    joins.push(`LEFT JOIN (SELECT r.friction_id, max(s.shortfall) AS shortfall
                  FROM friction_root_causes r
                  JOIN unnest(${p(s.map((x) => x.modelId))}::uuid[], ${p(s.map((x) => x.areaKey))}::text[],
                              ${p(s.map((x) => x.dimensionKey))}::text[], ${p(s.map((x) => x.shortfall))}::float8[])
                       AS s(model_id, area_key, dimension_key, shortfall)
                    ON s.model_id = r.model_id AND s.area_key = r.area_key AND s.dimension_key = r.dimension_key
                 WHERE r.tenant_id = $1 GROUP BY r.friction_id) rc ON rc.friction_id = f.id`);
  }
  const n = spec.criteria.length;
  const rCols = raws.map((sql, i) => `${sql} AS r${i}`).join(', ');
  const idx = [...Array(n).keys()];
  let normalised: string;
  let score: string;
  if (spec.method === 'weighted' || spec.method === 'ahp') {
    const bounds = idx.map((i) => `min(r${i}) AS lo${i}, max(r${i}) AS hi${i}`).join(', ');
    const columns = idx
      .map((i) => {
        const x = `least(1::float8, greatest(0::float8, (b.r${i} - s.lo${i}) / (s.hi${i} - s.lo${i})))`;
        const value = spec.criteria[i].direction === 'lower_is_better' ? `1 - ${x}` : x;
        return `CASE WHEN b.r${i} IS NULL THEN 0::float8 WHEN NOT (s.hi${i} > s.lo${i}) THEN 1::float8 ELSE ${value} END AS n${i}`;
      })
      .join(', ');
    score = idx.map((i) => `100 * ${p(spec.criteria[i].weight ?? 0)}::float8 * n${i}`).join(' + ');
    normalised = `CROSS JOIN (SELECT ${bounds} FROM base) s CROSS JOIN LATERAL (SELECT ${columns}) x`;
  } else {
    // A value off its scale counts as missing (CriterionValuesService refuses them; this covers values stored before the model).
    const at = (key: string) => {
      const i = spec.criteria.findIndex((c) => c.key === key);
      const scale = BUILT_IN_SCALES[key];
      return scale ? `(CASE WHEN ${scale.sql(`b.r${i}`)} THEN b.r${i} END)` : `b.r${i}`;
    };
    const [num, den] =
      spec.method === 'rice'
        ? [`${at('reach')} * ${at('impact')} * (${at('confidence')} / 100)`, at('effort')]
        : [`(${at('businessValue')} + ${at('timeCriticality')} + ${at('riskReduction')})`, at('jobSize')];
    normalised = `CROSS JOIN LATERAL (SELECT ${idx.map((i) => `NULL::float8 AS n${i}`).join(', ')}) x`;
    score = `coalesce(${num} / ${den}, 0)`;
  }
  let cursor = '';
  if (options.after) {
    const t = p(options.after.tie);
    const c = p(options.after.annualCost);
    const id = p(options.after.id);
    cursor = `WHERE tie < ${t}::float8 OR (tie = ${t}::float8 AND (annual_cost < ${c}::numeric OR (annual_cost = ${c}::numeric AND id > ${id}::uuid)))`;
  }
  const ranked = `
    WITH ${ctes.map((c) => `${c},`).join(' ')} base AS MATERIALIZED (
      SELECT f.id, f.annual_cost${n ? `, ${rCols}` : ''}
        FROM frictions f ${joins.join('\n')}
       WHERE f.tenant_id = $1 AND f.status = ANY ($2::text[])
    ), scored AS (
      SELECT b.*, x.*, ${score} AS score FROM base b ${normalised}
    ), keyed AS (
      SELECT scored.*, floor(score * 1e9 + 0.5) AS tie FROM scored
    ), page AS (
      SELECT * FROM keyed ${cursor} ORDER BY tie DESC, annual_cost DESC, id LIMIT ${p(options.limit)}
    )`;
  const values = idx.map((i) => `, page.r${i}, page.n${i}`).join('');
  if (options.order) {
    const sql = `${ranked}
    SELECT page.id, page.annual_cost::float8 AS "annualCost", page.annual_cost::text AS "annualCostKey", page.score, page.tie${values},
           (SELECT v.revision::text FROM friction_backlog_revisions v WHERE v.tenant_id = $1) AS revision
      FROM page ORDER BY page.tie DESC, page.annual_cost DESC, page.id`;
    return { sql, params };
  }
  const sql = `${ranked}
    SELECT page.id, f.ref, f.title, f.status, f.area, page.annual_cost::float8 AS "annualCost", page.annual_cost::text AS "annualCostKey",
           page.score, page.tie${values}
      FROM page JOIN frictions f ON f.tenant_id = $1 AND f.id = page.id
     ORDER BY page.tie DESC, page.annual_cost DESC, page.id`;
  return { sql, params };
}

/** The page without a model: the backlog by annual cost (higher first), then id, on the (tenant, annual_cost desc, id) index. */
export function costPageSql(
  tenantId: string,
  options: { after?: { annualCost: string; id: string }; limit: number },
): { sql: string; params: unknown[] } {
  const params: unknown[] = [tenantId, [...BACKLOG_STATUSES], options.limit];
  let cursor = '';
  if (options.after) {
    params.push(options.after.annualCost, options.after.id);
    cursor = 'AND (f.annual_cost < $4::numeric OR (f.annual_cost = $4::numeric AND f.id > $5::uuid))';
  }
  return {
    sql: `SELECT f.id, f.ref, f.title, f.status, f.area, f.annual_cost::float8 AS "annualCost", f.annual_cost::text AS "annualCostKey"
            FROM frictions f WHERE f.tenant_id = $1 AND f.status = ANY ($2::text[]) ${cursor}
           ORDER BY f.annual_cost DESC, f.id LIMIT $3`,
    params,
  };
}
