import { Client } from 'pg';
import pino from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { loadConfig } from '../src/platform/config/app-config';
import { withCredentials } from '../src/platform/database/connection-url';
import { prepareDatabase } from '../src/platform/database/database-bootstrap';
import { readableTenantCondition } from '../src/platform/database/rls';
import { createDataSource } from '../src/platform/database/data-source';
import { uuidv7 } from '../src/platform/database/uuid';
import { schema } from '../src/schema';
import { TenantAccessService } from '../src/tenancy/access/tenant-access.service';
import type { Principal } from '../src/tenancy/auth/principal';
import { Fixtures, RUN, type ApiKeyFixture, type TenantFixture, type UserFixture } from './helpers/fixtures';
import { createTestApp, type TestApp } from './helpers/test-app';
import { testDatabaseUrls } from './helpers/test-env';

/** What rumbo_open_request returns, and the settings it leaves in the transaction. */
interface Opened {
  root_ids: string[];
  root_roles: (string | null)[];
  tenant_id: string | null;
  ancestors: string[] | null;
  archived_at: Date | null;
  settings: { userId: string; platform: string; roots: string; tenantId: string; tenantIds: string; subtrees: string };
  /** The directory as the runtime role sees it afterwards, in the same transaction (row-level security). */
  visible: string[];
  /** The tenants whose rows a tenant table's read policy shows afterwards (its own condition, as the runtime role). */
  readable: string[];
}

type OpenArgs = [user: string | null, platform: boolean, key: string | null, keyTenant: string | null, tenant: string | null];

const SETTINGS = `SELECT current_setting('app.user_id', true) AS "userId", current_setting('app.platform', true) AS platform,
                         current_setting('app.principal_roots', true) AS roots, current_setting('app.tenant_id', true) AS "tenantId",
                         current_setting('app.tenant_ids', true) AS "tenantIds", current_setting('app.tenant_subtrees', true) AS subtrees`;
const READABLE = `SELECT x.id FROM unnest($1::uuid[]) AS x(id) WHERE ${readableTenantCondition('x.id')} ORDER BY x.id`;

/** Calls rumbo_open_request as the runtime role, in a transaction that is rolled back. */
async function openWith(runtime: DataSource, args: OpenArgs, among: string[], before?: string): Promise<Opened> {
  const runner = runtime.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    if (before) await runner.query(before);
    const [row] = await runner.query('SELECT * FROM rumbo_open_request($1, $2, $3, $4, $5)', args);
    const [settings] = await runner.query(SETTINGS);
    const visible: { id: string }[] = await runner.query('SELECT id FROM tenants WHERE id = ANY ($1::uuid[]) ORDER BY id', [among]);
    const readable: { id: string }[] = await runner.query(READABLE, [among]);
    return { ...row, settings, visible: visible.map((r) => r.id), readable: readable.map((r) => r.id) };
  } finally {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    await runner.release();
  }
}

const sorted = (ids: string[]) => [...ids].sort();

/**
 * The function's answers for one directory: a region with a province and a municipality below, and
 * an unrelated root. Run on the test database (owner: a superuser in CI) and on a throwaway one whose
 * owner is an ordinary role under the forced policies, where it must give the same answers.
 */
