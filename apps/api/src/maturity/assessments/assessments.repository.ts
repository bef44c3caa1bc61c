import { Injectable } from '@nestjs/common';
import type { ScoreResult } from '@rumbo/method';
import type { EntityManager } from 'typeorm';
import { uuidv7 } from '../../platform/database/uuid';
import type { AssessmentStatus } from './assessment.entity';

/** An assessment as the API reads it (every column it shows or acts on, nothing else). */
export interface AssessmentRow {
  tenantId: string;
  id: string;
  modelId: string;
  modelVersionId: string;
  period: string;
  title: string | null;
  status: AssessmentStatus;
  respondents: { name: string; role?: string; email?: string }[];
  score: number | null;
  level: number | null;
  coverage: number;
  answeredCount: number;
  questionCount: number;
  duplicateOf: string | null;
  submittedAt: Date | null;
  validatedAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** The current result of an assessment's answers, kept on its row. */
export interface AssessmentResult {
  score: number | null;
  level: number | null;
  coverage: number;
  answeredCount: number;
  questionCount: number;
}

export interface StoredScore {
  modelVersionId: string;
  result: ScoreResult;
  computedAt: Date;
}

export const ASSESSMENT_COLUMNS = `a.tenant_id AS "tenantId", a.id, a.model_id AS "modelId", a.model_version_id AS "modelVersionId",
  a.period, a.title, a.status, a.respondents, a.score::float8 AS score, a.level, a.coverage::float8 AS coverage,
  a.answered_count AS "answeredCount", a.question_count AS "questionCount", a.duplicate_of AS "duplicateOf",
  a.submitted_at AS "submittedAt", a.validated_at AS "validatedAt", a.version, a.created_at AS "createdAt", a.updated_at AS "updatedAt"`;

/** What a lifecycle move writes besides the status. */
export interface TransitionFields {
  /** The result of the answers at the move (a submission stores it with the score). */
  result?: AssessmentResult;
  submittedAt?: 'now' | null;
  submittedBy?: string | null;
  validatedAt?: 'now' | null;
  validatedBy?: string | null;
}

/**
 * Typed SQL over assessments and their stored scores, explicit columns only. Every statement names
 * the tenant (row-level security would hide other tenants' rows anyway; the filter is what lets the
 * indexes that lead with tenant_id serve it). Writes bump `version` and `updated_at` themselves.
 */
@Injectable()
export class AssessmentsRepository {
  async find(manager: EntityManager, tenantId: string, id: string, options: { lock?: boolean } = {}): Promise<AssessmentRow | null> {
    const [row]: AssessmentRow[] = await manager.query(
      `SELECT ${ASSESSMENT_COLUMNS} FROM assessments a WHERE a.tenant_id = $1 AND a.id = $2${options.lock ? ' FOR UPDATE' : ''}`,
      [tenantId, id],
    );
    return row ?? null;
  }

  /** A page, newest period first, keyset on (period, id). One statement whatever the page size. */
  list(
    manager: EntityManager,
    tenantId: string,
    filter: { period?: string; status?: AssessmentStatus; after?: [string, string]; limit: number },
  ): Promise<AssessmentRow[]> {
    return manager.query(
      `SELECT ${ASSESSMENT_COLUMNS} FROM assessments a
        WHERE a.tenant_id = $1 AND ($2::text IS NULL OR a.period = $2) AND ($3::text IS NULL OR a.status = $3)
          AND ($4::text IS NULL OR (a.period, a.id) < ($4, $5::uuid))
        ORDER BY a.period DESC, a.id DESC LIMIT $6`,
      [tenantId, filter.period ?? null, filter.status ?? null, filter.after?.[0] ?? null, filter.after?.[1] ?? null, filter.limit],
    );
  }

  /**
   * The latest submitted (or validated) assessment of each model (of `modelIds`, or every model),
   * latest period first, then the latest submission; the newest overall comes first.
   */
  latestSubmitted(manager: EntityManager, tenantId: string, modelIds?: readonly string[]): Promise<AssessmentRow[]> {
    return manager.query(
      `SELECT * FROM (
         SELECT DISTINCT ON (a.model_id) ${ASSESSMENT_COLUMNS} FROM assessments a
          WHERE a.tenant_id = $1 AND a.status IN ('submitted', 'validated') AND a.duplicate_of IS NULL
            AND ($2::uuid[] IS NULL OR a.model_id = ANY ($2::uuid[]))
          ORDER BY a.model_id, a.period DESC, a.submitted_at DESC NULLS LAST, a.id DESC) latest
        ORDER BY latest.period DESC, latest."submittedAt" DESC NULLS LAST, latest.id DESC`,
      [tenantId, modelIds ? [...modelIds] : null],
    );
  }

