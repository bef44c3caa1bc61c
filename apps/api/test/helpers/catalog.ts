/**
 * The isolation rules of ARCHITECTURE.md §2 as a catalog check, shared by the database spec (on the
 * test database) and the RLS spec (which breaks a throwaway copy to prove each rule is enforced):
 *
 * - every table with a tenant_id column has row-level security enabled AND forced;
 * - so do the directory tables that hold per-principal rows (tenants, users, refresh tokens);
 * - a tenant table has a primary key, and it and every unique index lead with tenant_id;
 * - a foreign key into a tenant table pairs tenant_id with tenant_id;
 * - a permissive policy that applies to anyone but the table's owner reads the request context
 *   (one of the rumbo_* setting functions): a policy like `USING (true)` would open the table.
 */

/** Tables without tenant_id that still must never be readable without a context. */
export const PRINCIPAL_TABLES = ['tenants', 'users', 'refresh_tokens'];

/** Something with a query method: a pg Client (returns { rows }) or a TypeORM DataSource (returns rows). */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

async function rows<T>(db: Queryable, sql: string, params: unknown[] = []): Promise<T[]> {
  const result = await db.query(sql, params);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** Tables of the public schema that carry tenant_id (optionally ignoring some, e.g. test-only probes). */
export async function tenantTables(db: Queryable, options: { exclude?: RegExp } = {}): Promise<string[]> {
  const list = await rows<{ table: string }>(
    db,
    `SELECT c.relname AS table FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
        AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
      ORDER BY c.relname`,
  );
  return list.map((r) => r.table).filter((t) => !options.exclude?.test(t));
}

/** Every breach of the rules above, one readable line each; [] when the schema complies. */
export async function tenantCatalogViolations(db: Queryable): Promise<string[]> {
  const violations: string[] = [];

  const secured = await rows<{ table: string; tenant: boolean; rls: boolean; forced: boolean }>(
    db,
    `SELECT c.relname AS table, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
            EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped) AS tenant
       FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
        AND (c.relname = ANY ($1::text[])
             OR EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped))
      ORDER BY c.relname`,
    [PRINCIPAL_TABLES],
  );
  for (const t of secured) {
    if (!t.rls) violations.push(`${t.table}: row level security is not enabled`);
    if (!t.forced) violations.push(`${t.table}: row level security is not forced`);
  }

  const withoutPk = await rows<{ table: string }>(
    db,
    `SELECT c.relname AS table FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
        AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
        AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary)`,
  );
  for (const t of withoutPk) violations.push(`${t.table}: has no primary key`);

  const keys = await rows<{ table: string; index: string; first: string | null }>(
    db,
    `SELECT c.relname AS table, i.indexrelid::regclass::text AS index, a.attname AS first
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indrelid
       LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
      WHERE (i.indisunique OR i.indisprimary) AND c.relnamespace = 'public'::regnamespace
        AND EXISTS (SELECT 1 FROM pg_attribute t WHERE t.attrelid = i.indrelid AND t.attname = 'tenant_id' AND NOT t.attisdropped)
      ORDER BY 1, 2`,
  );
  for (const k of keys) {
    if (k.first !== 'tenant_id') violations.push(`${k.table}: unique index ${k.index} does not lead with tenant_id`);
  }

  const foreignKeys = await rows<{ table: string; fk: string; referenced: string; paired: boolean }>(
    db,
    `SELECT c.conrelid::regclass::text AS table, c.conname AS fk, c.confrelid::regclass::text AS referenced,
            EXISTS (SELECT 1 FROM unnest(c.conkey, c.confkey) AS k(src, dst)
                      JOIN pg_attribute s ON s.attrelid = c.conrelid AND s.attnum = k.src
                      JOIN pg_attribute d ON d.attrelid = c.confrelid AND d.attnum = k.dst
                     WHERE s.attname = 'tenant_id' AND d.attname = 'tenant_id') AS paired
       FROM pg_constraint c
      WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
        AND EXISTS (SELECT 1 FROM pg_attribute t WHERE t.attrelid = c.confrelid AND t.attname = 'tenant_id' AND NOT t.attisdropped)
      ORDER BY 1, 2`,
  );
  for (const fk of foreignKeys) {
    if (!fk.paired) violations.push(`${fk.table}: foreign key ${fk.fk} into ${fk.referenced} does not carry tenant_id`);
  }

  const policies = await rows<{ table: string; policy: string; qual: string | null; check: string | null }>(
    db,
    `SELECT c.relname AS table, p.polname AS policy,
            pg_get_expr(p.polqual, p.polrelid) AS qual, pg_get_expr(p.polwithcheck, p.polrelid) AS check
       FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
      WHERE c.relnamespace = 'public'::regnamespace AND p.polpermissive
        AND p.polroles <> ARRAY[c.relowner]
        AND (c.relname = ANY ($1::text[])
             OR EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped))
      ORDER BY 1, 2`,
    [PRINCIPAL_TABLES],
  );
  for (const p of policies) {
    const expressions = [p.qual, p.check].filter((e): e is string => e !== null);
    if (expressions.length === 0 || expressions.some((e) => !/\brumbo_\w+\(/.test(e))) {
      violations.push(`${p.table}: policy ${p.policy} does not read the request context`);
    }
  }
  return violations;
}