function behavesAsSpecified(setup: () => { runtime: DataSource; tree: Tree }) {
  const open = (args: OpenArgs, before?: string) => {
    const { runtime, tree } = setup();
    return openWith(runtime, args, [tree.region, tree.province, tree.town, tree.other], before);
  };

  it("a member of the region opening the province: its roots, the province's place in the tree, and the full context", async () => {
    const { tree } = setup();
    const opened = await open([tree.viewer, false, null, null, tree.province]);
    expect(opened).toMatchObject({
      root_ids: [tree.region],
      root_roles: ['viewer'],
      tenant_id: tree.province,
      ancestors: [tree.region],
      archived_at: null,
      settings: {
        userId: tree.viewer,
        platform: '',
        roots: tree.region,
        tenantId: tree.province,
        // The tenant itself, and its subtree by its root: never the list of its descendants.
        tenantIds: tree.province,
        subtrees: tree.province,
      },
    });
    // The settings outlive the call: the runtime role's directory is now the member's subtree…
    expect(opened.visible).toEqual(sorted([tree.region, tree.province, tree.town]));
    // …and tenant tables show the rows of the province and of everything below it, nothing else.
    expect(opened.readable).toEqual(sorted([tree.province, tree.town]));
  });

  it('a tenant outside the principal’s roots: not returned, and no tenant scope is set', async () => {
    const { tree } = setup();
    const opened = await open([tree.outsider, false, null, null, tree.province]);
    expect(opened).toMatchObject({
      root_ids: [tree.other],
      root_roles: ['admin'],
      tenant_id: null,
      settings: { userId: tree.outsider, roots: tree.other, tenantId: '', tenantIds: '', subtrees: '' },
    });
    expect(opened.visible).toEqual([tree.other]);
    expect(opened.readable).toEqual([]);
  });

  it('a user without memberships reaches nothing, even when the transaction named a tenant before', async () => {
    const { tree } = setup();
    const opened = await open(
      [tree.nobody, false, null, null, tree.province],
      `SELECT set_config('app.tenant_id', '${tree.province}', true), set_config('app.tenant_ids', '${tree.province}', true),
              set_config('app.tenant_subtrees', '${tree.region}', true), set_config('app.principal_roots', '${tree.region}', true)`,
    );
    expect(opened).toMatchObject({
      root_ids: [],
      root_roles: [],
      tenant_id: null,
      settings: { roots: '', tenantId: '', tenantIds: '', subtrees: '' },
    });
    expect(opened.visible).toEqual([]);
    expect(opened.readable).toEqual([]);
  });

  it('a platform administrator opens any tenant with its whole subtree', async () => {
    const { tree } = setup();
    const opened = await open([tree.nobody, true, null, null, tree.region]);
    expect(opened).toMatchObject({
      tenant_id: tree.region,
      ancestors: [],
      settings: { platform: 'on', tenantId: tree.region, tenantIds: tree.region, subtrees: tree.region },
    });
    // The whole subtree, and only it: the unrelated root stays out of its tenant tables.
    expect(opened.readable).toEqual(sorted([tree.region, tree.province, tree.town]));
  });

  it("an API key reaches its tenant's subtree, never above it, and is never a platform administrator", async () => {
    const { tree } = setup();
    const below = await open([null, true, tree.key.id, tree.key.tenantId, tree.town]);
    expect(below).toMatchObject({
      root_ids: [tree.province],
      root_roles: [null],
      tenant_id: tree.town,
      ancestors: [tree.region, tree.province],
      settings: { userId: '', platform: '', roots: tree.province, tenantId: tree.town, tenantIds: tree.town, subtrees: tree.town },
    });
    expect(below.readable).toEqual([tree.town]);
    const above = await open([null, false, tree.key.id, tree.key.tenantId, tree.region]);
    expect(above).toMatchObject({ root_ids: [tree.province], tenant_id: null, settings: { tenantId: '', tenantIds: '', subtrees: '' } });
    expect(above.readable).toEqual([]);
  });

  it('an API key claimed for another tenant, or revoked, opens nothing', async () => {
    const { tree } = setup();
    for (const args of [
      [null, false, tree.key.id, tree.other, tree.other],
      [null, false, tree.key.id, tree.region, tree.province],
      [null, false, tree.revokedKey.id, tree.revokedKey.tenantId, tree.province],
    ] as OpenArgs[]) {
      const opened = await open(args);
      expect(opened).toMatchObject({ root_ids: [], tenant_id: null, settings: { roots: '', tenantId: '', tenantIds: '', subtrees: '' } });
      expect(opened.visible).toEqual([]);
      expect(opened.readable).toEqual([]);
    }
  });

  it('refuses anything but exactly one principal (22023)', async () => {
    const { tree } = setup();
    for (const args of [
      [null, false, null, null, tree.province],
      [tree.viewer, false, tree.key.id, tree.key.tenantId, tree.province],
      [null, false, tree.key.id, null, tree.province],
    ] as OpenArgs[]) {
      await expect(open(args)).rejects.toMatchObject({ driverError: { code: '22023' } });
    }
  });
}

interface Tree {
  region: string;
  province: string;
  town: string;
  other: string;
  viewer: string;
  outsider: string;
  nobody: string;
  key: ApiKeyFixture;
  revokedKey: ApiKeyFixture;
}