  /**
   * Creates the tenant's assessment of a model for a period, unless it already has one (any version
   * of the model): then nothing is written and null is returned. The unique index decides, so two
   * requests racing cannot both create one.
   */
  async insertUnlessExists(
    manager: EntityManager,
    row: Pick<AssessmentRow, 'tenantId' | 'modelId' | 'modelVersionId' | 'period' | 'title' | 'respondents'> & { createdBy: string | null },
    result: AssessmentResult,
  ): Promise<AssessmentRow | null> {
    const [created]: AssessmentRow[] = await manager.query(
      `INSERT INTO assessments AS a (tenant_id, id, model_id, model_version_id, period, title, respondents, created_by,
                                     score, level, coverage, answered_count, question_count)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (tenant_id, model_id, period) WHERE duplicate_of IS NULL DO NOTHING
       RETURNING ${ASSESSMENT_COLUMNS}`,
      [
        row.tenantId,
        uuidv7(),
        row.modelId,
        row.modelVersionId,
        row.period,
        row.title,
        JSON.stringify(row.respondents),
        row.createdBy,
        result.score,
        result.level,
        result.coverage,
        result.answeredCount,
        result.questionCount,
      ],
    );
    return created ?? null;
  }

  /** The assessment that holds the tenant's model and period (the one the rule counts). */
  async holder(
    manager: EntityManager,
    tenantId: string,
    modelId: string,
    period: string,
  ): Promise<Pick<AssessmentRow, 'id' | 'status'> | null> {
    const [row]: Pick<AssessmentRow, 'id' | 'status'>[] = await manager.query(
      `SELECT a.id, a.status FROM assessments a WHERE a.tenant_id = $1 AND a.model_id = $2 AND a.period = $3 AND a.duplicate_of IS NULL`,
      [tenantId, modelId, period],
    );
    return row ?? null;
  }

  async saveResult(manager: EntityManager, tenantId: string, id: string, result: AssessmentResult): Promise<AssessmentRow> {
    const [[row]]: [AssessmentRow[], number] = await manager.query(
      `UPDATE assessments a SET score = $3, level = $4, coverage = $5, answered_count = $6, question_count = $7,
              version = a.version + 1, updated_at = now()
        WHERE a.tenant_id = $1 AND a.id = $2 RETURNING ${ASSESSMENT_COLUMNS}`,
      [tenantId, id, result.score, result.level, result.coverage, result.answeredCount, result.questionCount],
    );
    return row;
  }

  /** Moves the status, only from one of `from` (the transition table's states); null if it was not there. */
  async transition(
    manager: EntityManager,
    tenantId: string,
    id: string,
    from: readonly AssessmentStatus[],
    to: AssessmentStatus,
    fields: TransitionFields,
  ): Promise<AssessmentRow | null> {
    const sets = ['status = $4'];
    const values: unknown[] = [tenantId, id, from, to];
    if (fields.result) {
      const { score, level, coverage, answeredCount, questionCount } = fields.result;
      values.push(score, level, coverage, answeredCount, questionCount);
      const n = values.length;
      sets.push(`score = $${n - 4}, level = $${n - 3}, coverage = $${n - 2}, answered_count = $${n - 1}, question_count = $${n}`);
    }
    for (const [field, column] of [
      ['submittedAt', 'submitted_at'],
      ['submittedBy', 'submitted_by'],
      ['validatedAt', 'validated_at'],
      ['validatedBy', 'validated_by'],
    ] as const) {
      const value = fields[field];
      if (value === undefined) continue;
      if (value === 'now') sets.push(`${column} = now()`);
      else {
        values.push(value);
        sets.push(`${column} = $${values.length}`);
      }
    }
    const [[row]]: [AssessmentRow[], number] = await manager.query(
      `UPDATE assessments a SET ${sets.join(', ')}, version = a.version + 1, updated_at = now()
        WHERE a.tenant_id = $1 AND a.id = $2 AND a.status = ANY ($3::text[]) RETURNING ${ASSESSMENT_COLUMNS}`,
      values,
    );
    return row ?? null;
  }

  async storedScore(manager: EntityManager, tenantId: string, id: string, versionId: string): Promise<StoredScore | null> {
    const [row]: StoredScore[] = await manager.query(
      `SELECT s.model_version_id AS "modelVersionId", s.result, s.computed_at AS "computedAt"
         FROM assessment_scores s WHERE s.tenant_id = $1 AND s.assessment_id = $2 AND s.model_version_id = $3`,
      [tenantId, id, versionId],
    );
    return row ?? null;
  }

  /** Stores a score with its provenance (the version), replacing an earlier one under that version. */
  async storeScore(manager: EntityManager, tenantId: string, id: string, versionId: string, result: ScoreResult): Promise<StoredScore> {
    const [row]: StoredScore[] = await manager.query(
      `INSERT INTO assessment_scores (tenant_id, assessment_id, model_version_id, overall, level, coverage, result, computed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, now())
       ON CONFLICT (tenant_id, assessment_id, model_version_id) DO UPDATE
         SET overall = EXCLUDED.overall, level = EXCLUDED.level, coverage = EXCLUDED.coverage, result = EXCLUDED.result,
             computed_at = EXCLUDED.computed_at
       RETURNING model_version_id AS "modelVersionId", result, computed_at AS "computedAt"`,
      [tenantId, id, versionId, result.overall.score, result.overall.level?.level ?? null, result.overall.coverage, JSON.stringify(result)],
    );
    return row;
  }
}
