import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A stored answer: a value (yes/no as 1/0), or not applicable, or neither (a note kept before answering). */
export interface AnswerRow {
  questionKey: string;
  value: number | null;
  notApplicable: boolean;
  comment: string | null;
  evidence: string | null;
  updatedAt: Date;
}

/** An answer as it is to be stored. */
export type AnswerWrite = Omit<AnswerRow, 'updatedAt'>;

const COLUMNS = `x.question_key AS "questionKey", x.value::float8 AS value, x.not_applicable AS "notApplicable", x.comment, x.evidence,
  x.updated_at AS "updatedAt"`;

/** Typed SQL over assessment_answers: one statement per read or write, whatever the number of answers. */
@Injectable()
export class AnswersRepository {
  /** An assessment's answers, by question key. */
  answers(manager: EntityManager, tenantId: string, assessmentId: string): Promise<AnswerRow[]> {
    return manager.query(
      `SELECT ${COLUMNS} FROM assessment_answers x WHERE x.tenant_id = $1 AND x.assessment_id = $2 ORDER BY x.question_key`,
      [tenantId, assessmentId],
    );
  }

  /** Inserts or replaces answers in one statement. */
  async upsert(
    manager: EntityManager,
    tenantId: string,
    assessmentId: string,
    rows: readonly AnswerWrite[],
    answeredBy: string | null,
  ): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO assessment_answers (tenant_id, assessment_id, question_key, value, not_applicable, comment, evidence, answered_by, updated_at)
       SELECT $1, $2, k, v, na, c, e, $8, now() FROM unnest($3::text[], $4::numeric[], $5::boolean[], $6::text[], $7::text[]) AS u(k, v, na, c, e)
       ON CONFLICT (tenant_id, assessment_id, question_key) DO UPDATE
         SET value = EXCLUDED.value, not_applicable = EXCLUDED.not_applicable, comment = EXCLUDED.comment, evidence = EXCLUDED.evidence,
             answered_by = EXCLUDED.answered_by, updated_at = now()`,
      [
        tenantId,
        assessmentId,
        rows.map((r) => r.questionKey),
        rows.map((r) => r.value),
        rows.map((r) => r.notApplicable),
        rows.map((r) => r.comment),
        rows.map((r) => r.evidence),
        answeredBy,
      ],
    );
  }

  async delete(manager: EntityManager, tenantId: string, assessmentId: string, questionKeys: readonly string[]): Promise<void> {
    if (questionKeys.length === 0) return;
    await manager.query('DELETE FROM assessment_answers WHERE tenant_id = $1 AND assessment_id = $2 AND question_key = ANY ($3::text[])', [
      tenantId,
      assessmentId,
      questionKeys,
    ]);
  }
}
