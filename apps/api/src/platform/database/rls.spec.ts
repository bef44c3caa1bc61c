import { tenantTableRls, quoteIdent } from './rls';

describe('tenantTableRls', () => {
  it('enables and forces RLS with read/write policies on the tenant settings', () => {
    const sql = tenantTableRls('kpi_measurements').join(';\n');
    expect(sql).toContain('ALTER TABLE "kpi_measurements" ENABLE ROW LEVEL SECURITY');
    expect(sql).toContain('ALTER TABLE "kpi_measurements" FORCE ROW LEVEL SECURITY');
    expect(sql).toContain('FOR SELECT USING (tenant_id = ANY ((SELECT rumbo_readable_tenants())::uuid[]))');
    expect(sql).toContain('FOR INSERT WITH CHECK (tenant_id = (SELECT rumbo_current_tenant()))');
  });

  it('refuses identifiers that could inject SQL', () => {
    expect(() => quoteIdent('x"; DROP TABLE y; --')).toThrow(/unsafe/);
  });
});
