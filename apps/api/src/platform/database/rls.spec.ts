import { tenantTableRls, quoteIdent } from './rls';

describe('tenantTableRls', () => {
  it('enables and forces RLS with read/write policies on the tenant settings', () => {
    const sql = tenantTableRls('kpi_measurements').join(';\n');
    expect(sql).toContain('ALTER TABLE "kpi_measurements" ENABLE ROW LEVEL SECURITY');
    expect(sql).toContain('ALTER TABLE "kpi_measurements" FORCE ROW LEVEL SECURITY');
    expect(sql).toContain('FOR SELECT USING ("kpi_measurements".tenant_id = ANY ((SELECT rumbo_readable_tenants())::uuid[]) OR (');
    // Descendants by their subtree root, through the row's own tenant in the directory: never a list of them.
    expect(sql).toContain(
      `EXISTS (SELECT 1 FROM tenants rumbo_below WHERE rumbo_below.id = "kpi_measurements".tenant_id AND rumbo_below.ancestors && (SELECT string_to_array(NULLIF(current_setting('app.tenant_subtrees', true), ''), ',')::uuid[]))`,
    );
    expect(sql).toContain('FOR INSERT WITH CHECK (tenant_id = (SELECT rumbo_current_tenant()))');
  });

  it('refuses identifiers that could inject SQL', () => {
    expect(() => quoteIdent('x"; DROP TABLE y; --')).toThrow(/unsafe/);
  });
});
