import request from 'supertest';
import { uuidv7 } from '../src/platform/database/uuid';
import { bearer, Fixtures, login, PROBLEM_CONTENT_TYPE, unique, type TenantFixture, type Tokens } from './helpers/fixtures';
import { createAssessment, importModel, smallModel, smallModelAnswers, uniqueModelKey } from './helpers/maturity';
import {
  discoverRoutes,
  fillPath,
  isCallable,
  isWrite,
  paramsWithoutValues,
  sampleBody,
  tenantRoutes,
  type RouteInfo,
} from './helpers/routes';
import { createTestApp, type TestApp } from './helpers/test-app';

/**
 * Cross-tenant isolation, built from the route table: every route under /v1/tenants/:tenantId is
 * called on tenant A (and on A's child) with the credentials of a foreign tenant B, and must answer
 * 404 — never 2xx, never 403 (which would confirm that A exists), never a body naming A. A new
 * tenant route joins the matrix by itself; one the matrix cannot call fails the first test.
 */
describe('cross-tenant isolation matrix (every tenant route)', () => {
  let t: TestApp;
  let fx: Fixtures;
  let routes: RouteInfo[];
  let openapi: Parameters<typeof sampleBody>[0];

  let a: TenantFixture;
  let aChild: TenantFixture;
  let b: TenantFixture;
  /** Real ids of A's objects, by path parameter name. */
  const aIds: Record<string, string> = {};
  const bIds: Record<string, string> = {};
  let adminA: Tokens;
  let adminB: Tokens;
  let keyB: string;
  /** A published global model version: platform data, not an object of A. */
  let globalVersionId: string;

  beforeAll(async () => {
    t = await createTestApp();
    fx = await Fixtures.open();
    routes = tenantRoutes(discoverRoutes(t.app));
    openapi = (await request(t.server).get('/openapi.json')).body as typeof openapi;

    a = await fx.tenant({ kind: 'region', name: unique('Alpha Region') });
    aChild = await fx.tenant({ parentId: a.id, name: unique('Alpha Town') });
    b = await fx.tenant({ kind: 'region', name: unique('Beta Region') });
    const userA = await fx.user();
    const userB = await fx.user();
    aIds.membershipId = await fx.membership(userA.id, a.id, 'admin');
    bIds.membershipId = await fx.membership(userB.id, b.id, 'admin');
    aIds.keyId = (await fx.apiKey(a.id, ['read'])).id;
    bIds.keyId = (await fx.apiKey(b.id, ['read'])).id;
    keyB = (await fx.apiKey(b.id, ['read', 'write', 'kpis:write', 'admin'])).key;
    [adminA, adminB] = await Promise.all([login(t, userA), login(t, userB)]);
    for (const [tenant, ids, token] of [
      [a, aIds, adminA],
      [b, bIds, adminB],
    ] as const) {
      const invitation = await request(t.server)
        .post(`/v1/tenants/${tenant.id}/invitations`)
        .set('Authorization', bearer(token))
        .send({ email: `${unique('invitee')}@test.example`, role: 'viewer' });
      expect(invitation.status).toBe(201);
      ids.invitationId = invitation.body.id;
    }

    // Maturity. A global version is readable through every tenant's path, so the version id in the
    // matrix is one A owns; the assessment is A's, answered and submitted against the global version.
    const platform = await login(t, await fx.user({ platformAdmin: true }));
    globalVersionId = (await importModel(t, platform, smallModel(uniqueModelKey('isolation-global')), { publish: true })).id;
    aIds.versionId = (await importModel(t, adminA, smallModel(uniqueModelKey('isolation-a')), { tenantId: a.id, publish: true })).id;
    aIds.assessmentId = (await createAssessment(t, adminA, a.id, globalVersionId, { answers: smallModelAnswers(), submit: true })).id;
    aIds.otherId = aIds.assessmentId;

    // Frictions: one of A's, and an area of A's own (paths name areas by key).
    aIds.key = unique('isolation-area')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-');
    const area = await request(t.server)
      .post(`/v1/tenants/${a.id}/friction-areas`)
      .set('Authorization', bearer(adminA))
      .send({ key: aIds.key, name: { es: 'Zona', en: 'Zone' } });
    expect(area.status).toBe(201);
    const friction = await request(t.server)
      .post(`/v1/tenants/${a.id}/frictions`)
      .set('Authorization', bearer(adminA))
      .send({ title: 'Fricción de A', area: 'mobility', occurrencesPerYear: 10, hoursLostPerOccurrence: 1, costPerHour: 20 });
    expect(friction.status).toBe(201);
    aIds.frictionId = friction.body.id;

    // Prioritisation: an active scoring model of A.
    const model = await request(t.server)
      .post(`/v1/tenants/${a.id}/scoring-models`)
      .set('Authorization', bearer(adminA))
      .send({
        name: 'Isolation',
        method: 'weighted',
        criteria: [{ key: 'cost', field: 'annualCost', direction: 'higher_is_better', weight: 1 }],
      });
    expect(model.status).toBe(201);
    aIds.modelId = model.body.id;
    const activated = await request(t.server)
      .post(`/v1/tenants/${a.id}/scoring-models/${aIds.modelId}/activate`)
      .set('Authorization', bearer(adminA));
    expect(activated.status).toBe(200);
  });
  afterAll(async () => {
    await fx?.close();
    await t?.close();
  });

  function call(route: RouteInfo, path: string, credential: string, body: unknown): request.Test {
    const req = request(t.server)[route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](path);
    req.set('Authorization', credential);
    return body === undefined ? req : req.send(body as object);
  }

  /** The bodies each write is tried with: a plausible one and one validation would reject. */
  function bodiesFor(route: RouteInfo): { label: string; body: unknown }[] {
    if (!isWrite(route)) return [{ label: 'no body', body: undefined }];
    const plausible = sampleBody(openapi, route);
    if (plausible === undefined) return [{ label: 'no body', body: undefined }];
    return [
      { label: 'plausible body', body: plausible },
      { label: 'invalid body', body: { unexpectedField: uuidv7() } },
    ];
  }

  it('discovers the tenant routes, and the matrix can call each of them', () => {
    expect(routes.length).toBeGreaterThanOrEqual(20);
    const uncallable = routes.filter((r) => !isCallable(r)).map((r) => `${r.method} ${r.path} (${r.name})`);
    expect(uncallable).toEqual([]);
    // A path scoped to a tenant must declare tenant access; anything else would skip the 404 check.
    const undeclared = routes.filter((r) => r.auth?.kind !== 'tenant').map((r) => `${r.method} ${r.path} (${r.name})`);
    expect(undeclared).toEqual([]);
    // Every write either documents its JSON body or takes none: the matrix sends what OpenAPI describes.
    for (const route of routes.filter(isWrite)) expect(() => sampleBody(openapi, route)).not.toThrow();
    // Every object in a path has a real id of A here: a random id would make the 404s prove nothing.
    expect(paramsWithoutValues(routes, aIds)).toEqual([]);
  });

  describe.each([
    ['an admin user of tenant B', () => bearer(adminB)],
    ['an API key of tenant B with every scope', () => bearer(keyB)],
  ])('as %s', (_label, credential) => {
    it.each([
      ['tenant A', () => a],
      ['a child of tenant A', () => aChild],
    ])('every tenant route on %s answers 404 problem+json, without naming it', async (_target, target) => {
      const tenant = target();
      const failures: string[] = [];
      for (const route of routes) {
        const path = fillPath(route, { ...aIds, tenantId: tenant.id });
        for (const { label, body } of bodiesFor(route)) {
          const res = await call(route, path, credential(), body);
          const text = res.text || JSON.stringify(res.body ?? {});
          const problems = [
            res.status !== 404 && `status ${res.status}`,
            !PROBLEM_CONTENT_TYPE.test(String(res.headers['content-type'])) && `content-type ${res.headers['content-type']}`,
            (text.includes(tenant.name) || text.includes(tenant.code) || text.includes(a.name) || text.includes(a.code)) &&
              'body names the tenant',
          ].filter(Boolean);
          if (problems.length) failures.push(`${route.method} ${route.path} (${label}): ${problems.join(', ')} — ${text.slice(0, 300)}`);
        }
      }
      expect(failures).toEqual([]);
    });
  });

  it("B's own tenant in the path with A's object ids answers 404 (objects are looked up within the path tenant)", async () => {
    const withObjects = routes.filter((r) => r.params.some((p) => p !== 'tenantId' && p in aIds));
    expect(withObjects.length).toBeGreaterThanOrEqual(3);
    const failures: string[] = [];
    for (const route of withObjects) {
      const path = fillPath(route, { ...aIds, tenantId: b.id });
      const res = await call(route, path, bearer(adminB), sampleBody(openapi, route));
      if (res.status !== 404) failures.push(`${route.method} ${route.path}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    expect(failures).toEqual([]);
    // …and A's objects are untouched.
    const [key] = await fx.query<{ revoked_at: Date | null }>('SELECT revoked_at FROM api_keys WHERE tenant_id = $1 AND id = $2', [
      a.id,
      aIds.keyId,
    ]);
    expect(key.revoked_at).toBeNull();
    const [membership] = await fx.query<{ role: string }>('SELECT role FROM memberships WHERE tenant_id = $1 AND id = $2', [
      a.id,
      aIds.membershipId,
    ]);
    expect(membership.role).toBe('admin');
    const [assessment] = await fx.query<{ status: string; answers: number }>(
      `SELECT status, (SELECT count(*)::int FROM assessment_answers x WHERE x.tenant_id = a.tenant_id AND x.assessment_id = a.id) AS answers
         FROM assessments a WHERE a.tenant_id = $1 AND a.id = $2`,
      [a.id, aIds.assessmentId],
    );
    expect(assessment).toEqual({ status: 'submitted', answers: smallModelAnswers().length });
    const [friction] = await fx.query<{ title: string; status: string; annual_cost: string }>(
      'SELECT title, status, annual_cost FROM frictions WHERE tenant_id = $1 AND id = $2',
      [a.id, aIds.frictionId],
    );
    expect(friction).toEqual({ title: 'Fricción de A', status: 'identified', annual_cost: '200' });
  });

  it('a global model version is not an object of A: any tenant reads it through its own path, never through A', async () => {
    const own = await request(t.server)
      .get(`/v1/tenants/${b.id}/maturity-model-versions/${globalVersionId}`)
      .set('Authorization', bearer(adminB));
    expect(own.status).toBe(200);
    expect(own.body.id).toBe(globalVersionId);
    const throughA = await request(t.server)
      .get(`/v1/tenants/${a.id}/maturity-model-versions/${globalVersionId}`)
      .set('Authorization', bearer(adminB));
    expect(throughA.status).toBe(404);
    expect(throughA.headers['content-type']).toMatch(PROBLEM_CONTENT_TYPE);
  });

  it("sanity: A's own admin reads every GET route of A with those ids (so the 404s above are about access, not bad ids)", async () => {
    const reads = routes.filter((r) => r.method === 'GET' && r.params.every((p) => p === 'tenantId' || p in aIds));
    expect(reads.length).toBeGreaterThanOrEqual(8);
    const failures: string[] = [];
    for (const route of reads) {
      // Required query parameters (the two models of the rank shifts) get A's own ids too.
      const query = route.path.endsWith('/ranking/shifts') ? `?from=${aIds.modelId}&to=${aIds.modelId}` : '';
      const res = await call(route, `${fillPath(route, { ...aIds, tenantId: a.id })}${query}`, bearer(adminA), undefined);
      if (res.status !== 200) failures.push(`${route.method} ${route.path}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    expect(failures).toEqual([]);
  });

  it("sanity: B's credentials work on B itself", async () => {
    for (const credential of [bearer(adminB), bearer(keyB)]) {
      const res = await request(t.server).get(`/v1/tenants/${b.id}`).set('Authorization', credential);
      expect(res.status).toBe(200);
      expect(res.body.id).toBe(b.id);
    }
  });
});
