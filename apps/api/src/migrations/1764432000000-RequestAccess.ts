import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Opening an authenticated request in one round trip. rumbo_open_request resolves, inside the
 * request's transaction, what the request-access code needs to decide (the principal's roots and
 * roles; the path tenant's ancestors, archived_at and descendants) and sets the transaction-local
 * settings the policies read, instead of five statements alternating between the API and the
 * database.
 *
 * It is a SECURITY DEFINER function, so it never takes the caller's word for anything that widens
 * access: a user's roots come from its memberships, an API key's from the key row (live, on the
 * tenant it claims), and the tenant scope is set only on a tenant inside those roots (any tenant for
 * a platform administrator, whose flag comes from the signed token as before). It returns nothing the
 * same principal could not read through the policies with the context it sets. Whether the role or
 * the key's scopes grant the route, and whether an archived tenant may be changed, stays with the
 * API; a refusal fails the request and rolls the transaction back, context included.
 *
 * It reads memberships through memberships_own (it names the user in app.user_id first), and keys and
 * tenants through their owner-only definer policies, so it gives the same answers whether the
 * migration owner is a superuser or an ordinary role subject to the forced policies.
 */
export class RequestAccess1764432000000 implements MigrationInterface {
  name = 'RequestAccess1764432000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION rumbo_open_request(p_user uuid, p_platform boolean, p_key uuid, p_key_tenant uuid, p_tenant uuid)
      RETURNS TABLE (root_ids uuid[], root_roles text[], tenant_id uuid, ancestors uuid[], archived_at timestamptz, descendants uuid[])
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
        v_descendants uuid[];
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
                set_config('app.tenant_ids', '', true);

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
            v_descendants := ARRAY(SELECT d.id FROM tenants d WHERE d.ancestors @> ARRAY[v_tenant]);
            PERFORM set_config('app.tenant_id', v_tenant::text, true),
                    set_config('app.tenant_ids', array_to_string(v_tenant || v_descendants, ','), true);
          END IF;
        END IF;

        RETURN QUERY SELECT v_roots, v_roles, v_tenant, v_ancestors, v_archived, v_descendants;
      END $$`);
    // Granted to the runtime role by the bootstrap (its name is configuration, not schema).
    await q.query(`REVOKE ALL ON FUNCTION rumbo_open_request(uuid, boolean, uuid, uuid, uuid) FROM PUBLIC`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION rumbo_open_request(uuid, boolean, uuid, uuid, uuid)`);
  }
}
