import { createHash } from 'node:crypto';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import type { ModelDefinition } from '../src/maturity/models/model-definition';
import { createDataSource } from '../src/platform/database/data-source';
import { DbSession, type SessionSettings } from '../src/platform/database/db-session';
import { schema } from '../src/schema';
import { bearer, expectProblem, Fixtures, login, RUN, unique, type TenantFixture, type Tokens } from './helpers/fixtures';
import {
  createAssessment,
  defaultModelCopy,
  importModel,
  questionsOf,
  smallModel,
  smallModelAnswers,
  uniqueModelKey,
  type AnswerInput,
  type VersionBody,
} from './helpers/maturity';
import { expectRecomputes, type ExplainedArea, type ScoresBody } from './helpers/recompute';
import { createTestApp, type TestApp } from './helpers/test-app';
import { testDatabaseUrls } from './helpers/test-env';

type Credential = Parameters<typeof bearer>[0];

/** A number in [0, 1) from a string: demo-like answers that are the same on every run. */
function pseudo(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0) / 2 ** 32;
}

/**
 * A full answer set like the demo data's: every question answered from a per-tenant profile, yes/no
 * sometimes as 1/0, and a few questions not applicable.
 */
function demoAnswers(definition: ModelDefinition, profile: string): AnswerInput[] {
  return questionsOf(definition).map((q, i): AnswerInput => {
    const r = pseudo(`${profile}:${q.key}`);
    if (i % 19 === 7) return { questionKey: q.key, notApplicable: true };
    if (q.type === 'yes_no') return { questionKey: q.key, value: i % 2 ? r > 0.45 : r > 0.45 ? 1 : 0 };
    if (q.type === 'percentage') return { questionKey: q.key, value: Math.round(r * 1000) / 10 };
    const options = q.options ?? [];
    return { questionKey: q.key, value: options[Math.floor(r * options.length)].value };
  });
}

