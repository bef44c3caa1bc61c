import type { MigrationInterface, QueryRunner } from 'typeorm';
import { quoteIdent, readableTenantCondition, TENANT_POLICY_NAMES, tenantTablePolicies } from '../platform/database/rls';

/** Tenant tables created before this migration, all with tenantTableRls. */
const TENANT_TABLES = ['memberships', 'invitations', 'api_keys', 'audit_events', 'assessments', 'assessment_answers', 'assessment_scores'];
const MODEL_TABLES = ['maturity_models', 'maturity_model_versions'];

const CURRENT = '(SELECT rumbo_current_tenant())';
const PLATFORM = '(SELECT rumbo_is_platform())';

/**
 * A readable set whose cost does not grow with the hierarchy (issue 9, item 9).
 *
 * Until now a request on a tenant put the tenant and every descendant in `app.tenant_ids`: with
 * 40,000 municipalities under a region, rumbo_open_request gathered 40,000 ids (≈70 ms), and every
 * statement under the policies parsed the 1.8 MB setting again (≈12 ms each) before comparing rows
 * with it. Now the context names the subtree's root instead, in `app.tenant_subtrees`, and a policy
 * reads a row when its tenant is listed in `app.tenant_ids` (the request's own tenant: a one-element
 * test, evaluated first) or has a subtree root among its ancestors (a primary-key look-up in
 * `tenants`, only for rows of other tenants). Both settings are parsed once per statement and stay a
 * few dozen bytes whatever the subtree holds.
 *
 * The function keeps its arguments; its answer loses `descendants`, which nothing needs any more (a
 * changed result type means drop and create; the bootstrap grants it to the runtime role again).
 */
