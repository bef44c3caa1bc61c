import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { RequestContext, type RequestState } from '../../platform/context/request-context';
import { DbSession } from '../../platform/database/db-session';
import { uuidv7 } from '../../platform/database/uuid';
import { AssessmentsService } from '../assessments/assessments.service';
import { MaturityModelsService } from '../models/maturity-models.service';
import { MaturityModel } from '../models/maturity-model.entity';
import { questionsByKey, type ModelDefinition } from '../models/model-definition';
import defaultModel from '../default-model/default-model.json';

export const DEFAULT_MODEL_KEY = 'rumbo-default';
const DEMO_PERIODS = ['2025', '2026'];

/**
 * First start: publishes the default maturity model (global), and gives the demo region's tenants
 * two years of submitted assessments so results, history and benchmarks have something to show.
 * Idempotent: an existing default model or existing demo assessments are left alone.
 */
export async function seedMaturity(dataSource: DataSource, logger: Logger, options: { demo: boolean }): Promise<void> {
  const db = new DbSession(dataSource);
  const state: RequestState = { requestId: 'first-run', ip: null, actor: { type: 'system', id: null, label: 'system' } };
  await RequestContext.run(state, () =>
    db.transaction({ platform: true }, async (manager) => {
      state.manager = manager;
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('rumbo.seed-maturity', 0))`);
      let model = await manager.findOne(MaturityModel, { where: { key: DEFAULT_MODEL_KEY } });
      if (!model) {
        const version = await new MaturityModelsService().import(defaultModel, null, true, manager);
        logger.info({ versionId: version.id, questions: version.questionCount }, 'default maturity model published');
        model = await manager.findOneOrFail(MaturityModel, { where: { key: DEFAULT_MODEL_KEY } });
      }
      if (options.demo) await seedDemoAssessments(manager, db, state, model.id, logger);
    }),
  );
}

async function seedDemoAssessments(
  manager: EntityManager,
  db: DbSession,
  state: RequestState,
  modelId: string,
  logger: Logger,
): Promise<void> {
  const [version]: { id: string; definition: ModelDefinition }[] = await manager.query(
    `SELECT id, definition FROM maturity_model_versions WHERE model_id = $1 AND status = 'published' ORDER BY version DESC LIMIT 1`,
    [modelId],
  );
  const tenants: { id: string; code: string }[] = await manager.query(
    `SELECT id, code FROM tenants WHERE code = 'ES-DEMO' OR ancestors && ARRAY(SELECT id FROM tenants WHERE code = 'ES-DEMO') ORDER BY depth, code`,
  );
  if (!version || tenants.length === 0) return;
  // Assessments are tenant rows: without the demo tenants in the readable set, row-level security
  // hides them all and every restart would seed the demo again.
  await db.within(manager, { platform: true, readableTenantIds: tenants.map((t) => t.id) });
  const [{ n }]: { n: number }[] = await manager.query('SELECT count(*)::int AS n FROM assessments WHERE tenant_id = ANY ($1::uuid[])', [
    tenants.map((t) => t.id),
  ]);
  if (n > 0) return;

  const service = new AssessmentsService(new MaturityModelsService());
  const questions = [...questionsByKey(version.definition).values()];
  for (const tenant of tenants) {
    for (const [p, period] of DEMO_PERIODS.entries()) {
      state.tenantId = tenant.id;
      await db.within(manager, { platform: true, tenantId: tenant.id, readableTenantIds: [tenant.id] });
      const id = uuidv7();
      await manager.query(
        `INSERT INTO assessments (tenant_id, id, model_version_id, period, title, status, respondents, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 'draft', '[]', now(), now())`,
        [tenant.id, id, version.id, period, `Autoevaluación ${period}`],
      );
      // Deterministic answers per tenant: each administration has its own profile and improves a little in the second year.
      const answers = questions.map((q) => {
        const r = seeded(`${tenant.code}:${q.key}`);
        const base = seeded(tenant.code) * 0.6 + r * 0.4 + p * 0.08;
        if (q.type === 'yes_no') return { questionKey: q.key, value: base > 0.5 };
        if (q.type === 'percentage') return { questionKey: q.key, value: Math.round(Math.min(1, base) * 100) };
        const options = q.options ?? [];
        return {
          questionKey: q.key,
          value: options[Math.min(options.length - 1, Math.floor(Math.min(0.999, base) * options.length))].value,
        };
      });
      await runAsTenant(state, () => service.putAnswers(tenant.id, id, answers));
      await runAsTenant(state, () => service.submit(tenant.id, id));
    }
  }
  state.tenantId = undefined;
  logger.info({ tenants: tenants.length, periods: DEMO_PERIODS }, 'demo assessments created');
}

/** A number in [0, 1) derived from a string: the same demo data on every machine. */
function seeded(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0) / 2 ** 32;
}

function runAsTenant<T>(state: RequestState, work: () => Promise<T>): Promise<T> {
  return RequestContext.run(state, work);
}
