import { Client } from 'pg';
import pino from 'pino';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../src/platform/config/app-config';
import { withCredentials } from '../src/platform/database/connection-url';
import { prepareDatabase } from '../src/platform/database/database-bootstrap';
import { createDataSource } from '../src/platform/database/data-source';
import { DbSession, type SessionSettings } from '../src/platform/database/db-session';
import { uuidv7 } from '../src/platform/database/uuid';
import { schema } from '../src/schema';
import { PRINCIPAL_TABLES, tenantCatalogViolations, tenantTables } from './helpers/catalog';
import { bearer, Fixtures, login, RUN, unique, type Tokens, type UserFixture } from './helpers/fixtures';
import { createAssessment, importModel, smallModel, smallModelAnswers, uniqueModelKey } from './helpers/maturity';
import { createTestApp, type TestApp } from './helpers/test-app';
import { testDatabaseUrls } from './helpers/test-env';

/** Test-only tables other specs create and drop while this one runs. */
const NOT_PRODUCT = /^probe_/;

/**
 * Global reference data without tenant_id that tenants may read without a context (ARCHITECTURE.md §2:
 * platform-published catalogues). List such a table here deliberately when one arrives. Each also
 * holds tenant-owned rows (`owner_tenant_id`): without a context only the global ones (owner null) may show.
 */
const GLOBAL_TABLES: string[] = ['maturity_models', 'maturity_model_versions'];

/** Rolls back whatever the work did; returns its result. */
class Rollback<T> extends Error {
  constructor(readonly value: T) {
    super('rollback');
  }
}

