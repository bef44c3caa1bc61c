import { prepareModel, scoreAssessment } from '@rumbo/method';
import { Client } from 'pg';
import { withCredentials } from '../src/platform/database/connection-url';
import { createDataSource } from '../src/platform/database/data-source';
import { uuidv7 } from '../src/platform/database/uuid';
import { toMethodModel } from '../src/maturity/models/method-model';
import { migrations } from '../src/migrations';
import { MaturityOnePerPeriod1764691200000 } from '../src/migrations/1764691200000-MaturityOnePerPeriod';
import { schema } from '../src/schema';
import { RUN } from './helpers/fixtures';
import { smallModel } from './helpers/maturity';
import { testDatabaseUrls } from './helpers/test-env';

/**
 * Migration 1764691200000 on data an earlier release wrote: repeated periods are kept and marked
 * (nothing deleted), the result of every assessment's answers is filled in with @rumbo/method, and
 * from then on a second assessment of a period is refused by the database itself.
 */
describe('migration MaturityOnePerPeriod on existing data (throwaway database)', () => {
  const { ownerUrl } = testDatabaseUrls();
  const name = `rumbo_migration_${RUN.replace(/[^a-z0-9]/g, '')}`;
  const url = withCredentials(ownerUrl, { database: name });
  let admin: Client;
  let db: Client;

  const tenant = uuidv7();
  const model = uuidv7();
  const version = uuidv7();
  const ids = { validated: uuidv7(), draft: uuidv7(), submitted: uuidv7(), alone: uuidv7() };

  beforeAll(async () => {
    admin = new Client({ connectionString: ownerUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const before = migrations.filter((m) => m !== MaturityOnePerPeriod1764691200000);
    const old = createDataSource(url, { ...schema, migrations: before }, { poolSize: 1 });
    await old.initialize();
    await old.runMigrations({ transaction: 'each' });
    await old.destroy();

    db = new Client({ connectionString: url });
    await db.connect();
    // As the earlier release stored them (as the owner, a superuser here: no row-level security):
    // three assessments of one tenant, model and period, and one of another period.
    await db.query(`INSERT INTO tenants (id, kind, code, name) VALUES ($1, 'municipality', $2, 'Villa Antigua')`, [tenant, `OLD-${RUN}`]);
    await db.query(`INSERT INTO maturity_models (id, key, name) VALUES ($1, 'old-model', '{"es":"Viejo","en":"Old"}')`, [model]);
    await db.query(
      `INSERT INTO maturity_model_versions (id, model_id, version, status, definition, published_at) VALUES ($1, $2, 1, 'published', $3, now())`,
      [version, model, JSON.stringify(smallModel('old-model'))],
    );
    const insert = (id: string, period: string, status: string, submittedAt: string | null) =>
      db.query(
        `INSERT INTO assessments (tenant_id, id, model_version_id, period, status, submitted_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, now())`,
        [tenant, id, version, period, status, submittedAt],
      );
    await insert(ids.draft, '2025', 'draft', null);
    await insert(ids.validated, '2025', 'validated', '2025-03-01T10:00:00Z');
    await insert(ids.submitted, '2025', 'submitted', '2025-06-01T10:00:00Z');
    await insert(ids.alone, '2026', 'draft', null);
    await db.query(
      `INSERT INTO assessment_answers (tenant_id, assessment_id, question_key, value, not_applicable)
       VALUES ($1, $2, 'tech.infra.cloud', 3, false), ($1, $2, 'tech.infra.backup', 1, false), ($1, $2, 'people.skills.plan', NULL, true)`,
      [tenant, ids.alone],
    );

    const current = createDataSource(url, schema, { poolSize: 1 });
    await current.initialize();
    await current.runMigrations({ transaction: 'each' });
    await current.destroy();
  }, 60_000);

  afterAll(async () => {
    await db?.end();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  it('keeps every repeated assessment, the most advanced one as the holder of its period and the others marked', async () => {
    const { rows } = await db.query<{ id: string; model_id: string; duplicate_of: string | null }>(
      'SELECT id, model_id, duplicate_of FROM assessments WHERE tenant_id = $1',
      [tenant],
    );
    expect(Object.fromEntries(rows.map((r) => [r.id, r.duplicate_of]))).toEqual({
      [ids.validated]: null,
      [ids.draft]: ids.validated,
      [ids.submitted]: ids.validated,
      [ids.alone]: null,
    });
    expect(new Set(rows.map((r) => r.model_id))).toEqual(new Set([model]));
  });

  it('fills in the result of each assessment’s answers, as @rumbo/method scores them', async () => {
    const { rows } = await db.query<{
      id: string;
      score: string | null;
      level: number | null;
      coverage: string;
      answered_count: number;
      question_count: number;
    }>('SELECT id, score, level, coverage, answered_count, question_count FROM assessments WHERE tenant_id = $1', [tenant]);
    const expected = scoreAssessment(prepareModel(toMethodModel(smallModel('old-model'))), [
      { questionKey: 'tech.infra.cloud', value: 3 },
      { questionKey: 'tech.infra.backup', value: true },
      { questionKey: 'people.skills.plan', notApplicable: true },
    ]).overall;
    const alone = rows.find((r) => r.id === ids.alone)!;
    expect({ ...alone, score: Number(alone.score), coverage: Number(alone.coverage) }).toEqual({
      id: ids.alone,
      score: expected.score,
      level: expected.level!.level,
      coverage: expected.coverage,
      answered_count: 3,
      question_count: 6,
    });
    for (const row of rows.filter((r) => r.id !== ids.alone)) {
      expect(row).toMatchObject({ score: null, level: null, answered_count: 0, question_count: 6 });
    }
  });

  it('refuses a new repeat of a period in the database itself, and keeps model and version consistent', async () => {
    const repeat = db.query(`INSERT INTO assessments (tenant_id, id, model_id, model_version_id, period) VALUES ($1, $2, $3, $4, '2026')`, [
      tenant,
      uuidv7(),
      model,
      version,
    ]);
    await expect(repeat).rejects.toMatchObject({ code: '23505', constraint: 'uq_assessments_model_period' });
    const mismatched = db.query(
      `INSERT INTO assessments (tenant_id, id, model_id, model_version_id, period) VALUES ($1, $2, $3, $4, '2027')`,
      [tenant, uuidv7(), uuidv7(), version],
    );
    await expect(mismatched).rejects.toMatchObject({ code: '23503', constraint: 'fk_assessments_model_version' });
    const forced = await db.query<{ table: string; forced: boolean }>(
      `SELECT relname AS table, relforcerowsecurity AS forced FROM pg_class WHERE relname IN ('assessments', 'assessment_answers', 'maturity_model_versions') ORDER BY 1`,
    );
    expect(forced.rows.every((r) => r.forced)).toBe(true);
  });
});
