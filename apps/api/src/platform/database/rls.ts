/**
 * The row-level-security pattern every tenant-owned table uses (ARCHITECTURE.md §2). Migrations call
 * `tenantTableRls('table')` after creating a table whose primary key leads with tenant_id.
 *
 * Reads: rows of the tenants listed in `app.tenant_ids` (the request's tenant, or a short explicit
 * list), and rows of any descendant of a tenant named in `app.tenant_subtrees`. Writes: only rows of
 * `app.tenant_id`. With no context every setting reads as NULL and the policy matches nothing, so a
 * query run outside a tenant transaction sees zero rows.
 *
 * Why descendants are not listed: a region with 50,000 municipalities below it would put 50,000 ids
 * in the context, parsed by every statement and compared with every row (migration
 * 1764518400000-ReadableSubtrees). Instead a row of another tenant is checked through that tenant's
 * own `ancestors` (one primary-key look-up in `tenants`, O(depth)), and the cheap list test comes
 * first, so a row of a listed tenant never pays for it. The look-up goes through `tenants`' own
 * policy: a descendant is readable only when the directory shows it too. The policy is an OR with a
 * sub-plan, so, unlike the old list, it is no index condition: every query filters on tenant_id
 * itself (docs/scaling.md, rules 8 and 9).
 *
 * The subtree setting is spelled out rather than wrapped in a function: earlier migrations call this
 * helper too, and on a fresh database they run before any later migration could have created one.
 */
// Wrapped in scalar subqueries so PostgreSQL evaluates them once per statement (an InitPlan), not per row.
const READABLE = '(SELECT rumbo_readable_tenants())::uuid[]';
const CURRENT = '(SELECT rumbo_current_tenant())';
const READABLE_SUBTREES = `(SELECT string_to_array(NULLIF(current_setting('app.tenant_subtrees', true), ''), ',')::uuid[])`;

/**
 * The read test for a tenant column: listed, or below a readable subtree root. `column` is a
 * qualified column reference (`"table".tenant_id`), so it is unambiguous inside the sub-select.
 */
export function readableTenantCondition(column: string): string {
  return (
    `${column} = ANY (${READABLE}) OR (${READABLE_SUBTREES} IS NOT NULL AND ` +
    `EXISTS (SELECT 1 FROM tenants rumbo_below WHERE rumbo_below.id = ${column} AND rumbo_below.ancestors && ${READABLE_SUBTREES}))`
  );
}

export function tenantTableRls(table: string): string[] {
  const t = quoteIdent(table);
  return [`ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`, `ALTER TABLE ${t} FORCE ROW LEVEL SECURITY`, ...tenantTablePolicies(table)];
}

/** The four policies of a tenant table (without enabling RLS): what a migration re-creates to change them. */
export function tenantTablePolicies(table: string): string[] {
  const t = quoteIdent(table);
  return [
    `CREATE POLICY tenant_read ON ${t} FOR SELECT USING (${readableTenantCondition(`${t}.tenant_id`)})`,
    `CREATE POLICY tenant_insert ON ${t} FOR INSERT WITH CHECK (tenant_id = ${CURRENT})`,
    `CREATE POLICY tenant_update ON ${t} FOR UPDATE USING (tenant_id = ${CURRENT}) WITH CHECK (tenant_id = ${CURRENT})`,
    `CREATE POLICY tenant_delete ON ${t} FOR DELETE USING (tenant_id = ${CURRENT})`,
  ];
}

export const TENANT_POLICY_NAMES = ['tenant_read', 'tenant_insert', 'tenant_update', 'tenant_delete'] as const;

/** Reverse of tenantTableRls, for migrations' `down`. */
export function dropTenantTableRls(table: string): string[] {
  const t = quoteIdent(table);
  return [
    ...TENANT_POLICY_NAMES.map((p) => `DROP POLICY IF EXISTS ${p} ON ${t}`),
    `ALTER TABLE ${t} NO FORCE ROW LEVEL SECURITY`,
    `ALTER TABLE ${t} DISABLE ROW LEVEL SECURITY`,
  ];
}

export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe SQL identifier: ${name}`);
  return `"${name}"`;
}
