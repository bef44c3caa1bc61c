import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropTenantTableRls, tenantTableRls } from '../platform/database/rls';

/**
 * Prioritisation (METHOD.md §4): a tenant's scoring models, versioned by name (a second model with
 * the same name is its next version), drafts until activated, exactly one active per tenant (a
 * partial unique index decides, so two activations racing cannot both win); and the manual criterion
 * values a model reads per friction (effort, confidence…), removed with their friction.
 *
 * And a per-tenant backlog revision, bumped by the database itself whenever a statement changes a
 * tenant's frictions, their burden lines, criterion values or root causes: the ranking cache
 * (prioritisation/ranking/ranking-cache.ts) keys its entries on it, so no writer can forget to
 * invalidate. Statement-level triggers with transition tables: one bump per tenant per statement,
 * whatever the number of rows (a 50,000-row import bumps once).
 */
/**
 * What a ranking reads per friction: the friction row itself (costs, hours, population, status), its
 * burden lines (the burdenCount field), its manual criterion values and its root causes.
 */
const BACKLOG_TABLES = ['frictions', 'friction_burdens', 'friction_criterion_values', 'friction_root_causes'] as const;
/** One trigger per event: a transition table may only be named by a trigger on a single event. */
const BACKLOG_EVENTS = [
  ['INSERT', 'NEW'],
  ['UPDATE', 'NEW'],
  ['DELETE', 'OLD'],
] as const;

export class Prioritisation1764950400000 implements MigrationInterface {
  name = 'Prioritisation1764950400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "scoring_models" (
      "tenant_id" uuid NOT NULL, "id" uuid NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "name" text NOT NULL, "version" integer NOT NULL, "method" text NOT NULL, "status" text NOT NULL DEFAULT 'draft',
      "criteria" jsonb NOT NULL, "pairwise" jsonb, "ahp" jsonb, "activated_at" TIMESTAMP WITH TIME ZONE,
      "retired_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid, "revision" integer NOT NULL DEFAULT '1',
      CONSTRAINT "ck_scoring_models_method" CHECK (method IN ('weighted', 'rice', 'wsjf', 'ahp')),
      CONSTRAINT "ck_scoring_models_status" CHECK (status IN ('draft', 'active', 'retired')),
      CONSTRAINT "PK_c3122398f55c8e92349eb58590b" PRIMARY KEY ("tenant_id", "id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_scoring_models_version" ON "scoring_models" ("tenant_id", "name", "version")`);
    await q.query(`CREATE UNIQUE INDEX "uq_scoring_models_active" ON "scoring_models" ("tenant_id") WHERE status = 'active'`);
    await q.query(
      `ALTER TABLE "scoring_models" ADD CONSTRAINT "fk_scoring_models_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    await q.query(`CREATE TABLE "friction_criterion_values" (
      "tenant_id" uuid NOT NULL, "friction_id" uuid NOT NULL, "criterion_key" text NOT NULL, "value" numeric NOT NULL,
      "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_734149e3a2df441b012d34b2008" PRIMARY KEY ("tenant_id", "friction_id", "criterion_key"))`);
    // The ranking joins one criterion's values for the whole backlog: (tenant, criterion) first.
    await q.query(
      `CREATE INDEX "ix_friction_criterion_values_key" ON "friction_criterion_values" ("tenant_id", "criterion_key", "friction_id")`,
    );
    await q.query(
      `ALTER TABLE "friction_criterion_values" ADD CONSTRAINT "fk_friction_criterion_values_friction" FOREIGN KEY ("tenant_id", "friction_id") REFERENCES "frictions"("tenant_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    await q.query(`CREATE TABLE "friction_backlog_revisions" (
      "tenant_id" uuid NOT NULL, "revision" bigint NOT NULL DEFAULT '1',
      CONSTRAINT "PK_d842ef971b2446ce40e9ac6d96b" PRIMARY KEY ("tenant_id"))`);
    await q.query(
      `ALTER TABLE "friction_backlog_revisions" ADD CONSTRAINT "fk_friction_backlog_revisions_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    for (const table of ['scoring_models', 'friction_criterion_values', 'friction_backlog_revisions']) {
      for (const sql of tenantTableRls(table)) await q.query(sql);
    }

    // SECURITY INVOKER on purpose: the bump is written under the writer's own RLS context. Every
    // write to the watched tables is itself confined to app.tenant_id (their policies), and cascades
    // from a friction's delete stay within its tenant, so the transition table only holds rows of
    // the tenant the bump is allowed to write.
    await q.query(`CREATE FUNCTION rumbo_bump_friction_backlog() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO friction_backlog_revisions (tenant_id, revision)
        SELECT DISTINCT t.tenant_id, 1 FROM changed t
        ON CONFLICT (tenant_id) DO UPDATE SET revision = friction_backlog_revisions.revision + 1;
        RETURN NULL;
      END $$`);
    for (const table of BACKLOG_TABLES) {
      for (const [event, transition] of BACKLOG_EVENTS) {
        await q.query(
          `CREATE TRIGGER "${table}_backlog_${event.toLowerCase()}" AFTER ${event} ON "${table}" REFERENCING ${transition} TABLE AS changed
             FOR EACH STATEMENT EXECUTE FUNCTION rumbo_bump_friction_backlog()`,
        );
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of BACKLOG_TABLES) {
      for (const [event] of BACKLOG_EVENTS) await q.query(`DROP TRIGGER "${table}_backlog_${event.toLowerCase()}" ON "${table}"`);
    }
    await q.query(`DROP FUNCTION rumbo_bump_friction_backlog()`);
    for (const table of ['friction_backlog_revisions', 'friction_criterion_values', 'scoring_models']) {
      for (const sql of dropTenantTableRls(table)) await q.query(sql);
    }
    await q.query(`DROP TABLE "friction_backlog_revisions"`);
    await q.query(`DROP TABLE "friction_criterion_values"`);
    await q.query(`DROP TABLE "scoring_models"`);
  }
}
