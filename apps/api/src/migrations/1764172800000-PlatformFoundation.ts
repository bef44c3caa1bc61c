import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Functions the row-level-security policies read. They turn the transaction-local settings set by
 * the tenant transaction helper into typed values; a missing or empty setting yields NULL (no rows),
 * never an error on a pooled connection where the setting reads ''.
 */
export class PlatformFoundation1764172800000 implements MigrationInterface {
  name = 'PlatformFoundation1764172800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION rumbo_current_tenant() RETURNS uuid
      LANGUAGE sql STABLE PARALLEL SAFE
      AS $$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid $$`);
    await q.query(`
      CREATE FUNCTION rumbo_readable_tenants() RETURNS uuid[]
      LANGUAGE sql STABLE PARALLEL SAFE
      AS $$ SELECT string_to_array(NULLIF(current_setting('app.tenant_ids', true), ''), ',')::uuid[] $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION rumbo_readable_tenants()`);
    await q.query(`DROP FUNCTION rumbo_current_tenant()`);
  }
}
