import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import pino from 'pino';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.factory';
import { seedFrictions } from '../src/frictions/bootstrap/seed-frictions';
import { DEMO_SCORING_MODEL, seedPrioritisation } from '../src/frictions/prioritisation/bootstrap/seed-prioritisation';
import { seedMaturity } from '../src/maturity/bootstrap/seed-maturity';
import type { ModelDefinition } from '../src/maturity/models/model-definition';
import { loadConfig } from '../src/platform/config/app-config';
import { withCredentials } from '../src/platform/database/connection-url';
import { prepareDatabase, type PreparedDatabase } from '../src/platform/database/database-bootstrap';
import { schema } from '../src/schema';
import { storedJwtSecret } from '../src/tenancy/auth/secrets';
import { DEMO_PASSWORD, firstRun } from '../src/tenancy/bootstrap/first-run';
import { bearer, RUN } from './helpers/fixtures';
import type { AnswerInput } from './helpers/maturity';
import { expectRecomputes, type ScoresBody } from './helpers/recompute';
import { testDatabaseUrls } from './helpers/test-env';

interface AssessmentBody {
  id: string;
  period: string;
  status: string;
  modelVersionId: string;
  score: number | null;
  coverage: number;
}

/**
 * The demo data exactly as `npm start` seeds it — first run (hierarchy and users) and the maturity
 * seed (default model, two years of assessments) — on a throwaway database of its own, read back
 * through the API as a demo user would.
 */
