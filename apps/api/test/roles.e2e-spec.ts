import request from 'supertest';
import type { AccessLevel } from '../src/platform/auth/auth.decorators';
import { bearer, expectProblem, Fixtures, login, unique, type TenantFixture, type Tokens } from './helpers/fixtures';
import { createAssessment, importModel, smallModel, uniqueModelKey } from './helpers/maturity';
import { discoverRoutes, fillPath, isWrite, sampleBody, tenantRoutes, type RouteInfo } from './helpers/routes';
import { createTestApp, type TestApp } from './helpers/test-app';

type Role = 'viewer' | 'auditor' | 'analyst' | 'admin';

/**
 * What each role may do, written from the product's definition (ARCHITECTURE.md §2), not from the
 * code's table: viewers read; auditors read and use the audit trail; analysts read and edit;
 * admins do everything. A route's declared access level says which of those it is.
 */
function roleMayCall(role: Role, route: RouteInfo): boolean {
  const access = (route.auth as { access?: AccessLevel }).access;
  switch (role) {
    case 'viewer':
      return access === 'read' && !isWrite(route);
    case 'auditor':
      return (access === 'read' && !isWrite(route)) || access === 'audit';
    case 'analyst':
      return access === 'read' || access === 'write';
    case 'admin':
      return true;
  }
}

/**
 * Roles on a region R with a child municipality M and a sibling region S (both under a country C).
 */
