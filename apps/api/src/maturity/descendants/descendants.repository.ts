import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ContentLanguage } from '../../platform/http/language';
import { TenantReader, type TenantKind } from '../../tenancy/tenants/tenant-reader';
import type { AssessmentStatus } from '../assessments/assessment.entity';
import type { OverviewStatus } from './dto/descendants.dto';

export interface OverviewFilter {
  root: string;
  /** null: the default period (resolved by {@link DescendantsRepository.summary}). */
  period: string | null;
  status?: OverviewStatus;
  kind?: TenantKind;
  /** A search pattern from TenantReader.searchPattern. */
  search?: string;
  modelId?: string;
}

export interface OverviewRow {
  tenantId: string;
  code: string;
  name: string;
  /** The name folded for ordering (the keyset cursor's first key). */
  sortKey: string;
  kind: TenantKind;
  population: number | null;
  parentId: string | null;
  parentName: string | null;
  assessmentId: string | null;
  modelVersionId: string | null;
  title: string | null;
  status: AssessmentStatus | null;
  score: number | null;
  level: number | null;
  levelName: string | null;
  coverage: number | null;
  submittedAt: Date | null;
  updatedAt: Date | null;
}

export interface OverviewSummary {
  period: string;
  total: number;
  notStarted: number;
  draft: number;
  submitted: number;
  validated: number;
}

/**
 * A parent's overview of its descendants' assessments in set-based SQL: one statement for the
 * summary (which also settles the default period) and one for a page (or for every row of the CSV),
 * whatever the number of descendants. Each descendant comes from the tenant directory's relation
 * (TenantReader), its assessment of the period from one pass over the period's assessments (the
 * index on tenant_id and period), joined by tenant; the level names from the page's versions only.
 */
@Injectable()
export class DescendantsRepository {
  constructor(private readonly tenants: TenantReader) {}

  /**
   * The descendants matching the filters, each with its assessment of the period (or none). The
   * assessments of the period are read in one pass and joined by tenant (not looked up per
   * descendant): row-level security checks each row against the readable tenants once, whatever
   * the size of the subtree.
   */
  private matching(period: string): string {
    return `SELECT d.tenant_id, d.code, d.name, d.sort_key, d.kind, d.population, d.parent_id, d.parent_name,
                   a.id AS assessment_id, a.model_version_id, a.title, a.status, a.score, a.level, a.coverage, a.submitted_at, a.updated_at
              FROM ${this.tenants.descendantsRelation('$1')} d
              LEFT JOIN (
                SELECT DISTINCT ON (a.tenant_id) a.tenant_id, a.id, a.model_version_id, a.title, a.status, a.score::float8 AS score, a.level,
                       a.coverage::float8 AS coverage, a.submitted_at, a.updated_at
                  FROM assessments a
                 WHERE a.period = ${period} AND a.duplicate_of IS NULL AND ($5::uuid IS NULL OR a.model_id = $5)
                 ORDER BY a.tenant_id, a.updated_at DESC, a.id DESC) a ON a.tenant_id = d.tenant_id
             WHERE ($2::text IS NULL OR d.kind = $2) AND ($3::text IS NULL OR d.search_key LIKE $3)
               AND ($4::text IS NULL OR coalesce(a.status, 'not_started') = $4)`;
  }

  private params(filter: OverviewFilter): unknown[] {
    return [filter.root, filter.kind ?? null, filter.search ?? null, filter.status ?? null, filter.modelId ?? null];
  }

  /**
   * Counts by status over every matching descendant, and the period they are for: the one asked, or
   * the latest any descendant has an assessment in (of the model, when given), else the current year.
   */
  async summary(manager: EntityManager, filter: OverviewFilter): Promise<OverviewSummary> {
    const [row]: OverviewSummary[] = await manager.query(
      `WITH p AS (
         SELECT coalesce($6::text,
                         (SELECT max(a.period) FROM assessments a JOIN ${this.tenants.descendantsRelation('$1')} dd ON dd.tenant_id = a.tenant_id
                           WHERE a.duplicate_of IS NULL AND ($5::uuid IS NULL OR a.model_id = $5)),
                         $7::text) AS period)
       SELECT p.period, count(m.tenant_id)::int AS total,
              count(m.tenant_id) FILTER (WHERE m.status IS NULL)::int AS "notStarted",
              count(m.tenant_id) FILTER (WHERE m.status = 'draft')::int AS draft,
              count(m.tenant_id) FILTER (WHERE m.status = 'submitted')::int AS submitted,
              count(m.tenant_id) FILTER (WHERE m.status = 'validated')::int AS validated
         FROM p LEFT JOIN (${this.matching('(SELECT period FROM p)')}) m ON true
        GROUP BY p.period`,
      [...this.params(filter), filter.period, String(new Date().getUTCFullYear())],
    );
    return row;
  }

  /**
   * The matching descendants by name (case and accents aside) then id, with the level names in
   * `language`; a page after the cursor's (sort key, id) when `page` is given, every row otherwise
   * (the CSV).
   */
  rows(
    manager: EntityManager,
    filter: OverviewFilter & { period: string },
    language: ContentLanguage,
    page?: { after?: [string, string]; limit: number },
  ): Promise<OverviewRow[]> {
    return manager.query(
      `WITH m AS (
         SELECT * FROM (${this.matching('$6')}) x
          WHERE ($7::text IS NULL OR (x.sort_key, x.tenant_id) > ($7 COLLATE "C", $8::uuid))
          ORDER BY x.sort_key, x.tenant_id
          ${page ? 'LIMIT $9' : ''}),
       names AS (
         SELECT v.id, (l->>'level')::int AS level, l->'name'->>$${page ? 10 : 9} AS name
           FROM maturity_model_versions v CROSS JOIN jsonb_array_elements(v.definition->'levels') l
          WHERE v.id IN (SELECT model_version_id FROM m WHERE model_version_id IS NOT NULL))
       SELECT m.tenant_id AS "tenantId", m.code, m.name, m.sort_key AS "sortKey", m.kind, m.population, m.parent_id AS "parentId", m.parent_name AS "parentName",
              m.assessment_id AS "assessmentId", m.model_version_id AS "modelVersionId", m.title, m.status, m.score, m.level,
              n.name AS "levelName", m.coverage, m.submitted_at AS "submittedAt", m.updated_at AS "updatedAt"
         FROM m LEFT JOIN names n ON n.id = m.model_version_id AND n.level = m.level
        ORDER BY m.sort_key, m.tenant_id`,
      [...this.params(filter), filter.period, page?.after?.[0] ?? null, page?.after?.[1] ?? null, ...(page ? [page.limit] : []), language],
    );
  }
}