describe('opening an authenticated request in one round trip (rumbo_open_request)', () => {
  const { ownerUrl, appUrl } = testDatabaseUrls();
  let fx: Fixtures;
  let runtime: DataSource;
  let tree: Tree;

  beforeAll(async () => {
    fx = await Fixtures.open();
    runtime = createDataSource(appUrl, schema, { poolSize: 2, applicationName: 'rumbo-test-request-access' });
    await runtime.initialize();
    const tenants = await fx.tenantTree({
      code: `ra-region-${RUN}`,
      kind: 'region',
      children: [{ code: `ra-province-${RUN}`, kind: 'province', children: [{ code: `ra-town-${RUN}`, kind: 'municipality' }] }],
    });
    const other: TenantFixture = await fx.tenant({ kind: 'region' });
    const [region, province, town] = [`ra-region-${RUN}`, `ra-province-${RUN}`, `ra-town-${RUN}`].map((c) => tenants.get(c)!.id);
    const viewer: UserFixture = await fx.user({ memberships: [{ tenantId: region, role: 'viewer' }] });
    const outsider = await fx.user({ memberships: [{ tenantId: other.id, role: 'admin' }] });
    const nobody = await fx.user();
    tree = {
      region,
      province,
      town,
      other: other.id,
      viewer: viewer.id,
      outsider: outsider.id,
      nobody: nobody.id,
      key: await fx.apiKey(province, ['read']),
      revokedKey: await fx.apiKey(province, ['read'], { revokedAt: new Date() }),
    };
  });
  afterAll(async () => {
    await runtime?.destroy();
    await fx?.close();
  });

  describe('on the test database', () => {
    behavesAsSpecified(() => ({ runtime, tree }));
  });

  describe('through TenantAccessService', () => {
    let t: TestApp;
    let service: TenantAccessService;
    let dataSource: DataSource;
    beforeAll(async () => {
      t = await createTestApp();
      service = t.app.get(TenantAccessService);
      dataSource = t.app.get(DataSource);
    });
    afterAll(async () => {
      await t?.close();
    });

    /** Runs open() in a transaction that is rolled back; returns the statements it sent and what the work saw. */
    async function opened<T>(
      principal: Principal,
      readOnly: boolean,
      work: (manager: EntityManager) => Promise<T>,
    ): Promise<{ statements: number; result: T }> {
      const runner = dataSource.createQueryRunner();
      await runner.connect();
      try {
        await runner.startTransaction();
        let statements = 0;
        const counting = new Proxy(runner.manager, {
          get: (target, prop, receiver) =>
            prop === 'query'
              ? (...args: Parameters<EntityManager['query']>) => {
                  statements += 1;
                  return target.query(...args);
                }
              : Reflect.get(target, prop, receiver),
        });
        await service.open(counting, principal, { kind: 'tenant', access: 'read' }, tree.province, { readOnly });
        return { statements, result: await work(runner.manager) };
      } finally {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        await runner.release();
      }
    }

    const viewer = (): Principal => ({ kind: 'user', userId: tree.viewer, email: 'viewer@test.example', platformAdmin: false });
    const touch = (m: EntityManager) =>
      m.query('UPDATE tenants SET name = name WHERE id = $1', [tree.province]).then(
        () => 'written',
        (error: { driverError?: { code?: string } }) => error.driverError?.code,
      );

    it('sends one statement, and a read-only request cannot write after it (25006)', async () => {
      expect(await opened(viewer(), true, touch)).toEqual({ statements: 1, result: '25006' });
    });

    it('leaves a writing request writable (row-level security still decides what it may change)', async () => {
      // A viewer may not change the province: the UPDATE matches no row under tenants_update, but runs.
      expect(await opened(viewer(), false, touch)).toEqual({ statements: 1, result: 'written' });
    });

    it('an API key request is one statement too', async () => {
      const key: Principal = {
        kind: 'api_key',
        keyId: tree.key.id,
        tenantId: tree.key.tenantId,
        scopes: ['read'],
        prefix: 'rmb_',
        name: 'k',
      };
      const { statements, result } = await opened(key, true, (m) => m.query(SETTINGS));
      expect(statements).toBe(1);
      expect(result[0]).toMatchObject({ tenantId: tree.province, roots: tree.province });
    });
  });

  describe('when the migration owner is an ordinary role under the forced policies (throwaway database)', () => {
    const suffix = RUN.replace(/[^a-z0-9]/g, '');
    const name = `rumbo_reqaccess_${suffix}`;
    const ownerRole = `rumbo_reqaccess_owner_${suffix}`;
    const password = `pw-${suffix}`;
    let owner: Client;
    let throwawayRuntime: DataSource;
    let throwawayTree: Tree;

    /** Owner writes pass the forced policies like anyone's: inside a context that allows them. */
    async function asOwner<T>(context: { platform?: boolean; tenantId?: string }, sql: string, params: unknown[]): Promise<T[]> {
      await owner.query('BEGIN');
      try {
        await owner.query(`SELECT set_config('app.platform', $1, true), set_config('app.tenant_id', $2, true)`, [
          context.platform ? 'on' : '',
          context.tenantId ?? '',
        ]);
        const { rows } = await owner.query(sql, params);
        await owner.query('COMMIT');
        return rows as T[];
      } catch (error) {
        await owner.query('ROLLBACK');
        throw error;
      }
    }

    beforeAll(async () => {
      await fx.query(`CREATE ROLE "${ownerRole}" LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD '${password}'`);
      await fx.query(`CREATE DATABASE "${name}" OWNER "${ownerRole}"`);
      const throwawayOwner = withCredentials(ownerUrl, { user: ownerRole, password, database: name });
      const config = loadConfig({
        NODE_ENV: 'test',
        DATABASE_URL: throwawayOwner,
        DATABASE_APP_URL: withCredentials(appUrl, { database: name }),
      });
      const prepared = await prepareDatabase(config, schema, pino({ level: 'silent' }));
      await prepared.close();
      owner = new Client({ connectionString: throwawayOwner });
      await owner.connect();
      const [{ rolsuper }] = (await owner.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_roles WHERE rolname = current_user')).rows;
      expect(rolsuper).toBe(false);

      const tenant = async (kind: string, parentId: string | null) => {
        const id = uuidv7();
        await asOwner({ platform: true }, 'INSERT INTO tenants (id, parent_id, kind, code, name) VALUES ($1, $2, $3, $4, $4)', [
          id,
          parentId,
          kind,
          `ra-${kind}-${id}`,
        ]);
        return id;
      };
      const user = async (memberships: { tenantId: string; role: string }[]) => {
        const id = uuidv7();
        await asOwner({ platform: true }, `INSERT INTO users (id, email, name) VALUES ($1, $2, 'x')`, [id, `${id}@test.example`]);
        for (const m of memberships) {
          await asOwner({ tenantId: m.tenantId }, 'INSERT INTO memberships (tenant_id, id, user_id, role) VALUES ($1, $2, $3, $4)', [
            m.tenantId,
            uuidv7(),
            id,
            m.role,
          ]);
        }
        return id;
      };
      const key = async (tenantId: string, revokedAt: Date | null): Promise<ApiKeyFixture> => {
        const id = uuidv7();
        await asOwner(
          { tenantId },
          `INSERT INTO api_keys (tenant_id, id, name, scopes, prefix, last_four, secret_hash, revoked_at)
           VALUES ($1, $2, 'k', '{read}', 'rmb_', 'xxxx', 'x', $3)`,
          [tenantId, id, revokedAt],
        );
        return { id, tenantId, key: '', scopes: ['read'] };
      };
      const region = await tenant('region', null);
      const province = await tenant('province', region);
      const town = await tenant('municipality', province);
      const other = await tenant('region', null);
      throwawayTree = {
        region,
        province,
        town,
        other,
        viewer: await user([{ tenantId: region, role: 'viewer' }]),
        outsider: await user([{ tenantId: other, role: 'admin' }]),
        nobody: await user([]),
        key: await key(province, null),
        revokedKey: await key(province, new Date()),
      };
      throwawayRuntime = createDataSource(withCredentials(appUrl, { database: name }), schema, { poolSize: 1 });
      await throwawayRuntime.initialize();
    });
    afterAll(async () => {
      await throwawayRuntime?.destroy();
      await owner?.end();
      await fx.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await fx.query(`DROP ROLE IF EXISTS "${ownerRole}"`);
    });

    behavesAsSpecified(() => ({ runtime: throwawayRuntime, tree: throwawayTree }));
  });
});