describe('demo data as the first start seeds it, unchanged by a restart (throwaway database)', () => {
  const { ownerUrl, appUrl } = testDatabaseUrls();
  const name = `rumbo_demo_${RUN.replace(/[^a-z0-9]/g, '')}`;
  const logger = pino({ level: 'silent' });
  let admin: Client;
  let prepared: PreparedDatabase;
  let app: NestFastifyApplication;
  let token: string;

  const get = (path: string) => request(app.getHttpServer()).get(path).set('Authorization', bearer(token));
  const tenantByCode = async (code: string): Promise<{ id: string; kind: string }> => {
    const res = await get(`/v1/tenants?search=${code}&limit=50`);
    const found = (res.body as { data: { id: string; code: string; kind: string }[] }).data.find((t) => t.code === code);
    if (!found) throw new Error(`no demo tenant ${code}`);
    return found;
  };

  beforeAll(async () => {
    admin = new Client({ connectionString: ownerUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    // The existing runtime role (as the RLS spec does): deriving one would reset the shared role's password.
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      ADMIN_DIST_DIR: '/nonexistent',
      DATABASE_URL: withCredentials(ownerUrl, { database: name }),
      DATABASE_APP_URL: withCredentials(appUrl, { database: name }),
      RUMBO_ADMIN_EMAIL: 'platform@demo-test.example',
      RUMBO_ADMIN_PASSWORD: 'platform-password-123',
      RUMBO_DEMO_DATA: 'true',
    });
    prepared = await prepareDatabase(config, schema, logger);
    config.auth.jwtSecret ??= await storedJwtSecret(prepared.ownerUrl);
    app = await createApp({ config, logger, appUrl: prepared.appUrl });
    await app.getHttpAdapter().getInstance().ready();
    await firstRun(app.get(DataSource), config, logger);
    await seedMaturity(app.get(DataSource), logger, { demo: true });
    await seedFrictions(app, logger, { demo: true });
    await seedPrioritisation(app, logger, { demo: true });
    // A restart runs both again: they must add nothing (checked by the counts below).
    await firstRun(app.get(DataSource), config, logger);
    await seedMaturity(app.get(DataSource), logger, { demo: true });
    await seedFrictions(app, logger, { demo: true });
    await seedPrioritisation(app, logger, { demo: true });
    const res = await request(app.getHttpServer()).post('/v1/auth/login').send({ email: 'admin@demo.example', password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    token = (res.body as { accessToken: string }).accessToken;
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await prepared?.close();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  it('every demo administration has a submitted assessment of the default model for 2025 and 2026', async () => {
    const region = await tenantByCode('ES-DEMO');
    const subtree = await get(`/v1/tenants/${region.id}/subtree?limit=100`);
    expect(subtree.status).toBe(200);
    const tenants = (subtree.body as { data: { id: string; code: string }[] }).data;
    expect(tenants.length).toBe(18); // below the region: 2 provinces, 15 municipalities, an institute
    for (const tenant of tenants) {
      const list = await get(`/v1/tenants/${tenant.id}/assessments?limit=100`);
      const own = (list.body as { data: (AssessmentBody & { tenantId: string })[] }).data.filter((a) => a.tenantId === tenant.id);
      expect({ code: tenant.code, periods: own.map((a) => `${a.period}:${a.status}:${a.coverage}`).sort() }).toEqual({
        code: tenant.code,
        periods: ['2025:submitted:1', '2026:submitted:1'],
      });
    }
  });

  it('a seeded assessment recomputes by hand from its explain tree (within 0.1) and improves in the second year', async () => {
    const town = await tenantByCode('DEMO-N-001');
    const list = (await get(`/v1/tenants/${town.id}/assessments?limit=100`)).body as { data: AssessmentBody[] };
    const byYear = new Map(list.data.map((a) => [a.period, a]));
    for (const period of ['2025', '2026']) {
      const assessment = byYear.get(period)!;
      const scores = await get(`/v1/tenants/${town.id}/assessments/${assessment.id}/scores?explain=true`);
      expect(scores.status).toBe(200);
      const answers = await get(`/v1/tenants/${town.id}/assessments/${assessment.id}/answers`);
      const given = (answers.body as { data: { questionKey: string; value: number | boolean | null; notApplicable: boolean }[] }).data.map(
        (a): AnswerInput =>
          a.notApplicable ? { questionKey: a.questionKey, notApplicable: true } : { questionKey: a.questionKey, value: a.value },
      );
      expect(given).toHaveLength(57);
      const version = await get(`/v1/tenants/${town.id}/maturity-model-versions/${assessment.modelVersionId}`);
      expectRecomputes(scores.body as ScoresBody, version.body as ModelDefinition, given);
      expect((scores.body as ScoresBody).overall.score).toBe(assessment.score);
    }
    expect(byYear.get('2026')!.score!).toBeGreaterThan(byYear.get('2025')!.score!);

    const history = await get(`/v1/tenants/${town.id}/assessments/history`);
    const points = (history.body as { data: { period: string; score: number; delta: number | null }[] }).data;
    expect(points.map((p) => p.period)).toEqual(['2025', '2026']);
    expect(points[1].delta).toBeCloseTo(points[1].score - points[0].score, 9);
  });

  it('the six towns under 5,000 inhabitants get a peer benchmark; a city alone in its band gets the reason', async () => {
    const benchmarkOf = async (code: string) => {
      const town = await tenantByCode(code);
      const list = (await get(`/v1/tenants/${town.id}/assessments?limit=100`)).body as { data: AssessmentBody[] };
      const current = list.data.find((a) => a.period === '2026')!;
      return (await get(`/v1/tenants/${town.id}/assessments/${current.id}/benchmark`)).body as {
        available: boolean;
        cohortSize: number;
        percentile: number | null;
        reason?: string;
      };
    };
    for (const code of ['DEMO-N-005', 'DEMO-N-006', 'DEMO-N-007', 'DEMO-N-008', 'DEMO-S-006', 'DEMO-S-007']) {
      const small = await benchmarkOf(code);
      expect({ code, available: small.available, cohortSize: small.cohortSize }).toEqual({ code, available: true, cohortSize: 5 });
      expect(small.percentile).toEqual(expect.any(Number));
    }
    const city = await benchmarkOf('DEMO-N-001');
    expect(city).toMatchObject({ available: false, reason: 'cohort-too-small', percentile: null });
  });

  it('the region sees how its descendants spread over the levels, without naming any', async () => {
    const region = await tenantByCode('ES-DEMO');
    const list = (await get(`/v1/tenants/${region.id}/assessments?limit=100`)).body as { data: AssessmentBody[] };
    const versionId = list.data[0].modelVersionId;
    const res = await get(`/v1/tenants/${region.id}/maturity-model-versions/${versionId}/distribution?period=2026`);
    expect(res.status).toBe(200);
    const body = res.body as { available: boolean; cohortSize: number; levels: { count: number }[]; quartiles: unknown };
    expect(body.available).toBe(true);
    expect(body.cohortSize).toBe(18);
    expect(body.levels.reduce((sum, l) => sum + l.count, 0)).toBe(body.cohortSize);
    expect(body.quartiles).not.toBeNull();
    const text = JSON.stringify(body);
    for (const code of ['DEMO-N-001', 'DEMO-S-001']) expect(text).not.toContain(code);

    // Level names in the caller's language; the counts do not depend on it.
    const english = await get(`/v1/tenants/${region.id}/maturity-model-versions/${versionId}/distribution?period=2026`).set(
      'Accept-Language',
      'en',
    );
    expect(english.headers['content-language']).toBe('en');
    const version = (await get(`/v1/tenants/${region.id}/maturity-model-versions/${versionId}`)).body as ModelDefinition;
    const englishBody = english.body as { levels: { name: string; count: number }[] };
    expect(englishBody.levels.map((l) => l.name)).toEqual(version.levels.map((l) => l.name.en));
    expect(englishBody.levels.map((l) => l.count)).toEqual(body.levels.map((l) => l.count));
  });

  it('forty demo frictions: ten in the region, two per municipality, each rooted in one of its two weakest dimensions', async () => {
    const region = await tenantByCode('ES-DEMO');
    const subtree = (await get(`/v1/tenants/${region.id}/subtree?limit=100`)).body as {
      data: { id: string; code: string; kind: string }[];
    };
    const targets = [{ id: region.id, code: 'ES-DEMO', kind: 'region' }, ...subtree.data.filter((t) => t.kind === 'municipality')];
    let total = 0;
    const areas = new Set<string>();
    for (const tenant of targets) {
      const list = await get(`/v1/tenants/${tenant.id}/frictions?limit=100`);
      const frictions = (
        list.body as {
          data: {
            ref: string;
            area: string;
            annualCost: number;
            annualHours: number;
            rootCauses: { dimensionKey: string; assessmentId: string }[];
          }[];
        }
      ).data;
      expect({ code: tenant.code, count: frictions.length }).toEqual({ code: tenant.code, count: tenant.kind === 'region' ? 10 : 2 });
      total += frictions.length;
      const assessments = (await get(`/v1/tenants/${tenant.id}/assessments?limit=100`)).body as { data: AssessmentBody[] };
      const latest = assessments.data.find((a) => a.period === '2026')!;
      const gaps = (await get(`/v1/tenants/${tenant.id}/assessments/${latest.id}/gaps?limit=2`)).body as {
        data: { dimensionKey: string }[];
      };
      const weakest = gaps.data.map((g) => g.dimensionKey);
      for (const f of frictions) {
        areas.add(f.area);
        expect(f.annualHours).toBeGreaterThan(0);
        expect(f.rootCauses).toHaveLength(1);
        expect(f.rootCauses[0].assessmentId).toBe(latest.id);
        expect(weakest).toContain(f.rootCauses[0].dimensionKey);
      }
    }
    expect(total).toBe(40);
    expect(areas.size).toBeGreaterThanOrEqual(6);
    const costs = (await get(`/v1/tenants/${region.id}/frictions/gap-costs`)).body as {
      data: { frictionCount: number; annualCost: number }[];
    };
    expect(costs.data.reduce((sum, d) => sum + d.frictionCount, 0)).toBeGreaterThan(0);
  });

  it('the region ranks its backlog by one active, consistent AHP model, with an effort for every friction', async () => {
    const region = await tenantByCode('ES-DEMO');
    const models = (await get(`/v1/tenants/${region.id}/scoring-models`)).body as {
      data: { id: string; name: string; method: string; status: string; ahp: { cr: number; consistent: boolean } | null }[];
    };
    expect(models.data.map((m) => [m.name, m.method, m.status])).toEqual([[DEMO_SCORING_MODEL.name, 'ahp', 'active']]);
    expect(models.data[0].ahp).toMatchObject({ consistent: true });
    expect(models.data[0].ahp!.cr).toBeLessThanOrEqual(0.1);
    const ranking = (await get(`/v1/tenants/${region.id}/frictions/ranking?limit=200`)).body as {
      model: { id: string } | null;
      data: { rank: number; score: number; contributions: { criterion: string; raw: number | null }[] }[];
    };
    expect(ranking.model?.id).toBe(models.data[0].id);
    expect(ranking.data.length).toBeGreaterThan(0);
    expect(ranking.data.map((d) => d.rank)).toEqual(ranking.data.map((_, i) => i + 1));
    for (const item of ranking.data) expect(item.contributions.find((c) => c.criterion === 'effort')?.raw).toEqual(expect.any(Number));
  });
});
