import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditTrail } from '../../audit/audit-trail.service';
import { RequestContext, type RequestState } from '../../platform/context/request-context';
import { DbSession } from '../../platform/database/db-session';
import { TenantReader } from '../../tenancy/tenants/tenant-reader';
import { AnswersRepository } from '../assessments/answers/answers.repository';
import { AnswersService } from '../assessments/answers/answers.service';
import { AssessmentLifecycleService } from '../assessments/assessment-lifecycle.service';
import { AssessmentsRepository } from '../assessments/assessments.repository';
import { AssessmentsService } from '../assessments/assessments.service';
import defaultModel from '../default-model/default-model.json';
import { MaturityModelsRepository } from '../models/maturity-models.repository';
import { MaturityModelsService } from '../models/maturity-models.service';
import { questionsByKey, type QuestionDefinition } from '../models/model-definition';
import { ScoringModels } from '../scoring/scoring-models';

export const DEFAULT_MODEL_KEY = 'rumbo-default';
const DEMO_PERIODS = ['2025', '2026'];
const DEMO_REGION = 'ES-DEMO';

/** The module's services, wired by hand: seeding runs before (and without) a request. */
function maturityServices() {
  const audit = new AuditTrail();
  const tenants = new TenantReader();
  const modelsRepository = new MaturityModelsRepository();
  const models = new MaturityModelsService(modelsRepository, audit, tenants);
  const assessmentsRepository = new AssessmentsRepository();
  const answersRepository = new AnswersRepository();
  const assessments = new AssessmentsService(assessmentsRepository, answersRepository, new ScoringModels(modelsRepository), models, audit);
  return {
    tenants,
    models,
    modelsRepository,
    assessments,
    answers: new AnswersService(assessments, assessmentsRepository, answersRepository, audit),
    lifecycle: new AssessmentLifecycleService(assessments, assessmentsRepository, answersRepository, audit),
  };
}

/**
 * First start: publishes the default maturity model (global), and gives the demo region's tenants
 * two years of submitted assessments so results, history and benchmarks have something to show.
 * Idempotent: an existing default model or existing demo assessments are left alone.
 */
export async function seedMaturity(dataSource: DataSource, logger: Logger, options: { demo: boolean }): Promise<void> {
  const db = new DbSession(dataSource);
  const services = maturityServices();
  const state: RequestState = { requestId: 'first-run', ip: null, actor: { type: 'system', id: null, label: 'system' } };
  await RequestContext.run(state, () =>
    db.transaction({ platform: true }, async (manager) => {
      state.manager = manager;
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('rumbo.seed-maturity', 0))`);
      let model = (await services.modelsRepository.models(manager)).find((m) => m.key === DEFAULT_MODEL_KEY && m.ownerTenantId === null);
      if (!model) {
        const version = await services.models.import(defaultModel, null, true, manager);
        logger.info({ versionId: version.id, questions: version.questionCount }, 'default maturity model published');
        model = { id: version.modelId } as NonNullable<typeof model>;
      }
      if (options.demo) await seedDemoAssessments(manager, db, state, services, model.id, logger);
    }),
  );
}

async function seedDemoAssessments(
  manager: EntityManager,
  db: DbSession,
  state: RequestState,
  services: ReturnType<typeof maturityServices>,
  modelId: string,
  logger: Logger,
): Promise<void> {
  const refs = await services.modelsRepository.versionRefs(manager, [modelId]);
  const latest = refs.find((v) => v.status === 'published');
  const version = latest && (await services.modelsRepository.version(manager, latest.id));
  const region = await services.tenants.profileByCode(DEMO_REGION, manager);
  if (!version || !region) return;
  const tenants = [region, ...(await services.tenants.descendants(region.id, manager))];
  // Assessments are tenant rows: without the demo tenants in the readable set, row-level security
  // hides them all and every restart would seed the demo again.
  await db.within(manager, { platform: true, readableTenantIds: tenants.map((t) => t.id) });
  const [{ n }]: { n: number }[] = await manager.query('SELECT count(*)::int AS n FROM assessments WHERE tenant_id = ANY ($1::uuid[])', [
    tenants.map((t) => t.id),
  ]);
  if (n > 0) return;

  const questions = [...questionsByKey(version.definition).values()];
  for (const tenant of tenants) {
    for (const [p, period] of DEMO_PERIODS.entries()) {
      state.tenantId = tenant.id;
      await db.within(manager, { platform: true, tenantId: tenant.id, readableTenantIds: [tenant.id] });
      await RequestContext.run(state, async () => {
        const assessment = await services.assessments.create(tenant.id, {
          modelVersionId: version.id,
          period,
          title: `Autoevaluación ${period}`,
        });
        await services.answers.put(tenant.id, assessment.id, { answers: demoAnswers(questions, tenant.code, p) });
        await services.lifecycle.submit(tenant.id, assessment.id);
      });
    }
  }
  state.tenantId = undefined;
  logger.info({ tenants: tenants.length, periods: DEMO_PERIODS }, 'demo assessments created');
}

/**
 * Deterministic answers per tenant: each administration has its own profile and improves a little in
 * the second year; questions that require evidence name a document on the tenant's e-office.
 */
function demoAnswers(questions: QuestionDefinition[], code: string, year: number) {
  return questions.map((q) => {
    const r = seeded(`${code}:${q.key}`);
    const base = seeded(code) * 0.6 + r * 0.4 + year * 0.08;
    const evidence = q.evidenceRequired ? { evidence: `https://sede.${code.toLowerCase()}.demo.example/evidencias/${q.key}.pdf` } : {};
    if (q.type === 'yes_no') return { questionKey: q.key, value: base > 0.5, ...evidence };
    if (q.type === 'percentage') return { questionKey: q.key, value: Math.round(Math.min(1, base) * 100), ...evidence };
    const options = q.options ?? [];
    return {
      questionKey: q.key,
      value: options[Math.min(options.length - 1, Math.floor(Math.min(0.999, base) * options.length))].value,
      ...evidence,
    };
  });
}

/** A number in [0, 1) derived from a string: the same demo data on every machine. */
function seeded(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0) / 2 ** 32;
}
