import type { DataSource } from 'typeorm';
import { createDataSource } from '../src/platform/database/data-source';
import { DbSession, type SessionSettings } from '../src/platform/database/db-session';
import { uuidv7 } from '../src/platform/database/uuid';
import { schema } from '../src/schema';
import { expectProblem, type TenantFixture, type Tokens } from './helpers/fixtures';
import {
  requestAs,
  importModel,
  openMaturityWorld,
  smallModel,
  uniqueModelKey,
  uniquePeriod,
  type MaturityWorld,
  type VersionBody,
} from './helpers/maturity';
import type { ExplainedArea } from './helpers/recompute';
import type { TestApp } from './helpers/test-app';
import { testDatabaseUrls } from './helpers/test-env';

type Credential = Parameters<typeof requestAs>[1];

/**
 * Maturity models: browsing, import (one validation path: @rumbo/method's rules plus the API's
 * document format), versions and publishing, immutability, and models owned by a tenant.
 */
describe('maturity models', () => {
  let world: MaturityWorld;
  let t: TestApp;
  let fx: MaturityWorld['fx'];
  let runtime: DataSource;
  let db: DbSession;
  let platform: Tokens;
  let r: TenantFixture;
  let m: TenantFixture;
  let s: TenantFixture;
  let tokens: MaturityWorld['tokens'];
  let smallKey: string;
  let small: VersionBody;
  let fullDefinition: MaturityWorld['fullDefinition'];
  let full: VersionBody;
  let rOwned: VersionBody;

  beforeAll(async () => {
    world = await openMaturityWorld();
    ({ t, fx, platform, r, m, s, tokens, smallKey, small, fullDefinition, full, rOwned } = world);
    runtime = createDataSource(testDatabaseUrls().appUrl, schema, { poolSize: 2, applicationName: 'rumbo-test-maturity-models' });
    await runtime.initialize();
    db = new DbSession(runtime);
  });
  afterAll(async () => {
    await runtime?.destroy();
    await world?.close();
  });

  const as = (credential: Credential) => requestAs(t, credential);
  const assessments = (tenantId: string) => `/v1/tenants/${tenantId}/assessments`;

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
        'not-positive',
      ],
      [
        'a negative question weight',
        (d) => (d.areas[1].dimensions[0].questions[2].weight = -1),
        'areas[1].dimensions[0].questions[2].weight',
        'not-positive',
      ],
      ['a zero dimension weight', (d) => (d.areas[0].dimensions[1].weight = 0), 'areas[0].dimensions[1].weight', 'not-positive'],
      ['a negative area weight', (d) => (d.areas[1].weight = -2), 'areas[1].weight', 'not-positive'],
      ['an equal threshold', (d) => (d.levels[2].minScore = 20), 'levels[2].minScore', 'not-increasing'],
      ['a decreasing threshold', (d) => (d.levels[4].minScore = 50), 'levels[4].minScore', 'not-increasing'],
      [
        'a duplicate question key in a dimension',
        (d) => (d.areas[0].dimensions[0].questions[1].key = d.areas[0].dimensions[0].questions[0].key),
        'areas[0].dimensions[0].questions[1].key',
        'duplicate',
      ],
      [
        'a duplicate question key across areas',
        (d) => (d.areas[1].dimensions[0].questions[2].key = 'tech.infra.cloud'),
        'areas[1].dimensions[0].questions[2].key',
        'duplicate',
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

    it.each<[string, (doc: Doc) => void, string, string]>([
      // Rules the API once checked on its own and @rumbo/method did not (or the other way round):
      // now the library decides, so a model it would refuse to score is never stored.
      [
        'a weight above the library’s maximum',
        (d) => (d.areas[0].dimensions[0].questions[0].weight = 2e6),
        'areas[0].dimensions[0].questions[0].weight',
        'out-of-range',
      ],
      [
        'scale options out of order',
        (d) => d.areas[0].dimensions[0].questions[0].options!.reverse(),
        'areas[0].dimensions[0].questions[0].options[1].value',
        'not-increasing',
      ],
      ['levels numbered 1, 3', (d) => (d.levels = [d.levels[0], { ...d.levels[1], level: 3 }]), 'levels[1].level', 'not-sequential'],
      ['a first level above 0', (d) => (d.levels[0].minScore = 5), 'levels[0].minScore', 'first-not-zero'],
    ])('a model the library refuses is refused at import: %s', async (_label, breakIt, path, code) => {
      const key = uniqueModelKey('refused');
      const doc = smallModel(key);
      breakIt(doc);
      const res = await as(platform).post('/v1/maturity-models/import', doc, { publish: true });
      expectProblem(res, 422, 'invalid-model');
      expect(res.body.errors).toEqual(expect.arrayContaining([{ path, code, message: expect.any(String) }]));
      expect(await fx.query('SELECT id FROM maturity_models WHERE key = $1', [key])).toEqual([]);
    });

    it('refuses unknown fields at any depth, each with its field path (like every other body)', async () => {
      const doc = smallModel(uniqueModelKey('unknown')) as unknown as Record<string, unknown> & ReturnType<typeof smallModel>;
      Object.assign(doc, { script: 'alert(1)' });
      Object.assign(doc.name, { fr: 'Modèle' });
      Object.assign(doc.levels[1], { colour: 'red' });
      Object.assign(doc.areas[0].dimensions[0], { owner: 'someone' });
      Object.assign(doc.areas[1].dimensions[0].questions[2], { options: [{ value: 0, label: { es: 'No', en: 'No' } }] });
      Object.assign(doc.areas[0].dimensions[0].questions[0].options![0], { score: 10 });
      const res = await as(platform).post('/v1/maturity-models/import', doc);
      expectProblem(res, 422, 'invalid-model');
      expect(res.body.errors.map((e: { path: string; code: string }) => [e.path, e.code]).sort()).toEqual(
        [
          ['script', 'unknownProperty'],
          ['name.fr', 'unknownProperty'],
          ['levels[1].colour', 'unknownProperty'],
          ['areas[0].dimensions[0].owner', 'unknownProperty'],
          // Options belong to scale questions; on a yes/no question they are a field it does not have.
          ['areas[1].dimensions[0].questions[2].options', 'unknownProperty'],
          ['areas[0].dimensions[0].questions[0].options[0].score', 'unknownProperty'],
        ].sort(),
      );
    });

    it('accepts http(s) source links only: a model is data, and a link in it must not run anything', async () => {
      const withSource = (url: string) => {
        const doc = smallModel(uniqueModelKey('sources'));
        doc.areas[0].dimensions[0].questions[0].sources = [{ framework: 'OECD-DGI', reference: 'Digital by design', url }];
        return doc;
      };
      for (const url of [
        'javascript:alert(1)',
        'data:text/html,<script>alert(1)</script>',
        'file:///etc/passwd',
        'ftp://example.org/x',
        '//example.org',
        'https://',
      ]) {
        const res = await as(platform).post('/v1/maturity-models/import', withSource(url));
        expectProblem(res, 422, 'invalid-model');
        expect({ url, errors: res.body.errors }).toEqual({
          url,
          errors: [{ path: 'areas[0].dimensions[0].questions[0].sources[0].url', code: 'httpUrl', message: expect.any(String) }],
        });
      }
      for (const url of ['https://www.oecd.org/en/topics/digital-government.html', 'http://example.org/a?b=c']) {
        expect((await as(platform).post('/v1/maturity-models/import', withSource(url))).status).toBe(201);
      }
    });

    it('takes an area without a weight as weighing 1, as the method does, and stores it so', async () => {
      const doc = smallModel(uniqueModelKey('area-weight')) as unknown as { areas: Record<string, unknown>[] };
      delete doc.areas[1].weight;
      const version = await importModel(t, platform, doc);
      const stored = await as(platform).get(`/v1/maturity-model-versions/${version.id}`);
      expect(stored.body.areas.map((a: { weight: number }) => a.weight)).toEqual([2, 1]);
    });

    it('answers in the caller’s language: Spanish by default, English on request; the codes never change', async () => {
      const doc = smallModel(uniqueModelKey('languages'));
      doc.areas[0].weight = 0;
      const spanish = await as(platform).post('/v1/maturity-models/import', doc);
      const english = await as(platform).post('/v1/maturity-models/import', doc).set('Accept-Language', 'en-GB,en;q=0.8');
      for (const res of [spanish, english]) expectProblem(res, 422, 'invalid-model');
      expect(spanish.headers['content-language']).toBe('es');
      expect(spanish.body).toMatchObject({ title: 'Contenido no procesable', detail: expect.stringContaining('El modelo no es válido') });
      expect(spanish.body.errors).toEqual([{ path: 'areas[0].weight', code: 'not-positive', message: 'debe ser mayor que 0' }]);
      expect(english.headers['content-language']).toBe('en');
      expect(english.body).toMatchObject({ title: 'Unprocessable Entity', detail: expect.stringContaining('The model is not valid') });
      expect(english.body.errors).toEqual([{ path: 'areas[0].weight', code: 'not-positive', message: 'must be greater than 0' }]);
    });

    it('publishing checks the document again: a stored draft the rules refuse is not published', async () => {
      const key = uniqueModelKey('stale-draft');
      const draft = await importModel(t, platform, smallModel(key));
      // A draft stored before the rule existed (scale options out of order), as an older release allowed.
      const stale = smallModel(key);
      stale.areas[0].dimensions[0].questions[0].options!.reverse();
      await fx.query(`UPDATE maturity_model_versions SET definition = $2::jsonb WHERE id = $1`, [draft.id, JSON.stringify(stale)]);
      const res = await as(platform).post(`/v1/maturity-model-versions/${draft.id}/publish`);
      expectProblem(res, 422, 'invalid-model');
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ path: 'areas[0].dimensions[0].questions[0].options[1].value', code: 'not-increasing' }),
        ]),
      );
      const [row] = await fx.query<{ status: string }>('SELECT status FROM maturity_model_versions WHERE id = $1', [draft.id]);
      expect(row.status).toBe('draft');
      expectProblem(await as(platform).post(`/v1/maturity-model-versions/${uuidv7()}/publish`), 404, 'not-found');
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
    expect((await as(tokens.adminM).post(assessments(m.id), { modelVersionId: rOwned.id, period: uniquePeriod() })).status).toBe(201);
    const inS = await as(tokens.adminS).post(assessments(s.id), { modelVersionId: rOwned.id, period: uniquePeriod() });
    expectProblem(inS, 422, 'model-version-unusable');
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
      const refused = await as(who).post(assessments(tenant.id), { modelVersionId: version.id, period: uniquePeriod() });
      expectProblem(refused, 422, 'model-version-unusable');
      expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'modelVersionId' })]);
    }
    expect((await as(platform).get(`/v1/tenants/${m.id}/maturity-model-versions/${rOwned.id}`)).status).toBe(200);
    expect((await as(platform).post(assessments(m.id), { modelVersionId: rOwned.id, period: uniquePeriod() })).status).toBe(201);
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