describe('roles and scopes', () => {
  let t: TestApp;
  let fx: Fixtures;
  let routes: RouteInfo[];
  let openapi: Parameters<typeof sampleBody>[0];
  let c: TenantFixture;
  let r: TenantFixture;
  let m: TenantFixture;
  let s: TenantFixture;
  const tokens = {} as Record<Role | 'adminM' | 'platform' | 'nobody' | 'viewerRAdminM', Tokens>;
  const keys = {} as Record<'read' | 'write' | 'admin' | 'kpis', string>;
  /** Real ids of R's objects for the route table's path parameters. */
  const rIds: Record<string, string> = {};
  /** A published global model version: readable through any tenant's path. */
  let globalVersionId: string;

  beforeAll(async () => {
    t = await createTestApp();
    fx = await Fixtures.open();
    routes = tenantRoutes(discoverRoutes(t.app));
    openapi = (await request(t.server).get('/openapi.json')).body as typeof openapi;

    c = await fx.tenant({ kind: 'country', name: unique('Country') });
    r = await fx.tenant({ parentId: c.id, kind: 'region', name: unique('Region R') });
    m = await fx.tenant({ parentId: r.id, kind: 'municipality', name: unique('Town M') });
    s = await fx.tenant({ parentId: c.id, kind: 'region', name: unique('Region S') });

    const users = {
      viewer: await fx.user({ memberships: [{ tenantId: r.id, role: 'viewer' }] }),
      auditor: await fx.user({ memberships: [{ tenantId: r.id, role: 'auditor' }] }),
      analyst: await fx.user({ memberships: [{ tenantId: r.id, role: 'analyst' }] }),
      admin: await fx.user({ memberships: [{ tenantId: r.id, role: 'admin' }] }),
      adminM: await fx.user({ memberships: [{ tenantId: m.id, role: 'admin' }] }),
      platform: await fx.user({ platformAdmin: true }),
      nobody: await fx.user(),
      viewerRAdminM: await fx.user({
        memberships: [
          { tenantId: r.id, role: 'viewer' },
          { tenantId: m.id, role: 'admin' },
        ],
      }),
    };
    for (const [name, user] of Object.entries(users)) tokens[name as keyof typeof tokens] = await login(t, user);

    keys.read = (await fx.apiKey(r.id, ['read'])).key;
    keys.write = (await fx.apiKey(r.id, ['write'])).key;
    keys.admin = (await fx.apiKey(r.id, ['admin'])).key;
    keys.kpis = (await fx.apiKey(r.id, ['kpis:write'])).key;

    rIds.keyId = (await fx.apiKey(r.id, ['read'])).id;
    rIds.membershipId = (
      await fx.query<{ id: string }>('SELECT id FROM memberships WHERE tenant_id = $1 AND user_id = $2', [r.id, users.viewer.id])
    )[0].id;
    const invitation = await request(t.server)
      .post(`/v1/tenants/${r.id}/invitations`)
      .set('Authorization', bearer(tokens.admin))
      .send({ email: `${unique('invitee')}@test.example`, role: 'viewer' });
    expect(invitation.status).toBe(201);
    rIds.invitationId = invitation.body.id;

    // Maturity: a published version R owns (the tenant-owned version routes) and an assessment of R
    // against a published global version.
    globalVersionId = (await importModel(t, tokens.platform, smallModel(uniqueModelKey('roles-global')), { publish: true })).id;
    rIds.versionId = (await importModel(t, tokens.admin, smallModel(uniqueModelKey('roles-r')), { tenantId: r.id, publish: true })).id;
    rIds.assessmentId = (await createAssessment(t, tokens.admin, r.id, globalVersionId)).id;
    rIds.otherId = rIds.assessmentId;

    // Frictions: one of R's, and an area of R's own (paths name areas by key).
    rIds.key = 'roles-area';
    const area = await post(`/v1/tenants/${r.id}/friction-areas`, tokens.admin, { key: rIds.key, name: { es: 'Zona', en: 'Zone' } });
    expect(area.status).toBe(201);
    const friction = await post(`/v1/tenants/${r.id}/frictions`, tokens.admin, { title: 'Fricción de R', area: 'mobility' });
    expect(friction.status).toBe(201);
    rIds.frictionId = friction.body.id;
  });
  afterAll(async () => {
    await fx?.close();
    await t?.close();
  });

  const get = (path: string, credential: string | Tokens) => request(t.server).get(path).set('Authorization', bearer(credential));
  const patch = (path: string, credential: string | Tokens, body: object) =>
    request(t.server).patch(path).set('Authorization', bearer(credential)).send(body);
  const post = (path: string, credential: string | Tokens, body?: object) => {
    const req = request(t.server).post(path).set('Authorization', bearer(credential));
    return body ? req.send(body) : req;
  };
  const childBody = () => ({ code: unique('child'), kind: 'municipality', name: unique('Child') });

  describe('reading', () => {
    it.each<Role>(['viewer', 'auditor', 'analyst', 'admin'])('%s of R reads R and its child M, not the sibling S', async (role) => {
      expect((await get(`/v1/tenants/${r.id}`, tokens[role])).status).toBe(200);
      expect((await get(`/v1/tenants/${m.id}`, tokens[role])).status).toBe(200);
      const children = await get(`/v1/tenants/${r.id}/children`, tokens[role]);
      expect(children.body.data.map((x: { id: string }) => x.id)).toEqual([m.id]);
      expectProblem(await get(`/v1/tenants/${s.id}`, tokens[role]), 404, 'not-found');
      expectProblem(await get(`/v1/tenants/${c.id}`, tokens[role]), 404, 'not-found');
    });
  });

  describe('every tenant route, per role (from the route table)', () => {
    it('no write route is declared read-only, and the only write open to auditors is the audit verification', () => {
      const writes = routes.filter(isWrite);
      expect(writes.filter((w) => (w.auth as { access?: AccessLevel }).access === 'read').map((w) => `${w.method} ${w.path}`)).toEqual([]);
      expect(writes.filter((w) => roleMayCall('auditor', w)).map((w) => `${w.method} ${w.path}`)).toEqual([
        'POST /v1/tenants/:tenantId/audit-events/verify',
      ]);
    });

    it.each<Role>(['viewer', 'auditor', 'analyst'])(
      '%s of R gets 403 on every route its role does not grant, on R and on M',
      async (role) => {
        const denied = routes.filter((route) => !roleMayCall(role, route));
        expect(denied.length).toBeGreaterThan(role === 'analyst' ? 10 : 14);
        const failures: string[] = [];
        for (const route of denied) {
          for (const tenant of [r, m]) {
            const path = fillPath(route, { ...rIds, tenantId: tenant.id });
            const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
            const req = request(t.server)[method](path).set('Authorization', bearer(tokens[role]));
            const body = sampleBody(openapi, route);
            const res = await (body === undefined ? req : req.send(body as object));
            if (res.status !== 403 || res.body.type !== 'urn:rumbo:problem:forbidden') {
              failures.push(`${route.method} ${route.path} on ${tenant === r ? 'R' : 'M'}: ${res.status} ${JSON.stringify(res.body)}`);
            }
          }
        }
        expect(failures).toEqual([]);
      },
    );

    it.each<Role>(['viewer', 'auditor', 'analyst', 'admin'])('%s of R gets 200 on every GET route its role grants', async (role) => {
      const allowed = routes.filter((route) => route.method === 'GET' && roleMayCall(role, route));
      expect(allowed.length).toBeGreaterThanOrEqual(4);
      const failures: string[] = [];
      for (const route of allowed) {
        const res = await get(fillPath(route, { ...rIds, tenantId: r.id }), tokens[role]);
        if (res.status !== 200) failures.push(`${route.method} ${route.path}: ${res.status} ${JSON.stringify(res.body)}`);
      }
      expect(failures).toEqual([]);
    });

    it.each<Role>(['viewer', 'auditor', 'analyst', 'admin'])(
      '%s of R reads a global model version through R and through its child M',
      async (role) => {
        for (const tenant of [r, m]) {
          const res = await get(`/v1/tenants/${tenant.id}/maturity-model-versions/${globalVersionId}`, tokens[role]);
          expect({ status: res.status, id: res.body.id, scope: res.body.scope }).toEqual({
            status: 200,
            id: globalVersionId,
            scope: 'global',
          });
        }
      },
    );
  });

  describe('administration along the hierarchy', () => {
    it('the admin of R manages R and its descendant M', async () => {
      expect((await patch(`/v1/tenants/${r.id}`, tokens.admin, { population: 1000 })).status).toBe(200);
      expect((await patch(`/v1/tenants/${m.id}`, tokens.admin, { population: 10 })).status).toBe(200);
      const child = await post(`/v1/tenants/${m.id}/children`, tokens.admin, childBody());
      expect(child.status).toBe(201);
      expect(child.body.ancestors).toEqual([c.id, r.id, m.id]);
      expect((await post(`/v1/tenants/${m.id}/api-keys`, tokens.admin, { name: 'for M', scopes: ['read'] })).status).toBe(201);
      expect((await get(`/v1/tenants/${m.id}/members`, tokens.admin)).status).toBe(200);
      expect((await get(`/v1/tenants/${m.id}/audit-events`, tokens.admin)).status).toBe(200);
    });

    it('the admin of M cannot see R or S (404), only M', async () => {
      expect((await get(`/v1/tenants/${m.id}`, tokens.adminM)).status).toBe(200);
      for (const other of [r, s, c]) {
        expectProblem(await get(`/v1/tenants/${other.id}`, tokens.adminM), 404, 'not-found');
        expectProblem(await patch(`/v1/tenants/${other.id}`, tokens.adminM, { population: 1 }), 404, 'not-found');
        expectProblem(await post(`/v1/tenants/${other.id}/children`, tokens.adminM, childBody()), 404, 'not-found');
      }
    });

    it('the strongest role along the path wins: viewer on R plus admin on M administers M but not R', async () => {
      expect((await patch(`/v1/tenants/${m.id}`, tokens.viewerRAdminM, { population: 11 })).status).toBe(200);
      expectProblem(await patch(`/v1/tenants/${r.id}`, tokens.viewerRAdminM, { population: 2 }), 403, 'forbidden');
    });

    it('an analyst cannot change the tenant, create children or issue keys (admin only)', async () => {
      expectProblem(await patch(`/v1/tenants/${r.id}`, tokens.analyst, { population: 5 }), 403, 'forbidden');
      expectProblem(await post(`/v1/tenants/${r.id}/children`, tokens.analyst, childBody()), 403, 'forbidden');
      expectProblem(await post(`/v1/tenants/${r.id}/api-keys`, tokens.analyst, { name: 'x', scopes: ['read'] }), 403, 'forbidden');
    });
  });

  describe('API key scopes', () => {
    it('a read key cannot issue keys (403); an admin key can (201)', async () => {
      expectProblem(await post(`/v1/tenants/${r.id}/api-keys`, keys.read, { name: 'from read', scopes: ['read'] }), 403, 'forbidden');
      expectProblem(await post(`/v1/tenants/${r.id}/api-keys`, keys.write, { name: 'from write', scopes: ['read'] }), 403, 'forbidden');
      const issued = await post(`/v1/tenants/${r.id}/api-keys`, keys.admin, { name: 'from admin', scopes: ['read'] });
      expect(issued.status).toBe(201);
      expect(issued.body.key).toMatch(/^rmb_/);
    });

    it('a key bound to R reads its descendant M, not the sibling S nor the parent C (404)', async () => {
      expect((await get(`/v1/tenants/${r.id}`, keys.read)).status).toBe(200);
      expect((await get(`/v1/tenants/${m.id}`, keys.read)).status).toBe(200);
      expectProblem(await get(`/v1/tenants/${s.id}`, keys.read), 404, 'not-found');
      expectProblem(await get(`/v1/tenants/${c.id}`, keys.read), 404, 'not-found');
    });

    it('a kpis:write key grants nothing beyond the routes that name it; keys never read the audit trail', async () => {
      expectProblem(await get(`/v1/tenants/${r.id}`, keys.kpis), 403, 'forbidden');
      expectProblem(await get(`/v1/tenants/${r.id}/audit-events`, keys.admin), 403, 'forbidden');
      expectProblem(await patch(`/v1/tenants/${r.id}`, keys.write, { population: 3 }), 403, 'forbidden');
    });
  });

  describe('platform administration', () => {
    it('only platform administrators create root tenants', async () => {
      const body = () => ({ code: unique('root'), kind: 'country', name: unique('Root') });
      const created = await post('/v1/tenants', tokens.platform, body());
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ parentId: null, depth: 0, ancestors: [] });
      for (const who of [tokens.admin, tokens.adminM, tokens.nobody, keys.admin]) {
        expectProblem(await post('/v1/tenants', who, body()), 403, 'forbidden');
      }
    });

    it('a platform administrator reads and administers any tenant', async () => {
      expect((await get(`/v1/tenants/${s.id}`, tokens.platform)).status).toBe(200);
      expect((await patch(`/v1/tenants/${s.id}`, tokens.platform, { population: 7 })).status).toBe(200);
    });

    it('a user without memberships sees no tenant', async () => {
      const list = await get('/v1/tenants', tokens.nobody);
      expect(list.status).toBe(200);
      expect(list.body).toEqual({ data: [], nextCursor: null });
      expectProblem(await get(`/v1/tenants/${r.id}`, tokens.nobody), 404, 'not-found');
    });
  });
});
