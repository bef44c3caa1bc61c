import type * as Method from '@rumbo/method';
import type { Answer } from '@rumbo/method';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { toMethodModel } from '../maturity/models/method-model';
import type { ModelDefinition } from '../maturity/models/model-definition';

/**
 * Maturity, as a civil servant found it:
 *
 * 1. **One assessment per tenant, model and period.** Assessments name their model (`model_id`, kept
 *    consistent with the version by a composite foreign key), and a unique index allows one per
 *    tenant, model (any version) and period, so two requests racing cannot create two.
 *
 *    Existing data may already repeat a period (the demo seed does not: one assessment per tenant and
 *    year). Nothing is deleted: in each group of repeats the migration keeps the most advanced one
 *    (validated, then submitted, then draft; then the latest submitted, the latest updated) and marks
 *    the others `duplicate_of` the kept one. They stay readable and usable, but the rule ignores them
 *    (the index is partial), and new ones can no longer be created.
 *
 * 2. **The current result on the row.** `score`, `level`, `coverage`, `answered_count` and
 *    `question_count` hold what scoreAssessment gives for the answers under the assessment's own
 *    version, so a list of 100 assessments, or a region's overview of 8,000 municipalities, is one
 *    set-based statement. They are filled here with @rumbo/method itself, the same code the API runs.
 *
 * The backfill touches rows of every tenant, so it lifts the forced row-level security of the tables
 * it reads and writes for the length of this migration's transaction (the owner then bypasses RLS, as
 * a superuser would); it is forced again before the transaction commits.
 */
export class MaturityOnePerPeriod1764691200000 implements MigrationInterface {
  name = 'MaturityOnePerPeriod1764691200000';