describe('row-level security', () => {
  const { ownerUrl, appUrl } = testDatabaseUrls();
  let t: TestApp;
  let fx: Fixtures;
  let runtime: DataSource;
  let db: DbSession;
  const tenants: { a: string; b: string } = { a: '', b: '' };
  const members: Record<'a' | 'b', UserFixture | undefined> = { a: undefined, b: undefined };
  /** Maturity models each tenant owns (besides the global one every tenant uses). */
  const ownModels: Record<'a' | 'b', string> = { a: '', b: '' };

  async function asRuntime<T>(settings: SessionSettings | null, work: (q: (sql: string, params?: unknown[]) => Promise<T>) => Promise<T>) {
    if (!settings) return work((sql, params) => runtime.query(sql, params));
    return db.transaction(settings, (m) => work((sql, params) => m.query(sql, params)));
  }

  /** Runs work in a tenant transaction and rolls it back, whatever it changed. */
  async function inRolledBack<T>(
    settings: SessionSettings,
    work: (q: (sql: string, params?: unknown[]) => Promise<unknown>) => Promise<T>,
  ) {
    try {
      await db.transaction(settings, async (m) => {
        throw new Rollback(await work((sql, params) => m.query(sql, params)));
      });
    } catch (error) {
      if (error instanceof Rollback) return error.value as T;
      throw error;
    }
    throw new Error('unreachable');
  }

  const scope = (tenantId: string): SessionSettings => ({ tenantId, readableTenantIds: [tenantId] });

  beforeAll(async () => {
    t = await createTestApp();
    fx = await Fixtures.open();
    runtime = createDataSource(appUrl, schema, { poolSize: 2, applicationName: 'rumbo-test-rls' });
    await runtime.initialize();
    db = new DbSession(runtime);

    // Seed every tenant table for two tenants, through the API wherever it can write them.
    const platform = await login(t, await fx.user({ platformAdmin: true }));
    const globalVersion = await importModel(t, platform, smallModel(uniqueModelKey('rls-global')), { publish: true });
    for (const side of ['a', 'b'] as const) {
      const created = await request(t.server)
        .post('/v1/tenants')
        .set('Authorization', bearer(platform))
        .send({ code: unique(`rls-${side}`), kind: 'region', name: unique(`RLS ${side}`) });
      expect(created.status).toBe(201);
      tenants[side] = created.body.id;
      members[side] = await fx.user({ memberships: [{ tenantId: created.body.id, role: 'admin' }] });
      const admin: Tokens = await login(t, members[side]);
      const auth = bearer(admin);
      const key = await request(t.server)
        .post(`/v1/tenants/${created.body.id}/api-keys`)
        .set('Authorization', auth)
        .send({ name: 'rls probe', scopes: ['read'] });
      expect(key.status).toBe(201);
      const invitation = await request(t.server)
        .post(`/v1/tenants/${created.body.id}/invitations`)
        .set('Authorization', auth)
        .send({ email: `${unique('rls-invitee')}@test.example`, role: 'viewer' });
      expect(invitation.status).toBe(201);
      // Maturity: a model the tenant owns, and an answered, submitted assessment (answers and a score).
      ownModels[side] = (
        await importModel(t, admin, smallModel(uniqueModelKey(`rls-${side}`)), { tenantId: created.body.id, publish: true })
      ).modelId;
      await createAssessment(t, admin, created.body.id, globalVersion.id, { answers: smallModelAnswers(), submit: true });
      // Frictions: settings, an own area, and a friction with a line and a root cause in the tenant's model.
      const frictions = `/v1/tenants/${created.body.id}`;
      const settings = await request(t.server)
        .put(`${frictions}/friction-settings`)
        .set('Authorization', auth)
        .send({ staffTariffPerHour: 40, businessTariffPerHour: 45, currency: 'EUR' });
      expect(settings.status).toBe(200);
      const area = await request(t.server)
        .post(`${frictions}/friction-areas`)
        .set('Authorization', auth)
        .send({ key: 'rls-area', name: { es: 'Zona', en: 'Zone' } });
      expect(area.status).toBe(201);
      const friction = await request(t.server)
        .post(`${frictions}/frictions`)
        .set('Authorization', auth)
        .send({
          title: `RLS ${side}`,
          area: 'rls-area',
          burdens: [{ audience: 'staff', population: 10, frequencyPerYear: 1, minutesPerOccurrence: 60 }],
          rootCauses: [{ modelId: ownModels[side], areaKey: 'tech', dimensionKey: 'tech.data' }],
        });
      expect(friction.status).toBe(201);
    }
  });
  afterAll(async () => {
    await runtime?.destroy();
    await fx?.close();
    await t?.close();
  });

  describe('data-level isolation of every tenant table', () => {
    let tables: string[];
    beforeAll(async () => {
      tables = await tenantTables(fx, { exclude: NOT_PRODUCT });
    });

    it('has rows of both tenants in every table with tenant_id (a new table must be seeded here)', async () => {
      expect(tables).toEqual(expect.arrayContaining(['memberships', 'invitations', 'api_keys', 'audit_events']));
      const unseeded: string[] = [];
      for (const table of tables) {
        for (const [side, id] of Object.entries(tenants)) {
          const [{ n }] = await fx.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}" WHERE tenant_id = $1`, [id]);
          if (n === 0) unseeded.push(`${table} has no row of tenant ${side}`);
        }
      }
      expect(unseeded).toEqual([]);
    });

    it("in tenant A's context each table shows all of A's rows and nothing else (and likewise for B)", async () => {
      const leaks: string[] = [];
      for (const table of tables) {
        for (const [side, id] of Object.entries(tenants)) {
          const [{ n: expected }] = await fx.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}" WHERE tenant_id = $1`, [id]);
          const seen = await asRuntime<{ tenant_id: string }[]>(scope(id), (q) => q(`SELECT tenant_id FROM "${table}"`));
          const foreign = seen.filter((r) => r.tenant_id !== id);
          if (foreign.length) leaks.push(`${table} in ${side}'s context shows ${foreign.length} rows of other tenants`);
          if (seen.length !== expected) leaks.push(`${table} in ${side}'s context shows ${seen.length} of its ${expected} rows`);
        }
      }
      expect(leaks).toEqual([]);
    });

    it('with no context every table (tenant, directory and user tables alike) shows zero rows', async () => {
      const all = await fx.query<{ table: string }>(
        `SELECT relname AS table FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p')
            AND relname <> 'typeorm_migrations' ORDER BY 1`,
      );
      const names = all.map((r) => r.table).filter((n) => !NOT_PRODUCT.test(n) && !GLOBAL_TABLES.includes(n));
      expect(names).toEqual(expect.arrayContaining([...PRINCIPAL_TABLES, ...tables]));
      const problems: string[] = [];
      for (const table of names) {
        const [{ n }] = await asRuntime<{ n: number }[]>(null, (q) => q(`SELECT count(*)::int AS n FROM "${table}"`));
        const [{ n: inDb }] = await fx.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`);
        if (inDb === 0) problems.push(`${table}: empty, so this proves nothing (seed it in beforeAll)`);
        if (n !== 0) problems.push(`${table}: ${n} rows visible without a context`);
      }
      expect(problems).toEqual([]);
    });

    it('global reference tables show only their global rows without a context, and a tenant the global rows plus its own', async () => {
      const problems: string[] = [];
      for (const table of GLOBAL_TABLES) {
        const [{ global, owned }] = await fx.query<{ global: number; owned: number }>(
          `SELECT (count(*) FILTER (WHERE owner_tenant_id IS NULL))::int AS global,
                  (count(*) FILTER (WHERE owner_tenant_id = ANY ($1::uuid[])))::int AS owned FROM "${table}"`,
          [[tenants.a, tenants.b]],
        );
        if (global === 0 || owned === 0)
          problems.push(`${table}: needs global and tenant-owned rows to prove anything (seed them in beforeAll)`);
        const seen = await asRuntime<{ owner: string | null }[]>(null, (q) => q(`SELECT owner_tenant_id AS owner FROM "${table}"`));
        const ownedVisible = seen.filter((r) => r.owner !== null).length;
        if (ownedVisible !== 0) problems.push(`${table}: ${ownedVisible} tenant-owned rows visible without a context`);
        if (seen.length !== global) problems.push(`${table}: ${seen.length} of its ${global} global rows visible without a context`);

        for (const [side, other] of [
          ['a', 'b'],
          ['b', 'a'],
        ] as const) {
          const [{ own }] = await fx.query<{ own: number }>(`SELECT count(*)::int AS own FROM "${table}" WHERE owner_tenant_id = $1`, [
            tenants[side],
          ]);
          const rows = await asRuntime<{ owner: string | null }[]>(scope(tenants[side]), (q) =>
            q(`SELECT owner_tenant_id AS owner FROM "${table}"`),
          );
          const foreign = rows.filter((r) => r.owner !== null && r.owner !== tenants[side]).length;
          if (foreign !== 0) problems.push(`${table} in ${side}'s context shows ${foreign} rows owned by other tenants`);
          if (rows.some((r) => r.owner === tenants[other])) problems.push(`${table} in ${side}'s context shows ${other}'s rows`);
          if (rows.filter((r) => r.owner === null).length !== global) problems.push(`${table} in ${side}'s context misses global rows`);
          if (rows.filter((r) => r.owner === tenants[side]).length !== own)
            problems.push(`${table} in ${side}'s context misses its own rows`);
        }
      }
      expect(problems).toEqual([]);
      // The models the tenants imported are among them: B's own model is invisible in A's context.
      const inA = await asRuntime<{ id: string }[]>(scope(tenants.a), (q) =>
        q('SELECT id FROM maturity_models WHERE id = ANY ($1::uuid[])', [[ownModels.a, ownModels.b]]),
      );
      expect(inA.map((r) => r.id)).toEqual([ownModels.a]);
    });

    it("in a tenant's context global rows and other tenants' models cannot be changed, nor its own moved away", async () => {
      const breaches: string[] = [];
      for (const table of GLOBAL_TABLES) {
        for (const [label, sql, params] of [
          ['update global rows', `UPDATE "${table}" SET owner_tenant_id = owner_tenant_id WHERE owner_tenant_id IS NULL`, []],
          ['delete global rows', `DELETE FROM "${table}" WHERE owner_tenant_id IS NULL`, []],
          ["update B's rows", `UPDATE "${table}" SET owner_tenant_id = owner_tenant_id WHERE owner_tenant_id = $1`, [tenants.b]],
          ["delete B's rows", `DELETE FROM "${table}" WHERE owner_tenant_id = $1`, [tenants.b]],
          ["move A's rows into B", `UPDATE "${table}" SET owner_tenant_id = $1 WHERE owner_tenant_id = $2`, [tenants.b, tenants.a]],
          ["make A's rows global", `UPDATE "${table}" SET owner_tenant_id = NULL WHERE owner_tenant_id = $1`, [tenants.a]],
        ] as const) {
          try {
            const result = await inRolledBack(scope(tenants.a), (q) => q(sql, [...params]));
            const affected = Array.isArray(result) ? (result[1] as number) : 0;
            if (affected !== 0) breaches.push(`${table}: ${label} affected ${affected} rows`);
          } catch (error) {
            // 42501: row-level security refused the new row; 23514: a published version is immutable.
            const code = (error as { driverError?: { code?: string }; code?: string }).driverError?.code;
            if (code !== '42501' && code !== '23514') breaches.push(`${table}: ${label} failed with ${code ?? String(error)}`);
          }
        }
      }
      expect(breaches).toEqual([]);
    });

    it('a tenant context shows only that tenant in the directory, and users only as members of A', async () => {
      const directory = await asRuntime<{ id: string }[]>(scope(tenants.a), (q) => q('SELECT id FROM tenants'));
      expect(directory.map((r) => r.id)).toEqual([tenants.a]);
      const users = await asRuntime<{ id: string }[]>(scope(tenants.a), (q) => q('SELECT id FROM users'));
      expect(users.map((r) => r.id)).toContain(members.a?.id);
      expect(users.map((r) => r.id)).not.toContain(members.b?.id);
      // Sessions are a user's own: no tenant context reveals them.
      expect(await asRuntime(scope(tenants.a), (q) => q('SELECT id FROM refresh_tokens'))).toEqual([]);
    });

    it("in A's context no statement can change B's rows or move A's rows to B", async () => {
      const breaches: string[] = [];
      for (const table of tables) {
        for (const [label, sql, params] of [
          ["update B's rows", `UPDATE "${table}" SET tenant_id = tenant_id WHERE tenant_id = $1`, [tenants.b]],
          ["delete B's rows", `DELETE FROM "${table}" WHERE tenant_id = $1`, [tenants.b]],
          ["move A's rows into B", `UPDATE "${table}" SET tenant_id = $1 WHERE tenant_id = $2`, [tenants.b, tenants.a]],
        ] as const) {
          try {
            const result = await inRolledBack(scope(tenants.a), (q) => q(sql, [...params]));
            const affected = Array.isArray(result) ? (result[1] as number) : 0;
            if (affected !== 0) breaches.push(`${table}: ${label} affected ${affected} rows`);
          } catch (error) {
            const code = (error as { driverError?: { code?: string }; code?: string }).driverError?.code;
            if (code !== '42501') breaches.push(`${table}: ${label} failed with ${code ?? String(error)}`);
          }
        }
      }
      expect(breaches).toEqual([]);
      await expect(
        inRolledBack(scope(tenants.a), (q) =>
          q(
            `INSERT INTO api_keys (tenant_id, id, name, scopes, prefix, last_four, secret_hash) VALUES ($1, $2, 'x', '{read}', 'x', 'x', 'x')`,
            [tenants.b, uuidv7()],
          ),
        ),
      ).rejects.toMatchObject({ driverError: { code: '42501' } });
    });
  });

  describe('the catalog check fails when RLS is turned off (throwaway database)', () => {
    const name = `rumbo_rlsoff_${RUN.replace(/[^a-z0-9]/g, '')}`;
    let owner: Client;

    beforeAll(async () => {
      await fx.query(`CREATE DATABASE "${name}"`);
      const throwawayOwner = withCredentials(ownerUrl, { database: name });
      // The existing runtime role (DATABASE_APP_URL): deriving one would reset the shared role's password.
      const config = loadConfig({
        NODE_ENV: 'test',
        DATABASE_URL: throwawayOwner,
        DATABASE_APP_URL: withCredentials(appUrl, { database: name }),
      });
      const prepared = await prepareDatabase(config, schema, pino({ level: 'silent' }));
      await prepared.close();
      owner = new Client({ connectionString: throwawayOwner });
      await owner.connect();
    });
    afterAll(async () => {
      await owner?.end();
      await fx.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });

    it('passes on the freshly migrated database', async () => {
      expect(await tenantTables(owner)).toEqual(expect.arrayContaining(['memberships', 'invitations', 'api_keys', 'audit_events']));
      expect(await tenantCatalogViolations(owner)).toEqual([]);
    });

    it('reports each tenant and directory table whose RLS is disabled, or no longer forced', async () => {
      const tables = [...(await tenantTables(owner)), ...PRINCIPAL_TABLES];
      expect(tables.length).toBeGreaterThanOrEqual(7);
      for (const table of tables) {
        await owner.query(`ALTER TABLE "${table}" DISABLE ROW LEVEL SECURITY`);
        expect(await tenantCatalogViolations(owner)).toEqual([`${table}: row level security is not enabled`]);
        await owner.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);

        await owner.query(`ALTER TABLE "${table}" NO FORCE ROW LEVEL SECURITY`);
        expect(await tenantCatalogViolations(owner)).toEqual([`${table}: row level security is not forced`]);
        await owner.query(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`);
      }
      expect(await tenantCatalogViolations(owner)).toEqual([]);
    });

    it('reports keys and foreign keys that do not carry tenant_id, and policies that ignore the context', async () => {
      await owner.query('CREATE UNIQUE INDEX rlsoff_api_keys_id ON api_keys (id)');
      await owner.query(`CREATE TABLE rlsoff_notes (tenant_id uuid NOT NULL, id uuid PRIMARY KEY,
        key_id uuid CONSTRAINT fk_rlsoff_notes_key REFERENCES api_keys (id))`);
      await owner.query('CREATE POLICY rlsoff_open ON invitations FOR SELECT USING (true)');
      try {
        expect((await tenantCatalogViolations(owner)).sort()).toEqual(
          [
            'api_keys: unique index rlsoff_api_keys_id does not lead with tenant_id',
            'invitations: policy rlsoff_open does not read the request context',
            'rlsoff_notes: row level security is not enabled',
            'rlsoff_notes: row level security is not forced',
            'rlsoff_notes: unique index rlsoff_notes_pkey does not lead with tenant_id',
            'rlsoff_notes: foreign key fk_rlsoff_notes_key into api_keys does not carry tenant_id',
          ].sort(),
        );
      } finally {
        await owner.query('DROP POLICY rlsoff_open ON invitations');
        await owner.query('DROP TABLE rlsoff_notes');
        await owner.query('DROP INDEX rlsoff_api_keys_id');
      }
      expect(await tenantCatalogViolations(owner)).toEqual([]);
    });
  });

  describe('what the runtime role cannot do', () => {
    const SIGN_IN_LOOKUPS = ['rumbo_auth_api_key', 'rumbo_auth_invitation', 'rumbo_auth_refresh_token_user', 'rumbo_auth_user_by_email'];
    /** The benchmark's anonymous peer scores (METHOD.md §2): no tenant, no assessment id. */
    const BENCHMARK_LOOKUPS = ['rumbo_maturity_cohort'];
    /** Opens an authenticated request: the principal's roots and the path tenant, context set (RequestAccess). */
    const REQUEST_ACCESS = ['rumbo_open_request'];
    /** Whether an access token's session is still live: a boolean, nothing else (SessionRevocation). */
    const SESSION_CHECK = ['rumbo_session_active'];
    const DEFINERS = [...SIGN_IN_LOOKUPS, ...BENCHMARK_LOOKUPS, ...REQUEST_ACCESS, ...SESSION_CHECK].sort();

    it('cannot update, delete or truncate the audit trail (42501), nor forge events for another tenant', async () => {
      for (const sql of [
        `UPDATE audit_events SET action = action WHERE tenant_id = $1`,
        `DELETE FROM audit_events WHERE tenant_id = $1`,
        `TRUNCATE audit_events`,
      ]) {
        await expect(inRolledBack(scope(tenants.a), (q) => q(sql, sql.includes('$1') ? [tenants.a] : []))).rejects.toMatchObject({
          driverError: { code: '42501' },
        });
      }
      await expect(
        inRolledBack(scope(tenants.a), (q) =>
          q(
            `INSERT INTO audit_events (tenant_id, seq, id, occurred_at, actor_type, action, entity_type, prev_hash, hash)
             VALUES ($1, 999999, $2, now(), 'system', 'forged', 'x', 'x', 'x')`,
            [tenants.b, uuidv7()],
          ),
        ),
      ).rejects.toMatchObject({ driverError: { code: '42501' } });
      // It can read and append in its own tenant: that is all the API needs.
      const [{ n }] = await asRuntime<{ n: number }[]>(scope(tenants.a), (q) => q('SELECT count(*)::int AS n FROM audit_events'));
      expect(n).toBeGreaterThan(0);
    });

    it('cannot switch row-level security off, change policies, or become another role', async () => {
      const refused = async (sql: string) =>
        expect(inRolledBack(scope(tenants.a), (q) => q(sql))).rejects.toMatchObject({ driverError: { code: '42501' } });
      await refused('SET LOCAL row_security = off; SELECT * FROM api_keys');
      await refused('ALTER TABLE api_keys DISABLE ROW LEVEL SECURITY');
      await refused('ALTER TABLE api_keys NO FORCE ROW LEVEL SECURITY');
      await refused('CREATE POLICY sneaky ON api_keys FOR SELECT USING (true)');
      await refused('DROP POLICY tenant_read ON api_keys');
      await refused(`CREATE FUNCTION sneaky() RETURNS int LANGUAGE sql SECURITY DEFINER AS 'SELECT 1'`);
      const ownerRole = decodeURIComponent(new URL(ownerUrl).username);
      await refused(`SET ROLE "${ownerRole}"`);
      const [{ n }] = await asRuntime<{ n: number }[]>(null, (q) =>
        q('SELECT count(*)::int AS n FROM pg_auth_members WHERE member = (SELECT oid FROM pg_roles WHERE rolname = current_user)'),
      );
      expect(n).toBe(0);
    });

    it('the only SECURITY DEFINER functions are the sign-in, benchmark and request-access look-ups, pinned to a search_path and not executable by PUBLIC', async () => {
      const definers = await fx.query<{ name: string; config: string[] | null; public_execute: boolean; acl_set: boolean }>(
        `SELECT p.proname AS name, p.proconfig AS config, p.proacl IS NOT NULL AS acl_set,
                EXISTS (SELECT 1 FROM aclexplode(p.proacl) x WHERE x.grantee = 0 AND x.privilege_type = 'EXECUTE') AS public_execute
           FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace AND p.prosecdef ORDER BY 1`,
      );
      expect(definers.map((d) => d.name)).toEqual(DEFINERS);
      for (const d of definers) {
        // A NULL ACL means the default one, which lets PUBLIC execute.
        expect(d).toEqual({ ...d, acl_set: true, public_execute: false });
        expect(d.config ?? []).toEqual(expect.arrayContaining([expect.stringMatching(/^search_path=/)]));
      }

      // A brand-new role (PUBLIC's privileges only) can execute none of them.
      const probe = `rumbo_probe_${RUN.replace(/[^a-z0-9]/g, '')}`;
      await fx.query(`CREATE ROLE "${probe}" NOLOGIN`);
      try {
        const executable = await fx.query<{ name: string }>(
          `SELECT p.proname AS name FROM pg_proc p
            WHERE p.pronamespace = 'public'::regnamespace AND p.prosecdef AND has_function_privilege($1, p.oid, 'EXECUTE')`,
          [probe],
        );
        expect(executable).toEqual([]);
      } finally {
        await fx.query(`DROP ROLE "${probe}"`);
      }

      // The runtime role can execute exactly those look-ups, and nothing else that runs with more rights.
      const runtimeExecutable = await asRuntime<{ name: string }[]>(null, (q) =>
        q(
          `SELECT p.proname AS name FROM pg_proc p
            WHERE p.pronamespace = 'public'::regnamespace AND p.prosecdef AND has_function_privilege(p.oid, 'EXECUTE') ORDER BY 1`,
        ),
      );
      expect(runtimeExecutable.map((r) => r.name)).toEqual(DEFINERS);
    });

    it('the benchmark cohort look-up returns anonymous scores only: no tenant, assessment or user column', async () => {
      const [cohort] = await fx.query<{ result: string }>(
        `SELECT pg_get_function_result(p.oid) AS result FROM pg_proc p
          WHERE p.pronamespace = 'public'::regnamespace AND p.proname = 'rumbo_maturity_cohort'`,
      );
      expect(cohort.result).toBe('TABLE(overall numeric, result jsonb)');
    });
  });
});
