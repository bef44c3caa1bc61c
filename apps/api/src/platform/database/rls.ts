/**
 * The row-level-security pattern every tenant-owned table uses (ARCHITECTURE.md §2). Migrations call
 * `tenantTableRls('table')` after creating a table whose primary key leads with tenant_id.
 *
 * Reads: rows of the tenants in `app.tenant_ids` (the request's tenant plus the descendants the
 * principal may read). Writes: only rows of `app.tenant_id`. With no context both settings read as
 * NULL and the policy matches nothing, so a query run outside a tenant transaction sees zero rows.
 */
// Wrapped in scalar subqueries so PostgreSQL evaluates them once per statement (an InitPlan), not per row.
const READABLE = '(SELECT rumbo_readable_tenants())::uuid[]';
const CURRENT = '(SELECT rumbo_current_tenant())';

export function tenantTableRls(table: string): string[] {
  const t = quoteIdent(table);
  return [
    `ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${t} FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY tenant_read ON ${t} FOR SELECT USING (tenant_id = ANY (${READABLE}))`,
    `CREATE POLICY tenant_insert ON ${t} FOR INSERT WITH CHECK (tenant_id = ${CURRENT})`,
    `CREATE POLICY tenant_update ON ${t} FOR UPDATE USING (tenant_id = ${CURRENT}) WITH CHECK (tenant_id = ${CURRENT})`,
    `CREATE POLICY tenant_delete ON ${t} FOR DELETE USING (tenant_id = ${CURRENT})`,
  ];
}

/** Reverse of tenantTableRls, for migrations' `down`. */
export function dropTenantTableRls(table: string): string[] {
  const t = quoteIdent(table);
  return [
    ...['tenant_read', 'tenant_insert', 'tenant_update', 'tenant_delete'].map((p) => `DROP POLICY IF EXISTS ${p} ON ${t}`),
    `ALTER TABLE ${t} NO FORCE ROW LEVEL SECURITY`,
    `ALTER TABLE ${t} DISABLE ROW LEVEL SECURITY`,
  ];
}

export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe SQL identifier: ${name}`);
  return `"${name}"`;
}
