import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createDataSource } from '../src/platform/database/data-source';
import { schema } from '../src/schema';
import { DbSession, type SessionSettings } from '../src/platform/database/db-session';
import { uuidv7 } from '../src/platform/database/uuid';
import { tenantCatalogViolations, tenantTables } from './helpers/catalog';
import { Fixtures } from './helpers/fixtures';
import { createProbeSchema, dropProbeSchema } from './helpers/probe-schema';
import { testDatabaseUrls } from './helpers/test-env';

describe('database platform', () => {
  const { ownerUrl, appUrl } = testDatabaseUrls();
  let app: DataSource;

  beforeAll(async () => {
    await createProbeSchema(ownerUrl, appUrl);
    app = createDataSource(appUrl, schema, { poolSize: 2 });
    await app.initialize();
  });
  afterAll(async () => {
    await app?.destroy();
    await dropProbeSchema(ownerUrl);
  });

  it('the runtime role is neither superuser nor BYPASSRLS, and owns no table', async () => {
    const [role] = await app.query(
      `SELECT r.rolsuper, r.rolbypassrls, r.rolcreaterole, r.rolcreatedb,
              (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid AND c.relnamespace = 'public'::regnamespace) AS owned
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false, owned: 0 });
  });

  it('the runtime role cannot touch the migrations table', async () => {
    await expect(app.query('SELECT * FROM typeorm_migrations')).rejects.toMatchObject({ driverError: { code: '42501' } });
  });

  it('migrations are complete: generating one against the migrated database yields nothing', async () => {
    const owner = createDataSource(ownerUrl, schema, { poolSize: 1 });
    await owner.initialize();
    try {
      expect(await owner.showMigrations()).toBe(false);
      const pending = await owner.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await owner.destroy();
    }
  });

  it('every table with tenant_id has forced RLS and tenant_id leading every key and foreign key', async () => {
    // The rules themselves live in helpers/catalog.ts; rls.e2e-spec.ts proves each one fails when broken.
    expect(await tenantTables(app)).toEqual(expect.arrayContaining(['memberships', 'api_keys', 'audit_events']));
    expect(await tenantCatalogViolations(app)).toEqual([]);
  });

  describe('tenant transactions and the RLS policy pattern', () => {
    const db = () => new DbSession(app);
    const parent = uuidv7();
    const child = uuidv7();
    const stranger = uuidv7();

    beforeAll(async () => {
      for (const [tenant, code] of [
        [parent, 'p-1'],
        [child, 'c-1'],
        [stranger, 's-1'],
      ] as const) {
        await db().transaction({ tenantId: tenant, readableTenantIds: [tenant] }, (em) =>
          em.query('INSERT INTO probe_items (tenant_id, id, code) VALUES ($1, $2, $3)', [tenant, uuidv7(), code]),
        );
      }
    });

    it('a tenant reads its own rows and those of the descendants it may read, nothing else', async () => {
      const own = await db().transaction({ tenantId: child, readableTenantIds: [child] }, (em) =>
        em.query('SELECT code FROM probe_items ORDER BY code'),
      );
      expect(own).toEqual([{ code: 'c-1' }]);
      const withDescendants = await db().transaction({ tenantId: parent, readableTenantIds: [parent, child] }, (em) =>
        em.query('SELECT code FROM probe_items ORDER BY code'),
      );
      expect(withDescendants).toEqual([{ code: 'c-1' }, { code: 'p-1' }]);
    });

    describe('descendants read by their subtree root (readableDescendantsOf), not listed', () => {
      let fx: Fixtures;
      let tree: Record<'region' | 'province' | 'town' | 'village' | 'sibling', string>;
      beforeAll(async () => {
        fx = await Fixtures.open();
        const region = await fx.tenant({ kind: 'region' });
        const province = await fx.tenant({ kind: 'province', parentId: region.id });
        const town = await fx.tenant({ parentId: province.id });
        const village = await fx.tenant({ parentId: town.id });
        const sibling = await fx.tenant({ kind: 'province', parentId: region.id });
        tree = { region: region.id, province: province.id, town: town.id, village: village.id, sibling: sibling.id };
        for (const [name, id] of Object.entries(tree)) {
          await db().transaction({ tenantId: id, readableTenantIds: [id] }, (em) =>
            em.query('INSERT INTO probe_items (tenant_id, id, code) VALUES ($1, $2, $3)', [id, uuidv7(), `sub-${name}`]),
          );
        }
      });
      afterAll(async () => {
        await fx?.close();
      });
      const codes = (settings: SessionSettings) =>
        db()
          .transaction(settings, (em) => em.query(`SELECT code FROM probe_items WHERE code LIKE 'sub-%' ORDER BY code`))
          .then((rows: { code: string }[]) => rows.map((r) => r.code));

      it('rows of every tenant below the root, at any depth, and of the listed ones; never above or beside', async () => {
        const { province } = tree;
        expect(await codes({ tenantId: province, readableTenantIds: [province], readableDescendantsOf: [province] })).toEqual([
          'sub-province',
          'sub-town',
          'sub-village',
        ]);
        // Descendants only: the root itself is read when it is listed too.
        expect(await codes({ tenantId: tree.town, readableTenantIds: [tree.town], readableDescendantsOf: [province] })).toEqual([
          'sub-town',
          'sub-village',
        ]);
      });

      it('a descendant is read only where the directory shows it to the transaction', async () => {
        // Below the region, but the sibling is outside what this context may see in the directory.
        expect(await codes({ tenantId: tree.province, readableTenantIds: [tree.province], readableDescendantsOf: [tree.region] })).toEqual([
          'sub-province',
          'sub-town',
          'sub-village',
        ]);
        expect(await codes({ platform: true, readableDescendantsOf: [tree.region] })).toEqual([
          'sub-province',
          'sub-sibling',
          'sub-town',
          'sub-village',
        ]);
      });

      it('writes stay confined to the scope tenant', async () => {
        const settings = { tenantId: tree.province, readableTenantIds: [tree.province], readableDescendantsOf: [tree.province] };
        const updated = await db().transaction(settings, (em) =>
          em.query(`UPDATE probe_items SET code = code || '-x' WHERE tenant_id = $1`, [tree.town]),
        );
        expect(updated[1]).toBe(0);
        await expect(
          db().transaction(settings, (em) =>
            em.query('INSERT INTO probe_items (tenant_id, id, code) VALUES ($1, $2, $3)', [tree.town, uuidv7(), 'forged']),
          ),
        ).rejects.toMatchObject({ driverError: { code: '42501' } });
      });

      it('refuses a subtree root that is not a UUID', async () => {
        await expect(db().transaction({ readableDescendantsOf: ['x'] }, async () => 1)).rejects.toThrow(/readable subtree/);
      });
    });

    it('writes are confined to the scope tenant, even for readable descendants', async () => {
      await expect(
        db().transaction({ tenantId: parent, readableTenantIds: [parent, child] }, (em) =>
          em.query('INSERT INTO probe_items (tenant_id, id, code) VALUES ($1, $2, $3)', [child, uuidv7(), 'forged']),
        ),
      ).rejects.toMatchObject({ driverError: { code: '42501' } });
      const updated = await db().transaction({ tenantId: parent, readableTenantIds: [parent, child] }, (em) =>
        em.query(`UPDATE probe_items SET code = code || '-x' WHERE tenant_id = $1`, [child]),
      );
      expect(updated[1]).toBe(0);
    });

    it('a query with no tenant context sees zero rows and cannot write', async () => {
      expect(await app.query('SELECT count(*)::int AS n FROM probe_items')).toEqual([{ n: 0 }]);
      await expect(
        app.query('INSERT INTO probe_items (tenant_id, id, code) VALUES ($1, $2, $3)', [parent, uuidv7(), 'x']),
      ).rejects.toMatchObject({
        driverError: { code: '42501' },
      });
    });

    it('the context never leaks across pooled connections (interleaved tenants, pool of 2)', async () => {
      const runs = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? parent : stranger));
      const seen = await Promise.all(
        runs.map((tenant) =>
          db().transaction({ tenantId: tenant, readableTenantIds: [tenant] }, async (em) => {
            await em.query('SELECT pg_sleep(0.002)');
            const rows: { tenant_id: string }[] = await em.query('SELECT tenant_id FROM probe_items');
            return { tenant, rows };
          }),
        ),
      );
      for (const { tenant, rows } of seen) {
        expect(rows.length).toBe(1);
        expect(rows.every((r) => r.tenant_id === tenant)).toBe(true);
      }
      // After all those transactions, the pooled connections carry no context.
      const after = await Promise.all([
        app.query(`SELECT current_setting('app.tenant_id', true) AS t`),
        app.query('SELECT count(*)::int AS n FROM probe_items'),
      ]);
      expect(after[0][0].t ?? '').toBe('');
      expect(after[1]).toEqual([{ n: 0 }]);
    });

    it('refuses to open a transaction without a valid scope', async () => {
      await expect(db().transaction({ tenantId: 'not-a-uuid', readableTenantIds: ['not-a-uuid'] }, async () => 1)).rejects.toThrow(
        /tenantId/,
      );
      await expect(db().transaction({ tenantId: parent, readableTenantIds: [child] }, async () => 1)).rejects.toThrow(/own tenant/);
    });
  });

  it('the owner connection is a different role from the runtime one', async () => {
    const owner = new Client({ connectionString: ownerUrl });
    await owner.connect();
    try {
      const [{ current_user: ownerRole }] = (await owner.query('SELECT current_user')).rows;
      const [{ current_user: appRole }] = await app.query('SELECT current_user');
      expect(appRole).not.toBe(ownerRole);
    } finally {
      await owner.end();
    }
  });
});
