import request from 'supertest';
import { bearer, expectProblem, Fixtures, login, unique, type TenantFixture, type Tokens, type TenantOverrides } from './helpers/fixtures';
import { createTestApp, type TestApp } from './helpers/test-app';

interface TenantBody {
  id: string;
  parentId: string | null;
  code: string;
  name: string;
  kind: string;
  depth: number;
  ancestors: string[];
  childCount: number;
  archivedAt: string | null;
  version: number;
  pathNames?: string[];
}

describe('tenants (hierarchy)', () => {
  let t: TestApp;
  let fx: Fixtures;
  let platform: Tokens;

  beforeAll(async () => {
    t = await createTestApp();
    fx = await Fixtures.open();
    platform = await login(t, await fx.user({ platformAdmin: true }));
  });
  afterAll(async () => {
    await fx?.close();
    await t?.close();
  });

  const as = (tokens: Tokens) => ({
    get: (path: string, query: Record<string, string | number | boolean> = {}) =>
      request(t.server).get(path).query(query).set('Authorization', bearer(tokens)),
    post: (path: string, body?: object, headers: Record<string, string> = {}) => {
      const req = request(t.server).post(path).set('Authorization', bearer(tokens)).set(headers);
      return body ? req.send(body) : req;
    },
    patch: (path: string, body: object, headers: Record<string, string> = {}) =>
      request(t.server).patch(path).set('Authorization', bearer(tokens)).set(headers).send(body),
  });
  const tenantBody = (overrides: Record<string, unknown> = {}) => ({
    code: unique('code'),
    kind: 'municipality',
    name: unique('Tenant'),
    ...overrides,
  });
  /** A user holding the given roles, signed in. */
  async function member(...roles: { tenantId: string; role: 'admin' | 'analyst' | 'viewer' | 'auditor' }[]): Promise<Tokens> {
    return login(t, await fx.user({ memberships: roles }));
  }
  async function fetchTenant(id: string): Promise<TenantBody> {
    const res = await as(platform).get(`/v1/tenants/${id}`);
    expect(res.status).toBe(200);
    return res.body as TenantBody;
  }
  /** A chain of tenants under `parent`, one per overrides object. */
  async function tree(root: TenantOverrides, ...levels: TenantOverrides[]): Promise<TenantFixture[]> {
    const out = [await fx.tenant(root)];
    for (const level of levels) out.push(await fx.tenant({ parentId: out[out.length - 1].id, ...level }));
    return out;
  }

  describe('creation', () => {
    it('a platform administrator creates a root; its admin creates children whose path the database derives', async () => {
      const root = await as(platform).post('/v1/tenants', tenantBody({ kind: 'country' }));
      expect(root.status).toBe(201);
      expect(root.body).toMatchObject({
        id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/),
        parentId: null,
        depth: 0,
        ancestors: [],
        childCount: 0,
        archivedAt: null,
        version: 1,
        locale: 'es-ES',
        timezone: 'Europe/Madrid',
        currency: 'EUR',
      });
      const admin = await member({ tenantId: root.body.id, role: 'admin' });
      const child = await as(admin).post(`/v1/tenants/${root.body.id}/children`, tenantBody({ kind: 'region', population: 1000 }));
      expect(child.status).toBe(201);
      expect(child.body).toMatchObject({ parentId: root.body.id, depth: 1, ancestors: [root.body.id], population: 1000 });
      const grandchild = await as(admin).post(`/v1/tenants/${child.body.id}/children`, tenantBody());
      expect(grandchild.status).toBe(201);
      expect(grandchild.body).toMatchObject({ depth: 2, ancestors: [root.body.id, child.body.id] });
      expect((await fetchTenant(grandchild.body.id)).pathNames).toEqual([root.body.name, child.body.name]);
      expect((await fetchTenant(root.body.id)).childCount).toBe(1);
    });

    it('validates the body (400 with the offending paths)', async () => {
      const root = await fx.tenant();
      const res = await as(platform).post(`/v1/tenants/${root.id}/children`, {
        code: 'has spaces',
        kind: 'planet',
        name: '',
        currency: 'euro',
        timezone: 'Mars/Olympus',
      });
      expectProblem(res, 400, 'validation-error');
      expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['code', 'currency', 'kind', 'name', 'timezone']);
    });

    it('a code is unique on the platform: 409 naming the field, on create and on rename', async () => {
      const taken = await fx.tenant();
      const root = await fx.tenant();
      for (const res of [
        await as(platform).post(`/v1/tenants/${root.id}/children`, tenantBody({ code: taken.code })),
        await as(platform).post('/v1/tenants', tenantBody({ code: taken.code, kind: 'country' })),
        await as(platform).patch(`/v1/tenants/${root.id}`, { code: taken.code }),
      ]) {
        expectProblem(res, 409, 'unique-violation');
        expect(res.body.errors[0]).toMatchObject({ path: 'code', code: 'uq_tenants_code' });
        expect(JSON.stringify(res.body)).not.toContain(taken.name);
      }
    });
  });

  describe('optimistic concurrency', () => {
    it('GET and PATCH return a weak ETag; a stale If-Match is refused with 412 and changes nothing', async () => {
      const tenant = await fx.tenant();
      const read = await as(platform).get(`/v1/tenants/${tenant.id}`);
      expect(read.headers.etag).toBe('W/"1"');

      const first = await as(platform).patch(`/v1/tenants/${tenant.id}`, { name: 'First edit' }, { 'If-Match': read.headers.etag });
      expect(first.status).toBe(200);
      expect(first.headers.etag).toBe('W/"2"');
      expect(first.body).toMatchObject({ name: 'First edit', version: 2 });

      const stale = await as(platform).patch(`/v1/tenants/${tenant.id}`, { name: 'Lost update' }, { 'If-Match': read.headers.etag });
      expectProblem(stale, 412, 'precondition-failed');
      expect((await fetchTenant(tenant.id)).name).toBe('First edit');

      const staleMove = await as(platform).post(`/v1/tenants/${tenant.id}/move`, { parentId: null }, { 'If-Match': 'W/"1"' });
      expectProblem(staleMove, 412, 'precondition-failed');

      expect((await as(platform).patch(`/v1/tenants/${tenant.id}`, { name: 'Any version' }, { 'If-Match': '*' })).status).toBe(200);
      expect((await as(platform).patch(`/v1/tenants/${tenant.id}`, { population: null })).status).toBe(200);
    });
  });

  describe('moving', () => {
    it('moves a tenant with its subtree, rebasing every descendant’s ancestors and depth (deeper and shallower)', async () => {
      const [root, p1, x, x1, x1a] = await tree({ kind: 'country' }, { kind: 'region' }, { kind: 'province' }, {}, {});
      const [, q] = await tree({ parentId: root.id, kind: 'region' }, { kind: 'province' });
      const p2 = q.ancestors[1];

      const deeper = await as(platform).post(`/v1/tenants/${x.id}/move`, { parentId: q.id });
      expect(deeper.status).toBe(200);
      expect(deeper.body).toMatchObject({ parentId: q.id, ancestors: [root.id, p2, q.id], depth: 3 });
      expect(await fetchTenant(x1.id)).toMatchObject({ ancestors: [root.id, p2, q.id, x.id], depth: 4 });
      expect(await fetchTenant(x1a.id)).toMatchObject({ ancestors: [root.id, p2, q.id, x.id, x1.id], depth: 5 });
      expect((await fetchTenant(p1.id)).childCount).toBe(0);
      const subtree = await as(platform).get(`/v1/tenants/${p2}/subtree`);
      expect(subtree.body.data.map((d: TenantBody) => d.id).sort()).toEqual([q.id, x.id, x1.id, x1a.id].sort());

      const shallower = await as(platform).post(`/v1/tenants/${x.id}/move`, { parentId: root.id });
      expect(shallower.status).toBe(200);
      expect(shallower.body).toMatchObject({ ancestors: [root.id], depth: 1 });
      expect(await fetchTenant(x1.id)).toMatchObject({ ancestors: [root.id, x.id], depth: 2 });
      expect(await fetchTenant(x1a.id)).toMatchObject({ ancestors: [root.id, x.id, x1.id], depth: 3 });
      expect((await as(platform).get(`/v1/tenants/${p2}/subtree`)).body.data.map((d: TenantBody) => d.id)).toEqual([q.id]);
    });

    it('refuses a parent inside the tenant’s own subtree, or the tenant itself (422)', async () => {
      const [, x, x1, x1a] = await tree({}, {}, {}, {});
      for (const parentId of [x1.id, x1a.id, x.id]) {
        const res = await as(platform).post(`/v1/tenants/${x.id}/move`, { parentId });
        expectProblem(res, 422);
        expect(res.body.errors[0].path).toBe('parentId');
      }
      expect(await fetchTenant(x.id)).toMatchObject({ ancestors: x.ancestors, depth: x.depth });
    });

    it('needs admin on the new parent: a visible parent where you are not admin is 403, an invisible one 422', async () => {
      const [root, x] = await tree({}, {});
      const [visible] = await tree({ parentId: root.id });
      const [invisible] = await tree({});
      const user = await member({ tenantId: x.id, role: 'admin' }, { tenantId: visible.id, role: 'viewer' });
      expectProblem(await as(user).post(`/v1/tenants/${x.id}/move`, { parentId: visible.id }), 403, 'forbidden');
      const hidden = await as(user).post(`/v1/tenants/${x.id}/move`, { parentId: invisible.id });
      expectProblem(hidden, 422);
      expect(hidden.body.errors[0].path).toBe('parentId');
      expect(JSON.stringify(hidden.body)).not.toContain(invisible.name);
      // Making a tenant a root is for platform administrators.
      expectProblem(await as(user).post(`/v1/tenants/${x.id}/move`, { parentId: null }), 403, 'forbidden');
      expect((await fetchTenant(x.id)).parentId).toBe(root.id);
      // An admin of both may move.
      const both = await member({ tenantId: x.id, role: 'admin' }, { tenantId: visible.id, role: 'admin' });
      expect((await as(both).post(`/v1/tenants/${x.id}/move`, { parentId: visible.id })).status).toBe(200);
    });
    it('an API key with the admin scope moves tenants within the subtree it is bound to, and nowhere else', async () => {
      const [r, m] = await tree({}, {});
      const [other] = await tree({ parentId: r.id });
      const [outside] = await tree({});
      const adminKey = await fx.apiKey(r.id, ['admin']);
      const move = (id: string, parentId: string, key = adminKey.key) =>
        request(t.server).post(`/v1/tenants/${id}/move`).set('Authorization', bearer(key)).send({ parentId });
      const inside = await move(m.id, other.id);
      expect(inside.status).toBe(200);
      expect(inside.body).toMatchObject({ parentId: other.id, ancestors: [r.id, other.id] });
      expectProblem(await move(m.id, outside.id), 422);
      const readKey = await fx.apiKey(r.id, ['read', 'write']);
      expectProblem(await move(m.id, r.id, readKey.key), 403, 'forbidden');
    });

    it('refuses to move a tenant under an archived parent (409), which would put an active tenant in an archived subtree', async () => {
      const [root, x] = await tree({}, {});
      const [archivedParent] = await tree({ parentId: root.id });
      expect((await as(platform).post(`/v1/tenants/${archivedParent.id}/archive`)).status).toBe(200);
      expectProblem(await as(platform).post(`/v1/tenants/${x.id}/move`, { parentId: archivedParent.id }), 409, 'tenant-archived');
      expect((await fetchTenant(x.id)).parentId).toBe(root.id);
    });
  });

  describe('archiving', () => {
    it('archives the subtree; archived tenants stay readable but refuse writes (409); unarchive restores what was archived together', async () => {
      const [root, x, x1, x1a] = await tree({}, {}, {}, {});
      const admin = await member({ tenantId: root.id, role: 'admin' });

      // x1a is archived on its own first: it must stay archived when x is restored.
      expect((await as(admin).post(`/v1/tenants/${x1a.id}/archive`)).status).toBe(200);
      const archived = await as(admin).post(`/v1/tenants/${x.id}/archive`);
      expect(archived.status).toBe(200);
      expect(archived.body.archivedAt).toEqual(expect.any(String));
      for (const id of [x.id, x1.id, x1a.id]) expect((await fetchTenant(id)).archivedAt).not.toBeNull();
      expect((await fetchTenant(root.id)).archivedAt).toBeNull();
      expect((await fetchTenant(root.id)).childCount).toBe(0);

      expect((await as(admin).get(`/v1/tenants/${root.id}/children`)).body.data).toEqual([]);
      const withArchived = await as(admin).get(`/v1/tenants/${root.id}/children`, { includeArchived: true });
      expect(withArchived.body.data.map((d: TenantBody) => d.id)).toEqual([x.id]);

      for (const res of [
        await as(admin).patch(`/v1/tenants/${x.id}`, { name: 'Nope' }),
        await as(admin).post(`/v1/tenants/${x.id}/children`, tenantBody()),
        await as(admin).patch(`/v1/tenants/${x1.id}`, { population: 1 }),
        await as(admin).post(`/v1/tenants/${x1.id}/api-keys`, { name: 'nope', scopes: ['read'] }),
        await as(admin).post(`/v1/tenants/${x1.id}/invitations`, { email: `${unique('nope')}@test.example`, role: 'viewer' }),
      ]) {
        expectProblem(res, 409, 'tenant-archived');
      }
      expect((await as(admin).get(`/v1/tenants/${x1.id}`)).status).toBe(200);

      const restored = await as(admin).post(`/v1/tenants/${x.id}/unarchive`);
      expect(restored.status).toBe(200);
      expect(restored.body.archivedAt).toBeNull();
      expect((await fetchTenant(x1.id)).archivedAt).toBeNull();
      expect((await fetchTenant(x1a.id)).archivedAt).not.toBeNull();
      expect((await as(admin).patch(`/v1/tenants/${x1.id}`, { population: 2 })).status).toBe(200);
      expectProblem(await as(admin).patch(`/v1/tenants/${x1a.id}`, { population: 2 }), 409, 'tenant-archived');
    });

    it('archive and unarchive are idempotent; a tenant inside an archived subtree cannot be restored alone', async () => {
      const [tenant, child] = await tree({}, {});
      const active = await as(platform).post(`/v1/tenants/${tenant.id}/unarchive`);
      expect(active.status).toBe(200);
      expect(active.body).toMatchObject({ archivedAt: null, version: 1 });
      const archived = await as(platform).post(`/v1/tenants/${tenant.id}/archive`);
      expect(archived.status).toBe(200);
      const again = await as(platform).post(`/v1/tenants/${tenant.id}/archive`);
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ archivedAt: archived.body.archivedAt, version: archived.body.version });
      expectProblem(await as(platform).post(`/v1/tenants/${child.id}/unarchive`), 409, 'tenant-archived');
    });
  });

  describe('listing', () => {
    let parent: TenantFixture;
    let children: TenantFixture[];
    let grandchildren: TenantFixture[];
    let token: string;

    beforeAll(async () => {
      token = unique('list').replace(/-/g, '');
      parent = await fx.tenant({ name: `${token} parent` });
      children = [];
      // Same names twice: the cursor must break ties by id.
      for (const n of ['delta', 'alpha', 'echo', 'charlie', 'bravo', 'alpha', 'golf']) {
        children.push(await fx.tenant({ parentId: parent.id, name: `${token} ${n}` }));
      }
      grandchildren = [
        await fx.tenant({ parentId: children[0].id, name: `${token} zulu` }),
        await fx.tenant({ parentId: children[1].id, name: `${token} 100% juice` }),
      ];
    });

    async function walk(path: string, query: Record<string, string | number | boolean>, limit: number): Promise<string[]> {
      const ids: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: request.Response = await as(platform).get(path, { ...query, limit, ...(cursor ? { cursor } : {}) });
        expect(res.status).toBe(200);
        expect(res.body.data.length).toBeLessThanOrEqual(limit);
        ids.push(...res.body.data.map((d: TenantBody) => d.id));
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor && pages < 20);
      expect(cursor).toBeNull();
      return ids;
    }

    const byNameThenId = (list: TenantFixture[]) =>
      [...list].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1)).map((x) => x.id);

    it('walks the children with cursors: every child once, in name order', async () => {
      const ids = await walk(`/v1/tenants/${parent.id}/children`, {}, 3);
      expect(ids).toEqual(byNameThenId(children));
      expect(new Set(ids).size).toBe(children.length);
    });

    it('walks the subtree with cursors', async () => {
      const ids = await walk(`/v1/tenants/${parent.id}/subtree`, {}, 4);
      expect(ids).toEqual(byNameThenId([...children, ...grandchildren]));
    });

    it('searches by name or code, case-insensitively, with LIKE wildcards taken literally', async () => {
      const byName = await as(platform).get(`/v1/tenants/${parent.id}/subtree`, { search: `${token} ALPHA` });
      expect(byName.body.data.map((d: TenantBody) => d.id).sort()).toEqual([children[1].id, children[5].id].sort());
      const byCode = await as(platform).get(`/v1/tenants/${parent.id}/children`, { search: children[3].code.toUpperCase() });
      expect(byCode.body.data.map((d: TenantBody) => d.id)).toEqual([children[3].id]);
      const percent = await as(platform).get(`/v1/tenants/${parent.id}/subtree`, { search: '100%' });
      expect(percent.body.data.map((d: TenantBody) => d.id)).toEqual([grandchildren[1].id]);
      const underscore = await as(platform).get(`/v1/tenants/${parent.id}/subtree`, { search: `${token}_` });
      expect(underscore.body.data).toEqual([]);
    });

    it('refuses a cursor it did not issue and a limit out of range (400)', async () => {
      expectProblem(await as(platform).get(`/v1/tenants/${parent.id}/children`, { cursor: 'forged' }), 400, 'validation-error');
      expectProblem(await as(platform).get(`/v1/tenants/${parent.id}/children`, { limit: 0 }), 400, 'validation-error');
      expectProblem(await as(platform).get(`/v1/tenants/${parent.id}/children`, { limit: 201 }), 400, 'validation-error');
    });

    it('ancestors run from the root to the parent, limited to those the caller can see', async () => {
      const [root, p, x, x1, x1a] = await tree({}, {}, {}, {}, {});
      const all = await as(platform).get(`/v1/tenants/${x1a.id}/ancestors`);
      expect(all.body.data.map((d: TenantBody) => d.id)).toEqual([root.id, p.id, x.id, x1.id]);
      const admin = await member({ tenantId: x.id, role: 'admin' });
      const visible = await as(admin).get(`/v1/tenants/${x1a.id}/ancestors`);
      expect(visible.body.data.map((d: TenantBody) => d.id)).toEqual([x.id, x1.id]);
      expect((await as(platform).get(`/v1/tenants/${root.id}/ancestors`)).body.data).toEqual([]);
    });
  });

  describe('the tenant switcher (GET /v1/tenants)', () => {
    it('shows a non-platform user only what it can access: roots=true its top tenants, search within its subtrees', async () => {
      const token = unique('switch').replace(/-/g, '');
      const [, x, x1] = await tree({ name: `${token} root` }, { name: `${token} x` }, { name: `${token} x1` });
      const [y] = await tree({ name: `${token} y` });
      const [, sibling] = await tree({ name: `${token} other root` }, { name: `${token} sibling` });
      const user = await member({ tenantId: x.id, role: 'viewer' }, { tenantId: x1.id, role: 'admin' }, { tenantId: y.id, role: 'viewer' });

      const roots = await as(user).get('/v1/tenants', { roots: true });
      expect(roots.status).toBe(200);
      expect(roots.body.data.map((d: TenantBody) => d.id)).toEqual([x.id, y.id]);

      const search = await as(user).get('/v1/tenants', { search: token });
      expect(search.body.data.map((d: TenantBody) => d.id)).toEqual([x.id, x1.id, y.id]);
      expect(JSON.stringify(search.body)).not.toContain(sibling.id);

      const everything = await as(user).get('/v1/tenants');
      expect(everything.body.data.map((d: TenantBody) => d.id).sort()).toEqual([x.id, x1.id, y.id].sort());

      const platformSearch = await as(platform).get('/v1/tenants', { search: token });
      expect(platformSearch.body.data.map((d: TenantBody) => d.id)).toEqual(expect.arrayContaining([sibling.id, x.id, y.id]));
    });

    it('an API key sees its tenant’s subtree', async () => {
      const token = unique('keysw').replace(/-/g, '');
      const [r, m] = await tree({ name: `${token} r` }, { name: `${token} m` });
      await tree({ name: `${token} elsewhere` });
      const key = await fx.apiKey(r.id, ['read']);
      const res = await request(t.server).get('/v1/tenants').query({ search: token }).set('Authorization', bearer(key));
      expect(res.body.data.map((d: TenantBody) => d.id)).toEqual([m.id, r.id]);
      const roots = await request(t.server).get('/v1/tenants').query({ roots: true }).set('Authorization', bearer(key));
      expect(roots.body.data.map((d: TenantBody) => d.id)).toEqual([r.id]);
    });
  });
});