/** Percentile rank (mid-rank) and Excel QUARTILE.INC quartiles, by hand (METHOD.md §2). */
function expectedBenchmark(own: number, peers: number[]) {
  const sorted = [...peers].sort((x, y) => x - y);
  const below = sorted.filter((v) => v < own).length;
  const equal = sorted.filter((v) => v === own).length;
  const quantile = (p: number) => {
    const h = (sorted.length - 1) * p;
    const i = Math.floor(h);
    return i + 1 < sorted.length ? sorted[i] + (h - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
  };
  return {
    percentile: ((below + equal / 2) / sorted.length) * 100,
    quartiles: { q1: quantile(0.25), median: quantile(0.5), q3: quantile(0.75) },
  };
}

describe('maturity: models, assessments, scores, re-scoring and benchmarks', () => {
  let t: TestApp;
  let fx: Fixtures;
  let runtime: DataSource;
  let db: DbSession;
  let platform: Tokens;
  /** Country C with regions R (child municipality M) and S. */
  let r: TenantFixture;
  let m: TenantFixture;
  let s: TenantFixture;
  const tokens = {} as Record<'admin' | 'analyst' | 'viewer' | 'auditor' | 'adminM' | 'adminS', Tokens>;
  /** The small model (published, global) and the default model's 57 questions (published, global). */
  let smallKey: string;
  let small: VersionBody;
  let fullDefinition: ModelDefinition;
  let full: VersionBody;
  /** A model R owns (published): visible to R and M, not to S. */
  let rOwned: VersionBody;

  beforeAll(async () => {
    t = await createTestApp();
    fx = await Fixtures.open();
    runtime = createDataSource(testDatabaseUrls().appUrl, schema, { poolSize: 2, applicationName: 'rumbo-test-maturity' });
    await runtime.initialize();
    db = new DbSession(runtime);
    platform = await login(t, await fx.user({ platformAdmin: true }));

    const c = await fx.tenant({ kind: 'country', name: unique('Country') });
    r = await fx.tenant({ parentId: c.id, kind: 'region', name: unique('Region R') });
    m = await fx.tenant({ parentId: r.id, kind: 'municipality', name: unique('Town M') });
    s = await fx.tenant({ parentId: c.id, kind: 'region', name: unique('Region S') });
    const users = {
      admin: await fx.user({ memberships: [{ tenantId: r.id, role: 'admin' }] }),
      analyst: await fx.user({ memberships: [{ tenantId: r.id, role: 'analyst' }] }),
      viewer: await fx.user({ memberships: [{ tenantId: r.id, role: 'viewer' }] }),
      auditor: await fx.user({ memberships: [{ tenantId: r.id, role: 'auditor' }] }),
      adminM: await fx.user({ memberships: [{ tenantId: m.id, role: 'admin' }] }),
      adminS: await fx.user({ memberships: [{ tenantId: s.id, role: 'admin' }] }),
    };
    for (const [name, user] of Object.entries(users)) tokens[name as keyof typeof tokens] = await login(t, user);

    smallKey = uniqueModelKey('small');
    small = await importModel(t, platform, smallModel(smallKey), { publish: true });
    fullDefinition = defaultModelCopy(uniqueModelKey('default'));
    full = await importModel(t, platform, fullDefinition, { publish: true });
    rOwned = await importModel(t, tokens.admin, smallModel(uniqueModelKey('region-r')), { tenantId: r.id, publish: true });
  });
  afterAll(async () => {
    await runtime?.destroy();
    await fx?.close();
    await t?.close();
  });

  const as = (credential: Credential) => ({
    get: (path: string, query: Record<string, string | boolean> = {}) =>
      request(t.server).get(path).query(query).set('Authorization', bearer(credential)),
    post: (path: string, body?: object, query: Record<string, string | boolean> = {}) => {
      const req = request(t.server).post(path).query(query).set('Authorization', bearer(credential));
      return body ? req.send(body) : req;
    },
    put: (path: string, body: object) => request(t.server).put(path).set('Authorization', bearer(credential)).send(body),
  });
  const assessments = (tenantId: string) => `/v1/tenants/${tenantId}/assessments`;

  /** A draft assessment of R against the small model, created by the analyst. */
  async function draftInR(modelVersionId = small.id): Promise<string> {
    return (await createAssessment(t, tokens.analyst, r.id, modelVersionId)).id;
  }

  describe('models', () => {
    it('GET /v1/maturity-models lists the global models with their newest published version', async () => {
      const draftOnlyKey = uniqueModelKey('draft-only');
      const draftOnly = await importModel(t, platform, smallModel(draftOnlyKey));
      expect(draftOnly).toMatchObject({ status: 'draft', version: 1, scope: 'global' });

      const res = await as(tokens.viewer).get('/v1/maturity-models');
      expect(res.status).toBe(200);
      expect(Object.keys(res.body)).toEqual(['data']);
      for (const model of res.body.data) {
        expect(model).toMatchObject({
          id: expect.any(String),
          key: expect.any(String),
          name: { es: expect.any(String), en: expect.any(String) },
          scope: 'global',
        });
        expect(
          model.latestVersion === null || (typeof model.latestVersion.id === 'string' && Number.isInteger(model.latestVersion.version)),
        ).toBe(true);
      }
      const byKey = new Map(res.body.data.map((x: { key: string }) => [x.key, x]));
      expect(byKey.get(smallKey)).toMatchObject({
        id: small.modelId,
        key: smallKey,
        scope: 'global',
        latestVersion: { id: small.id, version: 1 },
      });
      expect(byKey.get(fullDefinition.key)).toMatchObject({ latestVersion: { id: full.id, version: 1 } });
      expect(byKey.get(draftOnlyKey)).toMatchObject({ latestVersion: null });
      // A tenant's own model is not a global one.
      expect(res.body.data.map((x: { id: string }) => x.id)).not.toContain(rOwned.modelId);
    });

    it('GET /v1/maturity-model-versions/{id} returns the areas, dimensions, questions and levels', async () => {
      const doc = smallModel(smallKey);
      const res = await as(tokens.viewer).get(`/v1/maturity-model-versions/${small.id}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: small.id,
        version: 1,
        status: 'published',
        scope: 'global',
        questionCount: 6,
        areas: doc.areas.map((a) => ({
          key: a.key,
          weight: a.weight,
          dimensions: a.dimensions.map((d) => ({
            key: d.key,
            weight: d.weight,
            questions: d.questions.map((q) => ({
              key: q.key,
              type: q.type,
              weight: q.weight,
              ...(q.options ? { options: q.options } : {}),
            })),
          })),
        })),
        levels: doc.levels.map((l) => ({ level: l.level, name: l.name, minScore: l.minScore })),
      });
      const questions = res.body.areas.flatMap((a: ExplainedArea) =>
        a.dimensions.flatMap((d) => d.questions as unknown as { type: string }[]),
      );
      for (const q of questions.filter((x: { type: string }) => x.type !== 'scale')) expect(q).not.toHaveProperty('options');

      expectProblem(await as(tokens.viewer).get(`/v1/maturity-model-versions/${small.modelId}`), 404, 'not-found');
      expectProblem(await as(tokens.viewer).get('/v1/maturity-model-versions/not-a-uuid'), 400);
    });

    it('the default model has 40–60 questions over technologies, processes and people', async () => {
      const res = await as(tokens.viewer).get(`/v1/maturity-model-versions/${full.id}`);
      expect(res.status).toBe(200);
      expect(res.body.questionCount).toBe(57);
      expect(res.body.questionCount).toBeGreaterThanOrEqual(40);
      expect(res.body.questionCount).toBeLessThanOrEqual(60);
      expect(res.body.areas.map((a: { key: string }) => a.key)).toEqual(['technologies', 'processes', 'people']);
      expect(res.body.levels.map((l: { minScore: number }) => l.minScore)).toEqual([0, 20, 40, 60, 80]);
    });

    describe('import validation: 422 naming the field path, nothing stored', () => {
      type Doc = ReturnType<typeof smallModel>;
      it.each<[string, (doc: Doc) => void, string, string]>([
        [
          'a zero question weight',
          (d) => (d.areas[0].dimensions[0].questions[1].weight = 0),
          'areas[0].dimensions[0].questions[1].weight',
          'positiveNumber',
        ],
        [
          'a negative question weight',
          (d) => (d.areas[1].dimensions[0].questions[2].weight = -1),
          'areas[1].dimensions[0].questions[2].weight',
          'positiveNumber',
        ],
        ['a zero dimension weight', (d) => (d.areas[0].dimensions[1].weight = 0), 'areas[0].dimensions[1].weight', 'positiveNumber'],
        ['a negative area weight', (d) => (d.areas[1].weight = -2), 'areas[1].weight', 'positiveNumber'],
        ['an equal threshold', (d) => (d.levels[2].minScore = 20), 'levels[2].minScore', 'increasing'],
        ['a decreasing threshold', (d) => (d.levels[4].minScore = 50), 'levels[4].minScore', 'increasing'],
        [
          'a duplicate question key in a dimension',
          (d) => (d.areas[0].dimensions[0].questions[1].key = d.areas[0].dimensions[0].questions[0].key),
          'areas[0].dimensions[0].questions[1].key',
          'duplicateKey',
        ],
        [
          'a duplicate question key across areas',
          (d) => (d.areas[1].dimensions[0].questions[2].key = 'tech.infra.cloud'),
          'areas[1].dimensions[0].questions[2].key',
          'duplicateKey',
        ],
      ])('%s', async (_label, breakIt, path, code) => {
        const key = uniqueModelKey('invalid');
        const doc = smallModel(key);
        breakIt(doc);
        for (const [credential, url] of [
          [platform, '/v1/maturity-models/import'],
          [tokens.admin, `/v1/tenants/${r.id}/maturity-models/import`],
        ] as const) {
          const res = await as(credential).post(url, doc, { publish: true });
          expectProblem(res, 422, 'invalid-model');
          expect(res.body.errors).toEqual([{ path, code, message: expect.any(String) }]);
        }
        expect(await fx.query('SELECT id FROM maturity_models WHERE key = $1', [key])).toEqual([]);
      });

      it('reports every problem of a document at once', async () => {
        const doc = smallModel(uniqueModelKey('invalid'));
        doc.areas[0].dimensions[0].questions[1].weight = 0;
        doc.levels[3].minScore = 10;
        doc.areas[1].dimensions[0].questions[0].key = 'tech.data.open';
        const res = await as(platform).post('/v1/maturity-models/import', doc);
        expectProblem(res, 422, 'invalid-model');
        expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(
          ['areas[0].dimensions[0].questions[1].weight', 'levels[3].minScore', 'areas[1].dimensions[0].questions[0].key'].sort(),
        );
      });

      it('only platform administrators import global models (403 for a tenant admin)', async () => {
        expectProblem(await as(tokens.admin).post('/v1/maturity-models/import', smallModel(uniqueModelKey('nope'))), 403, 'forbidden');
        expectProblem(
          await as(tokens.analyst).post(`/v1/tenants/${r.id}/maturity-models/import`, smallModel(uniqueModelKey('nope'))),
          403,
          'forbidden',
        );
      });
    });

    it('a published version is immutable: importing again creates version 2, the draft is replaced until published', async () => {
      const key = uniqueModelKey('versions');
      const v1 = await importModel(t, platform, smallModel(key), { publish: true });
      expect(v1).toMatchObject({ version: 1, status: 'published' });

      const changed = smallModel(key);
      changed.areas[0].dimensions[0].questions[0].text = { es: 'Nube (v2)', en: 'Cloud (v2)' };
      const v2 = await importModel(t, platform, changed);
      expect(v2).toMatchObject({ modelId: v1.modelId, version: 2, status: 'draft' });
      expect(v2.id).not.toBe(v1.id);
      changed.areas[0].dimensions[0].questions[0].text = { es: 'Nube (v2b)', en: 'Cloud (v2b)' };
      const v2b = await importModel(t, platform, changed);
      expect(v2b).toMatchObject({ id: v2.id, version: 2, status: 'draft' });

      const first = await as(tokens.viewer).get(`/v1/maturity-model-versions/${v1.id}`);
      expect(first.body.areas[0].dimensions[0].questions[0].text).toEqual(smallModel(key).areas[0].dimensions[0].questions[0].text);
      let list = await as(tokens.viewer).get('/v1/maturity-models');
      expect(list.body.data.find((x: { key: string }) => x.key === key).latestVersion).toMatchObject({ id: v1.id, version: 1 });

      const published = await as(platform).post(`/v1/maturity-model-versions/${v2.id}/publish`);
      expect(published.status).toBe(200);
      expect(published.body).toMatchObject({ id: v2.id, version: 2, status: 'published', publishedAt: expect.any(String) });
      const again = await as(platform).post(`/v1/maturity-model-versions/${v2.id}/publish`);
      expect(again.body.publishedAt).toBe(published.body.publishedAt);
      list = await as(tokens.viewer).get('/v1/maturity-models');
      expect(list.body.data.find((x: { key: string }) => x.key === key).latestVersion).toMatchObject({ id: v2.id, version: 2 });
      expect(await importModel(t, platform, smallModel(key))).toMatchObject({ version: 3, status: 'draft' });
      expectProblem(await as(tokens.admin).post(`/v1/maturity-model-versions/${v2.id}/publish`), 403, 'forbidden');
    });

    it('the runtime role cannot change or delete a published version, even where row-level security lets it write', async () => {
      const key = uniqueModelKey('immutable');
      const published = await importModel(t, platform, smallModel(key), { publish: true });
      const draft = await importModel(t, platform, smallModel(key));
      const owned = await importModel(t, tokens.admin, smallModel(uniqueModelKey('immutable-r')), { tenantId: r.id, publish: true });
      const run = (settings: SessionSettings, sql: string, params: unknown[]) =>
        db.transaction(settings, (manager) => manager.query(sql, params));
      const platformSession: SessionSettings = { platform: true };
      const rSession: SessionSettings = { tenantId: r.id, readableTenantIds: [r.id, m.id] };

      for (const [settings, id] of [
        [platformSession, published.id],
        [rSession, owned.id],
      ] as const) {
        for (const sql of [
          `UPDATE maturity_model_versions SET definition = '{}'::jsonb WHERE id = $1`,
          `UPDATE maturity_model_versions SET status = 'draft' WHERE id = $1`,
          `DELETE FROM maturity_model_versions WHERE id = $1`,
        ]) {
          await expect(run(settings, sql, [id])).rejects.toMatchObject({ driverError: { code: '23514' } });
        }
      }
      // A draft is still work in progress: the same role may change it.
      const [, changed] = (await run(platformSession, `UPDATE maturity_model_versions SET updated_at = updated_at WHERE id = $1`, [
        draft.id,
      ])) as [unknown, number];
      expect(changed).toBe(1);
      const [row] = await fx.query<{ status: string; definition: { key: string } }>(
        'SELECT status, definition FROM maturity_model_versions WHERE id = $1',
        [published.id],
      );
      expect(row).toMatchObject({ status: 'published', definition: { key } });
    });

    it('a tenant-owned model is usable in the tenant and its descendants only: 404 to a sibling, not usable by an ancestor or elsewhere', async () => {
      const inM = await as(tokens.adminM).get(`/v1/tenants/${m.id}/maturity-model-versions/${rOwned.id}`);
      expect(inM.status).toBe(200);
      expect(inM.body).toMatchObject({ id: rOwned.id, scope: 'tenant', status: 'published' });
      const listM = await as(tokens.adminM).get(`/v1/tenants/${m.id}/maturity-models`);
      expect(listM.body.data.find((x: { id: string }) => x.id === rOwned.modelId)).toMatchObject({ scope: 'tenant', ownerTenantId: r.id });
      expect(listM.body.data.map((x: { id: string }) => x.id)).toContain(small.modelId);

      expectProblem(await as(tokens.adminS).get(`/v1/tenants/${s.id}/maturity-model-versions/${rOwned.id}`), 404, 'not-found');
      const listS = await as(tokens.adminS).get(`/v1/tenants/${s.id}/maturity-models`);
      expect(listS.status).toBe(200);
      expect(listS.body.data.map((x: { id: string }) => x.id)).not.toContain(rOwned.modelId);
      expect(listS.body.data.map((x: { id: string }) => x.id)).toContain(small.modelId);

      // Usable for assessments where visible, and only there.
      expect((await as(tokens.adminM).post(assessments(m.id), { modelVersionId: rOwned.id, period: '2026' })).status).toBe(201);
      const inS = await as(tokens.adminS).post(assessments(s.id), { modelVersionId: rOwned.id, period: '2026' });
      expectProblem(inS, 422);
      expect(inS.body.errors).toEqual([expect.objectContaining({ path: 'modelVersionId' })]);

      // Row-level security lets R read its descendant's model and a platform administrator read every
      // model, but neither is usable there: only global models and the tenant's or its ancestors' are.
      const mOwned = await importModel(t, tokens.adminM, smallModel(uniqueModelKey('town-m')), { tenantId: m.id, publish: true });
      for (const [who, tenant, version] of [
        [tokens.admin, r, mOwned],
        [platform, s, rOwned],
        [platform, r, mOwned],
      ] as const) {
        const list = await as(who).get(`/v1/tenants/${tenant.id}/maturity-models`);
        expect(list.body.data.map((x: { id: string }) => x.id)).not.toContain(version.modelId);
        expect(list.body.data.map((x: { id: string }) => x.id)).toContain(small.modelId);
        expectProblem(await as(who).get(`/v1/tenants/${tenant.id}/maturity-model-versions/${version.id}`), 404, 'not-found');
        const refused = await as(who).post(assessments(tenant.id), { modelVersionId: version.id, period: '2026' });
        expectProblem(refused, 422);
        expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'modelVersionId' })]);
      }
      expect((await as(platform).get(`/v1/tenants/${m.id}/maturity-model-versions/${rOwned.id}`)).status).toBe(200);
      expect((await as(platform).post(assessments(m.id), { modelVersionId: rOwned.id, period: '2026' })).status).toBe(201);
      // …so S's assessments stay readable by S.
      expect((await as(tokens.adminS).get(assessments(s.id))).status).toBe(200);

      // Only the owner publishes its drafts.
      const draft = await importModel(t, tokens.admin, smallModel(uniqueModelKey('region-r-draft')), { tenantId: r.id });
      expectProblem(await as(tokens.adminS).post(`/v1/tenants/${s.id}/maturity-model-versions/${draft.id}/publish`), 404, 'not-found');
      expectProblem(await as(tokens.adminM).post(`/v1/tenants/${m.id}/maturity-model-versions/${draft.id}/publish`), 404, 'not-found');
      expect((await as(tokens.admin).post(`/v1/tenants/${r.id}/maturity-model-versions/${draft.id}/publish`)).body).toMatchObject({
        status: 'published',
      });
    });
  });

  describe('assessments', () => {
    it('starts against a published version for a year: 201; a draft version or an unknown one 422; a non-year 400', async () => {
      const created = await as(tokens.analyst).post(assessments(r.id), {
        modelVersionId: small.id,
        period: '2026',
        title: 'Autoevaluación',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        tenantId: r.id,
        modelVersionId: small.id,
        period: '2026',
        title: 'Autoevaluación',
        status: 'draft',
        coverage: 0,
        answeredCount: 0,
        questionCount: 6,
        score: null,
        level: null,
        submittedAt: null,
      });
      const listed = await as(tokens.viewer).get(assessments(r.id), { period: '2026' });
      expect(listed.body.data.map((a: { id: string }) => a.id)).toContain(created.body.id);

      const draft = await importModel(t, platform, smallModel(uniqueModelKey('draft')));
      const onDraft = await as(tokens.analyst).post(assessments(r.id), { modelVersionId: draft.id, period: '2026' });
      expectProblem(onDraft, 422);
      expect(onDraft.body.errors).toEqual([{ path: 'modelVersionId', code: 'notPublished', message: expect.any(String) }]);
      const unknown = await as(tokens.analyst).post(assessments(r.id), { modelVersionId: small.modelId, period: '2026' });
      expectProblem(unknown, 422);
      expect(unknown.body.errors).toEqual([expect.objectContaining({ path: 'modelVersionId' })]);
      for (const period of ['26', '3026', '2026-01', 'year']) {
        expectProblem(await as(tokens.analyst).post(assessments(r.id), { modelVersionId: small.id, period }), 400, 'validation-error');
      }
    });

    it('saves the good answers and rejects each bad one with its index and reason', async () => {
      const id = await draftInR();
      const answersPath = `${assessments(r.id)}/${id}/answers`;
      const first = await as(tokens.analyst).put(answersPath, {
        answers: [
          { questionKey: 'tech.infra.cloud', value: 3 },
          { questionKey: 'no.such.question', value: 1 },
          { questionKey: 'people.skills.plan', value: 0 }, // options are 1–5
          { questionKey: 'tech.infra.backup', value: 1 }, // yes_no: 1 means yes
          { questionKey: 'people.skills.dpo', value: 'yes' },
          { questionKey: 'tech.data.open', value: 57.5 },
          { questionKey: 'people.skills.trained', value: '75' },
          { questionKey: 'tech.infra.cloud', value: 4 },
          { value: 1 },
        ],
      });
      expect(first.status).toBe(200);
      expect(first.body.saved).toBe(3);
      expect(
        first.body.rejected.map((x: { index: number; code: string; questionKey: string | null }) => [x.index, x.questionKey, x.code]),
      ).toEqual([
        [1, 'no.such.question', 'unknown-question'],
        [2, 'people.skills.plan', 'invalid-value'],
        [4, 'people.skills.dpo', 'invalid-value'],
        [6, 'people.skills.trained', 'invalid-value'],
        [7, 'tech.infra.cloud', 'duplicate-answer'],
        [8, null, 'invalid-answer'],
      ]);
      for (const rejection of first.body.rejected) expect(rejection.message).toEqual(expect.any(String));
      expect(first.body).toMatchObject({ missing: 3, coverage: expect.any(Number) });
      expect(first.body.coverage).toBeGreaterThan(0);
      expect(first.body.coverage).toBeLessThan(1);

      const stored = await as(tokens.viewer).get(answersPath);
      expect(
        stored.body.data.map((a: { questionKey: string; value: unknown; notApplicable: boolean }) => [
          a.questionKey,
          a.value,
          a.notApplicable,
        ]),
      ).toEqual([
        ['tech.data.open', 57.5, false],
        ['tech.infra.backup', true, false],
        ['tech.infra.cloud', 3, false],
      ]);

      // yes/no takes true/false and 1/0 (nothing else); a percentage a number; not applicable; null clears.
      const second = await as(tokens.analyst).put(answersPath, {
        answers: [
          { questionKey: 'people.skills.dpo', value: 0 },
          { questionKey: 'tech.infra.backup', value: false },
          { questionKey: 'people.skills.trained', value: 100 },
          { questionKey: 'people.skills.plan', notApplicable: true },
          { questionKey: 'tech.data.open', value: null },
        ],
      });
      expect(second.body).toMatchObject({ saved: 5, rejected: [], missing: 1 });
      const third = await as(tokens.analyst).put(answersPath, {
        answers: [
          { questionKey: 'people.skills.dpo', value: 2 },
          { questionKey: 'tech.infra.backup', value: 'true' },
          { questionKey: 'tech.data.open', value: 0 },
          { questionKey: 'people.skills.dpo', value: true },
          { questionKey: 'people.skills.trained', value: 10, notApplicable: true },
        ],
      });
      expect(third.body.rejected.map((x: { index: number; code: string }) => [x.index, x.code])).toEqual([
        [0, 'invalid-value'],
        [1, 'invalid-value'],
        [3, 'duplicate-answer'],
        [4, 'invalid-answer'],
      ]);
      expect(third.body).toMatchObject({ saved: 1, missing: 0, coverage: 1 });
      const after = await as(tokens.viewer).get(answersPath);
      expect(
        Object.fromEntries(
          after.body.data.map((a: { questionKey: string; value: unknown; notApplicable: boolean }) => [
            a.questionKey,
            a.notApplicable ? 'n/a' : a.value,
          ]),
        ),
      ).toEqual({
        'people.skills.dpo': false,
        'people.skills.plan': 'n/a',
        'people.skills.trained': 100,
        'tech.data.open': 0,
        'tech.infra.backup': false,
        'tech.infra.cloud': 3,
      });
    });

    it('submit lists the missing questions (422); a complete one is submitted (200) and then frozen (409)', async () => {
      const id = await draftInR();
      const path = `${assessments(r.id)}/${id}`;
      const partial = smallModelAnswers().filter((a) => a.questionKey.startsWith('tech.'));
      expect((await as(tokens.analyst).put(`${path}/answers`, { answers: partial })).body).toMatchObject({
        saved: 3,
        rejected: [],
        missing: 3,
      });

      const incomplete = await as(tokens.analyst).post(`${path}/submit`);
      expectProblem(incomplete, 422, 'assessment-incomplete');
      expect(incomplete.body.errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
        ['answers.people.skills.plan', 'missing'],
        ['answers.people.skills.trained', 'missing'],
        ['answers.people.skills.dpo', 'missing'],
      ]);
      expect((await as(tokens.viewer).get(path)).body.status).toBe('draft');

      expect((await as(tokens.analyst).put(`${path}/answers`, { answers: smallModelAnswers() })).body).toMatchObject({
        missing: 0,
        coverage: 1,
      });
      const submitted = await as(tokens.analyst).post(`${path}/submit`);
      expect(submitted.status).toBe(200);
      expect(submitted.body).toMatchObject({
        id,
        status: 'submitted',
        coverage: 1,
        answeredCount: 6,
        submittedAt: expect.any(String),
        score: expect.any(Number),
      });

      expectProblem(
        await as(tokens.analyst).put(`${path}/answers`, { answers: [{ questionKey: 'tech.infra.cloud', value: 0 }] }),
        409,
        'assessment-not-draft',
      );
      expectProblem(await as(tokens.analyst).post(`${path}/submit`), 409, 'assessment-not-draft');
      const answers = await as(tokens.viewer).get(`${path}/answers`);
      expect(answers.body.data.find((a: { questionKey: string }) => a.questionKey === 'tech.infra.cloud').value).toBe(3);
    });

    it('admins validate and reopen; analysts answer and submit; viewers and auditors write nothing (403)', async () => {
      const id = await draftInR();
      const path = `${assessments(r.id)}/${id}`;
      const answers = { answers: smallModelAnswers() };
      for (const role of ['viewer', 'auditor'] as const) {
        expectProblem(await as(tokens[role]).post(assessments(r.id), { modelVersionId: small.id, period: '2026' }), 403, 'forbidden');
        expectProblem(await as(tokens[role]).put(`${path}/answers`, answers), 403, 'forbidden');
        expectProblem(await as(tokens[role]).post(`${path}/submit`), 403, 'forbidden');
        expectProblem(await as(tokens[role]).post(`${path}/rescore`, { modelVersionId: small.id }), 403, 'forbidden');
        for (const read of [path, `${path}/answers`, `${path}/scores`]) expect((await as(tokens[role]).get(read)).status).toBe(200);
      }
      expect((await as(tokens.analyst).put(`${path}/answers`, answers)).body).toMatchObject({ saved: 6, rejected: [] });
      expect((await as(tokens.analyst).post(`${path}/submit`)).body.status).toBe('submitted');

      for (const role of ['viewer', 'auditor', 'analyst'] as const) {
        expectProblem(await as(tokens[role]).post(`${path}/validate`), 403, 'forbidden');
        expectProblem(await as(tokens[role]).post(`${path}/reopen`), 403, 'forbidden');
      }
      const validated = await as(tokens.admin).post(`${path}/validate`);
      expect(validated.status).toBe(200);
      expect(validated.body).toMatchObject({ status: 'validated', validatedAt: expect.any(String) });
      expectProblem(await as(tokens.admin).post(`${path}/validate`), 409);
      expectProblem(await as(tokens.analyst).put(`${path}/answers`, answers), 409, 'assessment-not-draft');

      const reopened = await as(tokens.admin).post(`${path}/reopen`);
      expect(reopened.status).toBe(200);
      expect(reopened.body).toMatchObject({ status: 'draft', validatedAt: null });
      expectProblem(await as(tokens.admin).post(`${path}/validate`), 409);
      const changed = await as(tokens.analyst).put(`${path}/answers`, { answers: [{ questionKey: 'tech.infra.cloud', value: 4 }] });
      expect(changed.body).toMatchObject({ saved: 1, rejected: [], missing: 0 });
      const resubmitted = await as(tokens.analyst).post(`${path}/submit`);
      expect(resubmitted.status).toBe(200);
      expect(resubmitted.body.status).toBe('submitted');
      expect(resubmitted.body.score).toBeGreaterThan(validated.body.score);
      // The stored score is the new one.
      expect((await as(tokens.viewer).get(`${path}/scores`)).body.overall.score).toBe(resubmitted.body.score);
    });
  });

  describe('scores', () => {
    it('GET …/scores?explain=true gives the overall score and level, areas, dimensions and every question', async () => {
      const a = await createAssessment(t, tokens.analyst, r.id, small.id, { answers: smallModelAnswers(), submit: true });
      const path = `${assessments(r.id)}/${a.id}/scores`;
      const explained = await as(tokens.viewer).get(path, { explain: true });
      expect(explained.status).toBe(200);
      expect(explained.body).toMatchObject({
        assessmentId: a.id,
        modelVersionId: small.id,
        computedAt: expect.any(String),
        overall: { score: a.score, level: expect.any(Number), levelName: expect.any(String), coverage: 1 },
        levels: smallModel(smallKey).levels.map((l) => ({ level: l.level, name: l.name.es, minScore: l.minScore })),
      });
      const body = explained.body as ScoresBody;
      expect(body.areas.map((x) => [x.key, x.dimensions.map((d) => [d.key, d.questions?.length])])).toEqual([
        [
          'tech',
          [
            ['tech.infra', 2],
            ['tech.data', 1],
          ],
        ],
        ['people', [['people.skills', 3]]],
      ]);
      expect(body.areas[0].dimensions[0].questions?.[0]).toMatchObject({
        key: 'tech.infra.cloud',
        type: 'scale',
        status: 'answered',
        value: 3,
        weight: 2,
        unitScore: 0.75,
        score: 75,
        normalisedWeight: expect.any(Number),
        contribution: expect.any(Number),
        contributionToOverall: expect.any(Number),
      });
      // The explain tree adds up: question contributions to the overall score sum to it.
      const contributions = body.areas.flatMap((x) => x.dimensions.flatMap((d) => (d.questions ?? []).map((q) => q.contributionToOverall)));
      expect(contributions.reduce((sum, c) => sum + c, 0)).toBeCloseTo(body.overall.score!, 9);
      expectRecomputes(body, smallModel(smallKey), smallModelAnswers());

      const plain = await as(tokens.viewer).get(path);
      expect(plain.body.overall).toEqual(body.overall);
      for (const area of plain.body.areas as ExplainedArea[]) for (const d of area.dimensions) expect(d).not.toHaveProperty('questions');
    });

    it('a submitted assessment of the default model (57 questions, demo-like answers) recomputes by hand from its explain tree', async () => {
      const answers = demoAnswers(fullDefinition, `${RUN}:R`);
      expect(answers).toHaveLength(57);
      expect(answers.filter((x) => x.notApplicable)).toHaveLength(3);
      const a = await createAssessment(t, tokens.analyst, r.id, full.id, { answers, submit: true });
      expect(a).toMatchObject({ status: 'submitted', coverage: 1, answeredCount: 57, questionCount: 57 });

      const res = await as(tokens.auditor).get(`${assessments(r.id)}/${a.id}/scores`, { explain: true });
      expect(res.status).toBe(200);
      const body = res.body as ScoresBody;
      expect(body.overall.score).toBe(a.score);
      expect(body.areas.flatMap((x) => x.dimensions.flatMap((d) => d.questions ?? []))).toHaveLength(57);
      expectRecomputes(body, fullDefinition, answers);
      expect(body.overall.levelName).toBe(fullDefinition.levels[body.overall.level! - 1].name.es);
      expect(res.headers['content-language']).toBe('es');

      // Level names follow Accept-Language (the stored score keeps the figures; only names change).
      const english = await request(t.server)
        .get(`${assessments(r.id)}/${a.id}/scores`)
        .set('Authorization', bearer(tokens.auditor))
        .set('Accept-Language', 'en-GB,en;q=0.9,es;q=0.5');
      expect(english.status).toBe(200);
      expect(english.headers['content-language']).toBe('en');
      expect(english.headers.vary).toMatch(/accept-language/i);
      const englishBody = english.body as ScoresBody;
      expect(englishBody.overall).toEqual({ ...body.overall, levelName: fullDefinition.levels[body.overall.level! - 1].name.en });
      expect(englishBody.levels.map((l) => l.name)).toEqual(fullDefinition.levels.map((l) => l.name.en));
      expect(englishBody.levels.map((l) => l.name)).not.toEqual(fullDefinition.levels.map((l) => l.name.es));
    });

    it('a draft is scored live (no stored score yet) over what is answered so far', async () => {
      const id = await draftInR();
      const path = `${assessments(r.id)}/${id}/scores`;
      const empty = await as(tokens.viewer).get(path, { explain: true });
      expect(empty.body).toMatchObject({ computedAt: null, overall: { score: null, level: null, coverage: 0 } });
      const some = smallModelAnswers().slice(0, 3);
      await as(tokens.analyst).put(`${assessments(r.id)}/${id}/answers`, { answers: some });
      const partial = (await as(tokens.viewer).get(path, { explain: true })).body as ScoresBody;
      expect(partial.computedAt).toBeNull();
      expectRecomputes(partial, smallModel(smallKey), some);
      expect(partial.areas[1]).toMatchObject({ key: 'people', score: null });
    });
  });

  describe("another tenant's assessment", () => {
    it('answers 404 on every read and write, through the other tenant or its own path', async () => {
      const a = await createAssessment(t, tokens.analyst, r.id, small.id, { answers: smallModelAnswers(), submit: true });
      for (const [who, tenant] of [
        [tokens.adminS, s],
        [tokens.adminM, m],
      ] as const) {
        for (const base of [`${assessments(tenant.id)}/${a.id}`, `${assessments(r.id)}/${a.id}`]) {
          for (const suffix of ['', '/answers', '/scores', '/benchmark'])
            expectProblem(await as(who).get(`${base}${suffix}`), 404, 'not-found');
          expectProblem(await as(who).get(`${base}/scores`, { explain: true, modelVersionId: small.id }), 404, 'not-found');
          expectProblem(
            await as(who).put(`${base}/answers`, { answers: [{ questionKey: 'tech.infra.cloud', value: 0 }] }),
            404,
            'not-found',
          );
          for (const action of ['submit', 'validate', 'reopen']) expectProblem(await as(who).post(`${base}/${action}`), 404, 'not-found');
          expectProblem(await as(who).post(`${base}/rescore`, { modelVersionId: small.id }), 404, 'not-found');
        }
        const list = await as(who).get(assessments(tenant.id));
        expect(list.status).toBe(200);
        expect(list.body.data.map((x: { id: string }) => x.id)).not.toContain(a.id);
      }
      const unchanged = await as(tokens.viewer).get(`${assessments(r.id)}/${a.id}`);
      expect(unchanged.body).toMatchObject({ status: 'submitted', score: a.score });
    });
  });

  describe('re-scoring under a newer version of the same model', () => {
    it('carries answers over where keys match, lists the dropped ones, and keeps the original score', async () => {
      const key = uniqueModelKey('rescore');
      const v1Doc = smallModel(key);
      const v1 = await importModel(t, platform, v1Doc, { publish: true });
      const answers: AnswerInput[] = [
        ...smallModelAnswers().filter((x) => x.questionKey !== 'people.skills.plan'),
        { questionKey: 'people.skills.plan', value: 5 },
      ];
      const a = await createAssessment(t, tokens.analyst, r.id, v1.id, { answers, submit: true });
      const path = `${assessments(r.id)}/${a.id}`;
      const original = (await as(tokens.viewer).get(`${path}/scores`, { explain: true })).body as ScoresBody;

      // Version 2: one question removed, one changes type, one loses the answered option, one is new.
      const v2Doc = smallModel(key);
      const infra = v2Doc.areas[0].dimensions[0];
      infra.questions[1] = { key: 'tech.infra.backup', type: 'percentage', weight: 1, text: { es: 'Copias (%)', en: 'Backups (%)' } };
      v2Doc.areas[0].dimensions[1].questions = [{ key: 'tech.data.apis', type: 'yes_no', weight: 1, text: { es: 'APIs', en: 'APIs' } }];
      const skills = v2Doc.areas[1].dimensions[0];
      skills.questions[0].options = skills.questions[0].options!.filter((o) => o.value <= 3);
      const v2 = await importModel(t, platform, v2Doc, { publish: true });
      expect(v2).toMatchObject({ modelId: v1.modelId, version: 2 });

      expectProblem(await as(tokens.analyst).get(`${path}/scores`, { modelVersionId: v2.id }), 404, 'not-found');
      const rescored = await as(tokens.analyst).post(`${path}/rescore`, { modelVersionId: v2.id });
      expect(rescored.status).toBe(200);
      expect(rescored.body).toMatchObject({ assessmentId: a.id, modelVersionId: v2.id, computedAt: expect.any(String) });
      expect(rescored.body.dropped.map((d: { questionKey: string }) => d.questionKey).sort()).toEqual([
        'people.skills.plan',
        'tech.data.open',
        'tech.infra.backup',
      ]);
      for (const d of rescored.body.dropped) expect(d.reason).toEqual(expect.any(String));

      const carried = ['tech.infra.cloud', 'people.skills.trained', 'people.skills.dpo'];
      const questions = (rescored.body as ScoresBody).areas.flatMap((x) => x.dimensions.flatMap((d) => d.questions ?? []));
      expect(Object.fromEntries(questions.map((q) => [q.key, [q.status, q.value]]))).toEqual({
        'tech.infra.cloud': ['answered', 3],
        'tech.infra.backup': ['unanswered', null],
        'tech.data.apis': ['unanswered', null],
        'people.skills.plan': ['unanswered', null],
        'people.skills.trained': ['answered', 75],
        'people.skills.dpo': ['answered', false],
      });
      expectRecomputes(
        rescored.body as ScoresBody,
        v2Doc,
        answers.filter((x) => carried.includes(x.questionKey)),
      );

      const underV2 = await as(tokens.viewer).get(`${path}/scores`, { modelVersionId: v2.id, explain: true });
      expect(underV2.status).toBe(200);
      expect(underV2.body).toMatchObject({ modelVersionId: v2.id, overall: rescored.body.overall });
      const still = await as(tokens.viewer).get(`${path}/scores`, { explain: true });
      expect(still.body).toEqual(original);
      expect((await as(tokens.viewer).get(path)).body).toMatchObject({ modelVersionId: v1.id, status: 'submitted', score: a.score });

      // Only a published version of the same model.
      const draft = await importModel(t, platform, smallModel(key));
      for (const target of [small.id, draft.id, v1.modelId]) {
        const refused = await as(tokens.analyst).post(`${path}/rescore`, { modelVersionId: target });
        expectProblem(refused, 422);
        expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'modelVersionId' })]);
      }
    });
  });

  describe('benchmark among comparable administrations (never a peer)', () => {
    it('gives no figures with 4 peers, a percentile and quartiles with 5, and never identifies a peer', async () => {
      // A cohort no other run shares: kind "other", population under 5,000, a year of the 22nd century
      // (2100–2198, so the year after, used below, is still a valid period).
      const year = String(2100 + Math.floor(Math.random() * 99));
      const population = () => 500 + Math.floor(Math.random() * 4000);
      const answersFor = (i: number): AnswerInput[] => [
        { questionKey: 'tech.infra.cloud', value: i % 5 },
        { questionKey: 'tech.infra.backup', value: i % 2 === 0 },
        { questionKey: 'tech.data.open', value: (i * 23) % 101 },
        { questionKey: 'people.skills.plan', value: 1 + ((i * 2) % 5) },
        { questionKey: 'people.skills.trained', value: (i * 37) % 101 },
        { questionKey: 'people.skills.dpo', value: i % 3 !== 0 },
      ];
      const identities: string[] = [];
      /** A tenant with a write key, an assessment of `modelVersionId`, answered and (unless a draft) submitted. */
      async function member(
        i: number,
        overrides: { kind?: 'other' | 'institute'; population?: number; period?: string; modelVersionId?: string; submit?: boolean } = {},
      ) {
        const tenant = await fx.tenant({
          kind: overrides.kind ?? 'other',
          population: overrides.population ?? population(),
          name: unique('Peer administration'),
        });
        const key = await fx.apiKey(tenant.id, ['read', 'write']);
        const assessment = await createAssessment(t, key, tenant.id, overrides.modelVersionId ?? small.id, {
          period: overrides.period ?? year,
          answers: answersFor(i),
          submit: overrides.submit ?? true,
        });
        identities.push(tenant.id, tenant.code, tenant.name, assessment.id);
        return { tenant, key, assessment };
      }

      const own = await member(2);
      const peers = [await member(0), await member(1), await member(3), await member(4)];
      // The same peer twice in the year counts once (its latest submission).
      const twice = await createAssessment(t, peers[0].key, peers[0].tenant.id, small.id, {
        period: year,
        answers: answersFor(0),
        submit: true,
      });
      identities.push(twice.id);
      // Not peers: another band, another kind, another year, another model version, a draft.
      await member(5, { population: 6000 });
      await member(6, { kind: 'institute' });
      await member(7, { period: String(Number(year) + 1) });
      const otherModel = await importModel(t, platform, smallModel(uniqueModelKey('other')), { publish: true });
      await member(8, { modelVersionId: otherModel.id });
      await member(9, { submit: false });

      const benchmarkPath = `${assessments(own.tenant.id)}/${own.assessment.id}/benchmark`;
      // No tenant id, code or name and no assessment id of anyone in the cohort (nor of the decoys).
      const noIdentity = (body: unknown) => {
        const json = JSON.stringify(body);
        expect(identities.filter((x) => json.includes(x))).toEqual([]);
      };

      const small4 = await as(own.key).get(benchmarkPath);
      expect(small4.status).toBe(200);
      expect(small4.body).toEqual({
        cohortSize: 4,
        available: false,
        reason: 'cohort-too-small',
        cohort: { modelVersionId: small.id, period: year, kind: 'other', populationBand: 'under-5k' },
        percentile: null,
        quartiles: null,
        dimensions: [],
      });
      noIdentity(small4.body);

      peers.push(await member(10));
      const five = await as(own.key).get(benchmarkPath);
      expect(five.status).toBe(200);
      expect(five.body).toMatchObject({
        cohortSize: 5,
        available: true,
        cohort: { modelVersionId: small.id, period: year, kind: 'other', populationBand: 'under-5k' },
      });
      expect(five.body).not.toHaveProperty('reason');
      noIdentity(five.body);

      const expected = expectedBenchmark(
        own.assessment.score!,
        peers.map((p) => p.assessment.score!),
      );
      expect(five.body.percentile).toBeCloseTo(expected.percentile, 9);
      expect(five.body.quartiles.q1).toBeCloseTo(expected.quartiles.q1, 9);
      expect(five.body.quartiles.median).toBeCloseTo(expected.quartiles.median, 9);
      expect(five.body.quartiles.q3).toBeCloseTo(expected.quartiles.q3, 9);
      expect(Object.keys(five.body.quartiles).sort()).toEqual(['median', 'q1', 'q3']);

      // Per dimension likewise, from each peer's own scores.
      const dimensionScores = async (who: Credential, tenantId: string, id: string) => {
        const body = (await as(who).get(`${assessments(tenantId)}/${id}/scores`)).body as ScoresBody;
        return new Map(body.areas.flatMap((x) => x.dimensions.map((d) => [d.key, d.score!] as const)));
      };
      const ownDimensions = await dimensionScores(own.key, own.tenant.id, own.assessment.id);
      const peerDimensions = await Promise.all(peers.map((p) => dimensionScores(p.key, p.tenant.id, p.assessment.id)));
      expect(five.body.dimensions.map((d: { dimensionKey: string }) => d.dimensionKey)).toEqual([
        'tech.infra',
        'tech.data',
        'people.skills',
      ]);
      for (const d of five.body.dimensions) {
        const e = expectedBenchmark(
          ownDimensions.get(d.dimensionKey)!,
          peerDimensions.map((p) => p.get(d.dimensionKey)!),
        );
        expect(d.score).toBe(ownDimensions.get(d.dimensionKey));
        expect(d.percentile).toBeCloseTo(e.percentile, 9);
        expect(d.quartiles.q1).toBeCloseTo(e.quartiles.q1, 9);
        expect(d.quartiles.median).toBeCloseTo(e.quartiles.median, 9);
        expect(d.quartiles.q3).toBeCloseTo(e.quartiles.q3, 9);
      }

      // A peer's benchmark counts the own tenant as one of its peers, and is figures only, too.
      const fromPeer = await as(peers[1].key).get(`${assessments(peers[1].tenant.id)}/${peers[1].assessment.id}/benchmark`);
      expect(fromPeer.body).toMatchObject({ cohortSize: 5, available: true });
      // Another tenant's benchmark is not reachable.
      expectProblem(await as(peers[1].key).get(`${assessments(peers[1].tenant.id)}/${own.assessment.id}/benchmark`), 404, 'not-found');
      expectProblem(await as(peers[1].key).get(benchmarkPath), 404, 'not-found');
    });
  });
});
