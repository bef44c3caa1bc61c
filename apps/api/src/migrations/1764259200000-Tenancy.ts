import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropTenantTableRls, tenantTableRls } from '../platform/database/rls';

/**
 * Tenancy and audit: the tenant directory (hierarchy), users, memberships, invitations, refresh
 * tokens, API keys and the hash-chained audit trail, with their row-level security.
 *
 * Besides the tenant settings of the platform migration, policies read:
 * - app.user_id: the signed-in user (sees its own user row, memberships and refresh tokens);
 * - app.principal_roots: the tenants the principal holds a membership or key on (sees their subtrees
 *   in the directory, so access can be resolved before a tenant transaction starts);
 * - app.platform: 'on' only for a platform administrator's transaction.
 * Sign-in needs a few look-ups before any context exists (user by email, key by id, refresh token
 * owner, invitation by id): they are SECURITY DEFINER functions returning exactly those fields.
 */
export class Tenancy1764259200000 implements MigrationInterface {
  name = 'Tenancy1764259200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION rumbo_current_user() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE
      AS $$ SELECT NULLIF(current_setting('app.user_id', true), '')::uuid $$`);
    await q.query(`
      CREATE FUNCTION rumbo_principal_roots() RETURNS uuid[] LANGUAGE sql STABLE PARALLEL SAFE
      AS $$ SELECT string_to_array(NULLIF(current_setting('app.principal_roots', true), ''), ',')::uuid[] $$`);
    await q.query(`
      CREATE FUNCTION rumbo_is_platform() RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE
      AS $$ SELECT coalesce(current_setting('app.platform', true), '') = 'on' $$`);

    // --- tenants: the directory and hierarchy --------------------------------------------------
    await q.query(`CREATE TABLE "tenants" (
      "id" uuid NOT NULL,
      "parent_id" uuid,
      "ancestors" uuid array NOT NULL DEFAULT '{}',
      "depth" integer NOT NULL DEFAULT '0',
      "kind" text NOT NULL,
      "code" text NOT NULL,
      "name" text NOT NULL,
      "population" integer,
      "locale" text NOT NULL DEFAULT 'es-ES',
      "timezone" text NOT NULL DEFAULT 'Europe/Madrid',
      "currency" character(3) NOT NULL DEFAULT 'EUR',
      "archived_at" TIMESTAMP WITH TIME ZONE,
      "version" integer NOT NULL DEFAULT '1',
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "ck_tenants_depth" CHECK (depth = cardinality(ancestors)),
      CONSTRAINT "ck_tenants_population" CHECK (population IS NULL OR population >= 0),
      CONSTRAINT "ck_tenants_kind" CHECK (kind IN ('country', 'region', 'province', 'municipality', 'institute', 'other')),
      CONSTRAINT "PK_53be67a04681c66b87ee27c9321" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_tenants_parent_name" ON "tenants" ("parent_id", "name")`);
    await q.query(`CREATE UNIQUE INDEX "uq_tenants_code" ON "tenants" ("code")`);
    await q.query(`CREATE INDEX "ix_tenants_ancestors" ON "tenants" USING gin ("ancestors")`);
    await q.query(
      `ALTER TABLE "tenants" ADD CONSTRAINT "fk_tenants_parent" FOREIGN KEY ("parent_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // The path to the root is derived from the parent by the database, never trusted from the
    // application; a parent the caller cannot see, or one inside the tenant's own subtree, is refused.
    await q.query(`
      CREATE FUNCTION rumbo_tenants_derive_ancestors() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE parent_path uuid[];
      BEGIN
        IF NEW.parent_id IS NULL THEN
          NEW.ancestors := '{}';
        ELSE
          SELECT p.ancestors || p.id INTO parent_path FROM tenants p WHERE p.id = NEW.parent_id;
          IF parent_path IS NULL THEN
            RAISE EXCEPTION 'parent tenant not found' USING ERRCODE = '23503', CONSTRAINT = 'fk_tenants_parent';
          END IF;
          IF NEW.id = ANY (parent_path) THEN
            RAISE EXCEPTION 'moving a tenant under its own subtree would create a cycle' USING ERRCODE = '23514', CONSTRAINT = 'ck_tenants_no_cycle';
          END IF;
          NEW.ancestors := parent_path;
        END IF;
        NEW.depth := cardinality(NEW.ancestors);
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER tenants_derive_ancestors BEFORE INSERT OR UPDATE OF parent_id ON tenants
      FOR EACH ROW EXECUTE FUNCTION rumbo_tenants_derive_ancestors()`);

    // --- users and sign-in ----------------------------------------------------------------------
    await q.query(`CREATE TABLE "users" (
      "id" uuid NOT NULL, "email" text NOT NULL, "name" text NOT NULL, "password_hash" text,
      "platform_admin" boolean NOT NULL DEFAULT false, "locale" text NOT NULL DEFAULT 'es',
      "disabled_at" TIMESTAMP WITH TIME ZONE, "password_changed_at" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_users_email" ON "users" (lower("email"))`);

    await q.query(`CREATE TABLE "memberships" (
      "tenant_id" uuid NOT NULL, "id" uuid NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "user_id" uuid NOT NULL, "role" text NOT NULL,
      CONSTRAINT "ck_memberships_role" CHECK (role IN ('admin', 'analyst', 'viewer', 'auditor')),
      CONSTRAINT "PK_a45f644207a2d1d3fd36a2c9047" PRIMARY KEY ("tenant_id", "id"))`);
    await q.query(`CREATE INDEX "ix_memberships_user_id" ON "memberships" ("user_id")`);
    await q.query(`CREATE UNIQUE INDEX "uq_memberships_user" ON "memberships" ("tenant_id", "user_id")`);
    await q.query(
      `ALTER TABLE "memberships" ADD CONSTRAINT "fk_memberships_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "memberships" ADD CONSTRAINT "fk_memberships_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    await q.query(`CREATE TABLE "invitations" (
      "tenant_id" uuid NOT NULL, "id" uuid NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "email" text NOT NULL, "role" text NOT NULL, "token_hash" text NOT NULL, "invited_by" uuid,
      "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "accepted_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "ck_invitations_role" CHECK (role IN ('admin', 'analyst', 'viewer', 'auditor')),
      CONSTRAINT "PK_b0ba2d8d46d4f9f1e4035b1d87b" PRIMARY KEY ("tenant_id", "id"))`);
    await q.query(`CREATE INDEX "ix_invitations_email" ON "invitations" ("tenant_id", "email")`);
    await q.query(
      `ALTER TABLE "invitations" ADD CONSTRAINT "fk_invitations_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    await q.query(`CREATE TABLE "refresh_tokens" (
      "id" uuid NOT NULL, "family_id" uuid NOT NULL, "user_id" uuid NOT NULL, "token_hash" text NOT NULL,
      "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_7d8bee0204106019488c4c50ffa" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_refresh_tokens_user" ON "refresh_tokens" ("user_id")`);
    await q.query(`CREATE INDEX "ix_refresh_tokens_family" ON "refresh_tokens" ("family_id")`);
    await q.query(
      `ALTER TABLE "refresh_tokens" ADD CONSTRAINT "fk_refresh_tokens_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    await q.query(`CREATE TABLE "api_keys" (
      "tenant_id" uuid NOT NULL, "id" uuid NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "name" text NOT NULL, "scopes" text array NOT NULL, "prefix" text NOT NULL, "last_four" text NOT NULL, "secret_hash" text NOT NULL,
      "created_by" uuid, "expires_at" TIMESTAMP WITH TIME ZONE, "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "PK_63391bb25a8c6e1c50de701375f" PRIMARY KEY ("tenant_id", "id"))`);
    await q.query(
      `ALTER TABLE "api_keys" ADD CONSTRAINT "fk_api_keys_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    await q.query(`CREATE TABLE "audit_events" (
      "tenant_id" uuid NOT NULL, "seq" bigint NOT NULL, "id" uuid NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "actor_type" text NOT NULL, "actor_id" uuid, "actor_label" text, "action" text NOT NULL, "entity_type" text NOT NULL,
      "entity_id" text, "before" jsonb, "after" jsonb, "request_id" text, "ip" text, "prev_hash" text NOT NULL, "hash" text NOT NULL,
      CONSTRAINT "ck_audit_events_actor_type" CHECK (actor_type IN ('user', 'api_key', 'system')),
      CONSTRAINT "PK_a5de65da7e9cefefeac0b89c2bc" PRIMARY KEY ("tenant_id", "seq"))`);
    await q.query(`CREATE INDEX "ix_audit_events_occurred" ON "audit_events" ("tenant_id", "occurred_at")`);
    await q.query(`CREATE INDEX "ix_audit_events_entity" ON "audit_events" ("tenant_id", "entity_type", "entity_id")`);
    await q.query(`CREATE UNIQUE INDEX "uq_audit_events_id" ON "audit_events" ("tenant_id", "id")`);
    await q.query(
      `ALTER TABLE "audit_events" ADD CONSTRAINT "fk_audit_events_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    // --- row-level security -----------------------------------------------------------------------
    const roots = '(SELECT rumbo_principal_roots())::uuid[]';
    const current = '(SELECT rumbo_current_tenant())';
    const me = '(SELECT rumbo_current_user())';
    const platform = '(SELECT rumbo_is_platform())';
    for (const sql of [
      `ALTER TABLE tenants ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE tenants FORCE ROW LEVEL SECURITY`,
      // The request tenant's subtree is matched through each row's own ancestor path (O(depth) per
      // row) rather than against app.tenant_ids, whose length grows with the subtree.
      `CREATE POLICY tenants_read ON tenants FOR SELECT USING (
         ${platform} OR id = ${current} OR ${current} = ANY (ancestors) OR id = ANY (${roots}) OR ancestors && ${roots})`,
      `CREATE POLICY tenants_insert ON tenants FOR INSERT WITH CHECK (${platform} OR ${current} = ANY (ancestors))`,
      `CREATE POLICY tenants_update ON tenants FOR UPDATE
         USING (${platform} OR id = ${current} OR ${current} = ANY (ancestors))
         WITH CHECK (${platform} OR id = ${current} OR ${current} = ANY (ancestors))`,

      `ALTER TABLE users ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE users FORCE ROW LEVEL SECURITY`,
      // Memberships' own policy limits the subquery to tenants the caller can read.
      `CREATE POLICY users_read ON users FOR SELECT USING (
         ${platform} OR id = ${me} OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id))`,
      `CREATE POLICY users_insert ON users FOR INSERT WITH CHECK (${platform} OR ${current} IS NOT NULL)`,
      `CREATE POLICY users_update ON users FOR UPDATE USING (${platform} OR id = ${me}) WITH CHECK (${platform} OR id = ${me})`,

      ...tenantTableRls('memberships'),
      `CREATE POLICY memberships_own ON memberships FOR SELECT USING (user_id = ${me})`,
      ...tenantTableRls('invitations'),
      ...tenantTableRls('api_keys'),
      ...tenantTableRls('audit_events'),

      `ALTER TABLE refresh_tokens ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE refresh_tokens FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY refresh_tokens_own ON refresh_tokens USING (user_id = ${me}) WITH CHECK (user_id = ${me})`,
    ]) {
      await q.query(sql);
    }

    // --- sign-in look-ups (SECURITY DEFINER, owner-only policies let them read) ------------------
    for (const table of ['users', 'api_keys', 'refresh_tokens', 'invitations']) {
      await q.query(`CREATE POLICY ${table}_definer ON ${table} FOR SELECT TO CURRENT_USER USING (true)`);
    }
    await q.query(`
      CREATE FUNCTION rumbo_auth_user_by_email(p_email text)
      RETURNS TABLE (id uuid, password_hash text, platform_admin boolean, disabled_at timestamptz)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
      AS $$ SELECT u.id, u.password_hash, u.platform_admin, u.disabled_at FROM users u WHERE lower(u.email) = lower(p_email) $$`);
    await q.query(`
      CREATE FUNCTION rumbo_auth_api_key(p_id uuid)
      RETURNS TABLE (tenant_id uuid, name text, prefix text, secret_hash text, scopes text[], expires_at timestamptz, revoked_at timestamptz)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
      AS $$ SELECT k.tenant_id, k.name, k.prefix, k.secret_hash, k.scopes, k.expires_at, k.revoked_at FROM api_keys k WHERE k.id = p_id $$`);
    await q.query(`
      CREATE FUNCTION rumbo_auth_refresh_token_user(p_id uuid) RETURNS uuid
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
      AS $$ SELECT t.user_id FROM refresh_tokens t WHERE t.id = p_id $$`);
    await q.query(`
      CREATE FUNCTION rumbo_auth_invitation(p_id uuid)
      RETURNS TABLE (tenant_id uuid, email text, role text, token_hash text, expires_at timestamptz, accepted_at timestamptz, revoked_at timestamptz)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
      AS $$ SELECT i.tenant_id, i.email, i.role, i.token_hash, i.expires_at, i.accepted_at, i.revoked_at FROM invitations i WHERE i.id = p_id $$`);
    for (const fn of [
      'rumbo_auth_user_by_email(text)',
      'rumbo_auth_api_key(uuid)',
      'rumbo_auth_refresh_token_user(uuid)',
      'rumbo_auth_invitation(uuid)',
    ]) {
      // Granted to the runtime role by the bootstrap (its name is configuration, not schema).
      await q.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const fn of [
      'rumbo_auth_user_by_email(text)',
      'rumbo_auth_api_key(uuid)',
      'rumbo_auth_refresh_token_user(uuid)',
      'rumbo_auth_invitation(uuid)',
    ]) {
      await q.query(`DROP FUNCTION ${fn}`);
    }
    for (const sql of [
      ...dropTenantTableRls('audit_events'),
      ...dropTenantTableRls('api_keys'),
      ...dropTenantTableRls('invitations'),
      ...dropTenantTableRls('memberships'),
    ]) {
      await q.query(sql);
    }
    await q.query(`DROP TABLE "audit_events"`);
    await q.query(`DROP TABLE "api_keys"`);
    await q.query(`DROP TABLE "refresh_tokens"`);
    await q.query(`DROP TABLE "invitations"`);
    await q.query(`DROP TABLE "memberships"`);
    await q.query(`DROP TABLE "users"`);
    await q.query(`DROP TABLE "tenants"`);
    await q.query(`DROP FUNCTION rumbo_tenants_derive_ancestors()`);
    await q.query(`DROP FUNCTION rumbo_is_platform()`);
    await q.query(`DROP FUNCTION rumbo_principal_roots()`);
    await q.query(`DROP FUNCTION rumbo_current_user()`);
  }
}
