import { Injectable } from '@nestjs/common';
import type { ScoreResult } from '@rumbo/method';
import type { EntityManager } from 'typeorm';
import { TenantReader } from '../../tenancy/tenants/tenant-reader';

export interface DimensionScore {
  areaKey: string;
  dimensionKey: string;
  score: number | null;
}

export interface HistoryRow {
  assessmentId: string;
  period: string;
  status: string;
  modelVersionId: string;
  modelKey: string;
  score: number | null;
  level: number | null;
  dimensions: DimensionScore[];
}

/** The dimension scores of a stored result, without the questions (the bulk of the document). */
const DIMENSIONS_OF = (result: string) => `coalesce((
    SELECT jsonb_agg(jsonb_build_object('areaKey', ar->>'key', 'dimensionKey', d->>'key', 'score', d->'score') ORDER BY ai, di)
      FROM jsonb_array_elements(${result}->'areas') WITH ORDINALITY AS x(ar, ai),
           jsonb_array_elements(ar->'dimensions') WITH ORDINALITY AS y(d, di)), '[]'::jsonb)`;

/** Read-only SQL of the insights: history, stored dimension scores, a parent's distribution, peers. */
@Injectable()
export class InsightsRepository {
  constructor(private readonly tenants: TenantReader) {}

  /** Submitted assessments, the latest submitted per model and period, with their stored dimension scores. */
  history(manager: EntityManager, tenantId: string, modelKey: string | undefined): Promise<HistoryRow[]> {
    return manager.query(
      `SELECT DISTINCT ON (m.key, a.period) a.id AS "assessmentId", a.period, a.status, a.model_version_id AS "modelVersionId",
              m.key AS "modelKey", s.overall::float8 AS score, s.level, ${DIMENSIONS_OF('s.result')} AS dimensions
         FROM assessments a
         JOIN assessment_scores s ON s.tenant_id = a.tenant_id AND s.assessment_id = a.id AND s.model_version_id = a.model_version_id
         JOIN maturity_models m ON m.id = a.model_id
        WHERE a.tenant_id = $1 AND a.status IN ('submitted', 'validated') AND ($2::text IS NULL OR m.key = $2)
        ORDER BY m.key, a.period, a.submitted_at DESC`,
      [tenantId, modelKey ?? null],
    );
  }

  /** The stored dimension scores of assessments under their own version, by assessment id. */
  async storedDimensions(manager: EntityManager, tenantId: string, ids: string[]): Promise<Map<string, DimensionScore[]>> {
    const rows: { id: string; dimensions: DimensionScore[] }[] = await manager.query(
      `SELECT a.id, ${DIMENSIONS_OF('s.result')} AS dimensions
         FROM assessments a
         JOIN assessment_scores s ON s.tenant_id = a.tenant_id AND s.assessment_id = a.id AND s.model_version_id = a.model_version_id
        WHERE a.tenant_id = $1 AND a.id = ANY ($2::uuid[]) AND a.status <> 'draft'`,
      [tenantId, ids],
    );
    return new Map(rows.map((r) => [r.id, r.dimensions]));
  }

  /** The overall scores of the tenant's descendants' submitted assessments of a version and year (one per descendant). */
  async descendantScores(manager: EntityManager, tenantId: string, modelVersionId: string, period: string): Promise<number[]> {
    const rows: { score: number }[] = await manager.query(
      `SELECT DISTINCT ON (a.tenant_id) a.score::float8 AS score
         FROM assessments a
         JOIN ${this.tenants.descendantsRelation('$1')} d ON d.tenant_id = a.tenant_id
        WHERE a.model_version_id = $2 AND a.period = $3 AND a.status IN ('submitted', 'validated') AND a.score IS NOT NULL
        ORDER BY a.tenant_id, a.submitted_at DESC`,
      [tenantId, modelVersionId, period],
    );
    return rows.map((r) => r.score);
  }

  /**
   * Peers' anonymous scores for a benchmark (METHOD.md §2), through the SECURITY DEFINER look-up of
   * the maturity migration: no tenant, no assessment id, only figures.
   */
  cohort(
    manager: EntityManager,
    cohort: { modelVersionId: string; period: string; kind: string; band: string | null; exclude: string },
  ): Promise<{ overall: number | null; result: ScoreResult }[]> {
    return manager.query('SELECT overall::float8 AS overall, result FROM rumbo_maturity_cohort($1, $2, $3, $4, $5)', [
      cohort.modelVersionId,
      cohort.period,
      cohort.kind,
      cohort.band,
      cohort.exclude,
    ]);
  }
}