  async up(q: QueryRunner): Promise<void> {
    const tables = ['assessments', 'assessment_answers', 'maturity_model_versions'];
    for (const table of tables) await q.query(`ALTER TABLE "${table}" NO FORCE ROW LEVEL SECURITY`);

    await q.query(`CREATE UNIQUE INDEX "uq_maturity_model_versions_model" ON "maturity_model_versions" ("id", "model_id")`);
    await q.query(`ALTER TABLE "assessments" ADD "model_id" uuid`);
    await q.query(
      `UPDATE "assessments" a SET "model_id" = v."model_id" FROM "maturity_model_versions" v WHERE v."id" = a."model_version_id"`,
    );
    await q.query(`ALTER TABLE "assessments" ALTER COLUMN "model_id" SET NOT NULL`);
    await q.query(`ALTER TABLE "assessments" DROP CONSTRAINT "fk_assessments_model_version"`);
    await q.query(
      `ALTER TABLE "assessments" ADD CONSTRAINT "fk_assessments_model_version" FOREIGN KEY ("model_version_id", "model_id")
         REFERENCES "maturity_model_versions"("id", "model_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    await q.query(`ALTER TABLE "assessments" ADD "duplicate_of" uuid`);
    await q.query(`
      WITH ranked AS (
        SELECT tenant_id, id, first_value(id) OVER w AS kept, row_number() OVER w AS n
          FROM assessments
        WINDOW w AS (PARTITION BY tenant_id, model_id, period
                     ORDER BY CASE status WHEN 'validated' THEN 0 WHEN 'submitted' THEN 1 ELSE 2 END,
                              submitted_at DESC NULLS LAST, updated_at DESC, id DESC))
      UPDATE assessments a SET duplicate_of = r.kept
        FROM ranked r
       WHERE r.tenant_id = a.tenant_id AND r.id = a.id AND r.n > 1`);
    await q.query(
      `ALTER TABLE "assessments" ADD CONSTRAINT "fk_assessments_duplicate_of" FOREIGN KEY ("tenant_id", "duplicate_of")
         REFERENCES "assessments"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_assessments_model_period" ON "assessments" ("tenant_id", "model_id", "period") WHERE "duplicate_of" IS NULL`,
    );

    await q.query(`ALTER TABLE "assessments" ADD "score" numeric`);
    await q.query(`ALTER TABLE "assessments" ADD "level" integer`);
    await q.query(`ALTER TABLE "assessments" ADD "coverage" numeric NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE "assessments" ADD "answered_count" integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE "assessments" ADD "question_count" integer NOT NULL DEFAULT 0`);
    await backfillResults(q);

    for (const table of tables) await q.query(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const column of ['question_count', 'answered_count', 'coverage', 'level', 'score']) {
      await q.query(`ALTER TABLE "assessments" DROP COLUMN "${column}"`);
    }
    await q.query(`DROP INDEX "uq_assessments_model_period"`);
    await q.query(`ALTER TABLE "assessments" DROP CONSTRAINT "fk_assessments_duplicate_of"`);
    await q.query(`ALTER TABLE "assessments" DROP COLUMN "duplicate_of"`);
    await q.query(`ALTER TABLE "assessments" DROP CONSTRAINT "fk_assessments_model_version"`);
    await q.query(
      `ALTER TABLE "assessments" ADD CONSTRAINT "fk_assessments_model_version" FOREIGN KEY ("model_version_id")
         REFERENCES "maturity_model_versions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(`ALTER TABLE "assessments" DROP COLUMN "model_id"`);
    await q.query(`DROP INDEX "uq_maturity_model_versions_model"`);
  }
}

/** Scores every assessment's answers under its own version, one version at a time. */
async function backfillResults(q: QueryRunner): Promise<void> {
  const versions: { id: string; definition: ModelDefinition }[] = await q.query(
    `SELECT id, definition FROM maturity_model_versions WHERE id IN (SELECT model_version_id FROM assessments)`,
  );
  if (versions.length === 0) return;
  // Loaded only when there is data to score: a new database migrates without it (the API's test
  // setup migrates before anything is built).
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand, see above
  const { prepareModel, scoreAssessment } = require('@rumbo/method') as typeof Method;
  for (const version of versions) {
    const model = prepareModel(toMethodModel(version.definition));
    const rows: { tenant_id: string; id: string; answers: { k: string; v: string | null; na: boolean }[] }[] = await q.query(
      `SELECT a.tenant_id, a.id,
              coalesce(json_agg(json_build_object('k', x.question_key, 'v', x.value::text, 'na', x.not_applicable))
                         FILTER (WHERE x.question_key IS NOT NULL), '[]') AS answers
         FROM assessments a
         LEFT JOIN assessment_answers x ON x.tenant_id = a.tenant_id AND x.assessment_id = a.id
        WHERE a.model_version_id = $1
        GROUP BY a.tenant_id, a.id`,
      [version.id],
    );
    const results = rows.map((row) => {
      const answers: Answer[] = [];
      for (const x of row.answers) {
        const question = model.questions.get(x.k);
        if (!question) continue;
        if (x.na) answers.push({ questionKey: x.k, notApplicable: true });
        else if (x.v !== null) answers.push({ questionKey: x.k, value: question.type === 'yes_no' ? Number(x.v) === 1 : Number(x.v) });
      }
      const { overall } = scoreAssessment(model, answers);
      return { row, overall };
    });
    if (results.length === 0) continue;
    await q.query(
      `UPDATE assessments a
          SET score = u.score, level = u.level, coverage = u.coverage, answered_count = u.answered, question_count = u.questions
         FROM unnest($1::uuid[], $2::uuid[], $3::numeric[], $4::integer[], $5::numeric[], $6::integer[], $7::integer[])
              AS u(tenant_id, id, score, level, coverage, answered, questions)
        WHERE a.tenant_id = u.tenant_id AND a.id = u.id`,
      [
        results.map((r) => r.row.tenant_id),
        results.map((r) => r.row.id),
        results.map((r) => r.overall.score),
        results.map((r) => r.overall.level?.level ?? null),
        results.map((r) => r.overall.coverage),
        results.map((r) => r.overall.counts.answered + r.overall.counts.notApplicable),
        results.map((r) => r.overall.counts.total),
      ],
    );
  }
}