export class ReadableSubtrees1764518400000 implements MigrationInterface {
  name = 'ReadableSubtrees1764518400000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of TENANT_TABLES) {
      for (const policy of TENANT_POLICY_NAMES) await q.query(`DROP POLICY ${policy} ON ${quoteIdent(table)}`);
      for (const sql of tenantTablePolicies(table)) await q.query(sql);
    }
    for (const table of MODEL_TABLES) {
      const t = quoteIdent(table);
      await q.query(`DROP POLICY ${table}_read ON ${t}`);
      // Global models, the caller's own, its ancestors' (a region's model serves its municipalities)
      // and, so their data stays readable, those of the tenants it may read.
      await q.query(`CREATE POLICY ${table}_read ON ${t} FOR SELECT USING (${PLATFORM} OR owner_tenant_id IS NULL
        OR owner_tenant_id = ${CURRENT} OR (${readableTenantCondition(`${t}.owner_tenant_id`)})
        OR EXISTS (SELECT 1 FROM tenants t WHERE t.id = ${CURRENT} AND ${t}.owner_tenant_id = ANY (t.ancestors)))`);
    }

    await q.query(`DROP FUNCTION rumbo_open_request(uuid, boolean, uuid, uuid, uuid)`);
    await q.query(`
      CREATE FUNCTION rumbo_open_request(p_user uuid, p_platform boolean, p_key uuid, p_key_tenant uuid, p_tenant uuid)
      RETURNS TABLE (root_ids uuid[], root_roles text[], tenant_id uuid, ancestors uuid[], archived_at timestamptz)
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
      AS $$
      DECLARE
        -- Only a user can be a platform administrator; a key never is, whatever the flag says.
        v_platform boolean := p_user IS NOT NULL AND coalesce(p_platform, false);
        v_roots uuid[];
        v_roles text[];
        v_tenant uuid;
        v_ancestors uuid[];
        v_archived timestamptz;
      BEGIN
        IF (p_user IS NULL) = (p_key IS NULL) OR (p_key IS NULL) <> (p_key_tenant IS NULL) THEN
          RAISE EXCEPTION 'rumbo_open_request needs exactly one principal: a user, or an API key with its tenant'
            USING ERRCODE = '22023';
        END IF;
        -- The whole context is this call's: nothing set earlier in the transaction survives it.
        PERFORM set_config('app.user_id', coalesce(p_user::text, ''), true),
                set_config('app.platform', CASE WHEN v_platform THEN 'on' ELSE '' END, true),
                set_config('app.principal_roots', '', true),
                set_config('app.tenant_id', '', true),
                set_config('app.tenant_ids', '', true),
                set_config('app.tenant_subtrees', '', true);

        IF p_user IS NOT NULL THEN
          SELECT coalesce(array_agg(m.tenant_id ORDER BY m.tenant_id), '{}'), coalesce(array_agg(m.role ORDER BY m.tenant_id), '{}')
            INTO v_roots, v_roles
            FROM memberships m WHERE m.user_id = p_user;
        ELSE
          -- A key revoked or expired since the bearer check opens nothing.
          SELECT coalesce(array_agg(k.tenant_id), '{}'), coalesce(array_agg(NULL::text), '{}')
            INTO v_roots, v_roles
            FROM api_keys k
           WHERE k.tenant_id = p_key_tenant AND k.id = p_key AND k.revoked_at IS NULL
             AND (k.expires_at IS NULL OR k.expires_at > now());
        END IF;
        PERFORM set_config('app.principal_roots', array_to_string(v_roots, ','), true);

        IF p_tenant IS NOT NULL THEN
          -- Visible exactly as through tenants_read with the principal's roots: at or below a root.
          SELECT t.id, t.ancestors, t.archived_at INTO v_tenant, v_ancestors, v_archived
            FROM tenants t
           WHERE t.id = p_tenant AND (v_platform OR t.id = ANY (v_roots) OR t.ancestors && v_roots);
          IF v_tenant IS NOT NULL THEN
            -- The tenant itself, listed, and everything below it, by its root: never the list of descendants.
            PERFORM set_config('app.tenant_id', v_tenant::text, true),
                    set_config('app.tenant_ids', v_tenant::text, true),
                    set_config('app.tenant_subtrees', v_tenant::text, true);
          END IF;
        END IF;

        RETURN QUERY SELECT v_roots, v_roles, v_tenant, v_ancestors, v_archived;
      END $$`);
    // Granted to the runtime role by the bootstrap (its name is configuration, not schema).
    await q.query(`REVOKE ALL ON FUNCTION rumbo_open_request(uuid, boolean, uuid, uuid, uuid) FROM PUBLIC`);
  }

  async down(q: QueryRunner): Promise<void> {
    const readable = '(SELECT rumbo_readable_tenants())::uuid[]';
    for (const table of TENANT_TABLES) {
      const t = quoteIdent(table);
      await q.query(`DROP POLICY tenant_read ON ${t}`);
      await q.query(`CREATE POLICY tenant_read ON ${t} FOR SELECT USING (tenant_id = ANY (${readable}))`);
    }
    for (const table of MODEL_TABLES) {
      const t = quoteIdent(table);
      await q.query(`DROP POLICY ${table}_read ON ${t}`);
      await q.query(`CREATE POLICY ${table}_read ON ${t} FOR SELECT USING (${PLATFORM} OR owner_tenant_id IS NULL
        OR owner_tenant_id = ${CURRENT} OR owner_tenant_id = ANY (${readable})
        OR EXISTS (SELECT 1 FROM tenants t WHERE t.id = ${CURRENT} AND owner_tenant_id = ANY (t.ancestors)))`);
    }
    await q.query(`DROP FUNCTION rumbo_open_request(uuid, boolean, uuid, uuid, uuid)`);
    await q.query(`
      CREATE FUNCTION rumbo_open_request(p_user uuid, p_platform boolean, p_key uuid, p_key_tenant uuid, p_tenant uuid)
      RETURNS TABLE (root_ids uuid[], root_roles text[], tenant_id uuid, ancestors uuid[], archived_at timestamptz, descendants uuid[])
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
      AS $$
      DECLARE
        v_platform boolean := p_user IS NOT NULL AND coalesce(p_platform, false);
        v_roots uuid[];
        v_roles text[];
        v_tenant uuid;
        v_ancestors uuid[];
        v_archived timestamptz;
        v_descendants uuid[];
      BEGIN
        IF (p_user IS NULL) = (p_key IS NULL) OR (p_key IS NULL) <> (p_key_tenant IS NULL) THEN
          RAISE EXCEPTION 'rumbo_open_request needs exactly one principal: a user, or an API key with its tenant'
            USING ERRCODE = '22023';
        END IF;
        PERFORM set_config('app.user_id', coalesce(p_user::text, ''), true),
                set_config('app.platform', CASE WHEN v_platform THEN 'on' ELSE '' END, true),
                set_config('app.principal_roots', '', true),
                set_config('app.tenant_id', '', true),
                set_config('app.tenant_ids', '', true),
                set_config('app.tenant_subtrees', '', true);
        IF p_user IS NOT NULL THEN
          SELECT coalesce(array_agg(m.tenant_id ORDER BY m.tenant_id), '{}'), coalesce(array_agg(m.role ORDER BY m.tenant_id), '{}')
            INTO v_roots, v_roles
            FROM memberships m WHERE m.user_id = p_user;
        ELSE
          SELECT coalesce(array_agg(k.tenant_id), '{}'), coalesce(array_agg(NULL::text), '{}')
            INTO v_roots, v_roles
            FROM api_keys k
           WHERE k.tenant_id = p_key_tenant AND k.id = p_key AND k.revoked_at IS NULL
             AND (k.expires_at IS NULL OR k.expires_at > now());
        END IF;
        PERFORM set_config('app.principal_roots', array_to_string(v_roots, ','), true);
        IF p_tenant IS NOT NULL THEN
          SELECT t.id, t.ancestors, t.archived_at INTO v_tenant, v_ancestors, v_archived
            FROM tenants t
           WHERE t.id = p_tenant AND (v_platform OR t.id = ANY (v_roots) OR t.ancestors && v_roots);
          IF v_tenant IS NOT NULL THEN
            v_descendants := ARRAY(SELECT d.id FROM tenants d WHERE d.ancestors @> ARRAY[v_tenant]);
            PERFORM set_config('app.tenant_id', v_tenant::text, true),
                    set_config('app.tenant_ids', array_to_string(v_tenant || v_descendants, ','), true);
          END IF;
        END IF;
        RETURN QUERY SELECT v_roots, v_roles, v_tenant, v_ancestors, v_archived, v_descendants;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION rumbo_open_request(uuid, boolean, uuid, uuid, uuid) FROM PUBLIC`);
  }
}
