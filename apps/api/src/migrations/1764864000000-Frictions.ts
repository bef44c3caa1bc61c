import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropTenantTableRls, tenantTableRls } from '../platform/database/rls';

/**
 * Frictions (METHOD.md §3): a tenant's friction points, their burden lines (one per audience), their
 * root causes in maturity dimensions, the tenant's own areas of interest and its default hourly rates.
 *
 * Every table is tenant-owned: tenant_id leads every key, foreign keys between them carry it, and
 * row-level security is forced (tenantTableRls). Money, hours and populations are numeric, never
 * float. A friction keeps the sums of its lines (overall and per audience) on its row, so the backlog,
 * its ranking and the cost of each maturity gap read one row per friction.
 *
 * A root cause names a maturity model by id (global or owned by the tenant or an ancestor, checked by
 * the API) and a dimension by its area and dimension keys, which survive new model versions. The
 * model is RESTRICTed: models are never deleted once used.
 */
export class Frictions1764864000000 implements MigrationInterface {
  name = 'Frictions1764864000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "friction_settings" (
      "tenant_id" uuid NOT NULL, "staff_tariff_per_hour" numeric, "business_tariff_per_hour" numeric,
      "currency" text NOT NULL DEFAULT 'EUR', "version" integer NOT NULL DEFAULT '1',
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_92644a32f2d9367420b0560a3cd" PRIMARY KEY ("tenant_id"))`);
    await q.query(
      `ALTER TABLE "friction_settings" ADD CONSTRAINT "fk_friction_settings_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    await q.query(`CREATE TABLE "friction_areas" (
      "tenant_id" uuid NOT NULL, "key" text NOT NULL, "name" jsonb NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_49be4ba32c2e3e2ab1d013b398c" PRIMARY KEY ("tenant_id", "key"))`);
    await q.query(
      `ALTER TABLE "friction_areas" ADD CONSTRAINT "fk_friction_areas_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    await q.query(`CREATE TABLE "frictions" (
      "tenant_id" uuid NOT NULL, "id" uuid NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "ref" text, "title" text NOT NULL, "description" text, "area" text NOT NULL, "service" text, "channel" text,
      "status" text NOT NULL DEFAULT 'identified', "owner_id" uuid,
      "evidence" jsonb NOT NULL DEFAULT '[]', "tags" text array NOT NULL DEFAULT '{}',
      "annual_hours" numeric NOT NULL DEFAULT '0', "annual_cost" numeric NOT NULL DEFAULT '0',
      "citizens_hours" numeric NOT NULL DEFAULT '0', "citizens_cost" numeric NOT NULL DEFAULT '0',
      "businesses_hours" numeric NOT NULL DEFAULT '0', "businesses_cost" numeric NOT NULL DEFAULT '0',
      "staff_hours" numeric NOT NULL DEFAULT '0', "staff_cost" numeric NOT NULL DEFAULT '0',
      "population" numeric NOT NULL DEFAULT '0', "created_by" uuid,
      "status_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1',
      CONSTRAINT "ck_frictions_status" CHECK (status IN ('identified', 'analysed', 'prioritised', 'addressed', 'resolved', 'discarded')),
      CONSTRAINT "PK_1db9447cfd0d8b9f1f281c32c71" PRIMARY KEY ("tenant_id", "id"))`);
    // A ref is unique per tenant; frictions without one are many.
    await q.query(`CREATE UNIQUE INDEX "uq_frictions_ref" ON "frictions" ("tenant_id", "ref")`);
    // The backlog's default order (most expensive first) and the "recently changed" sort, both keyset-paged.
    await q.query(`CREATE INDEX "ix_frictions_cost" ON "frictions" ("tenant_id", "annual_cost" DESC, "id")`);
    await q.query(`CREATE INDEX "ix_frictions_updated" ON "frictions" ("tenant_id", "updated_at", "id")`);
    await q.query(
      `ALTER TABLE "frictions" ADD CONSTRAINT "fk_frictions_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    await q.query(`CREATE TABLE "friction_burdens" (
      "tenant_id" uuid NOT NULL, "friction_id" uuid NOT NULL, "audience" text NOT NULL,
      "population" numeric NOT NULL, "frequency_per_year" numeric NOT NULL, "minutes_per_occurrence" numeric NOT NULL,
      "tariff_per_hour" numeric, "tariff_source" text NOT NULL, "effective_tariff" numeric,
      "out_of_pocket" numeric NOT NULL DEFAULT '0', "occurrences" numeric NOT NULL,
      "annual_hours" numeric NOT NULL, "annual_cost" numeric NOT NULL,
      CONSTRAINT "ck_friction_burdens_tariff_source" CHECK (tariff_source IN ('explicit', 'tenant-default', 'none')),
      CONSTRAINT "ck_friction_burdens_audience" CHECK (audience IN ('citizens', 'businesses', 'staff')),
      CONSTRAINT "PK_a33399c7841523703ab9842f9ad" PRIMARY KEY ("tenant_id", "friction_id", "audience"))`);
    await q.query(
      `ALTER TABLE "friction_burdens" ADD CONSTRAINT "fk_friction_burdens_friction" FOREIGN KEY ("tenant_id", "friction_id") REFERENCES "frictions"("tenant_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    await q.query(`CREATE TABLE "friction_root_causes" (
      "tenant_id" uuid NOT NULL, "friction_id" uuid NOT NULL, "model_id" uuid NOT NULL,
      "area_key" text NOT NULL, "dimension_key" text NOT NULL,
      CONSTRAINT "PK_c3a1200e653f6d50264766873b9" PRIMARY KEY ("tenant_id", "friction_id", "model_id", "area_key", "dimension_key"))`);
    // The reverse view: the frictions rooted in each dimension of a model.
    await q.query(
      `CREATE INDEX "ix_friction_root_causes_model" ON "friction_root_causes" ("tenant_id", "model_id", "area_key", "dimension_key")`,
    );
    await q.query(
      `ALTER TABLE "friction_root_causes" ADD CONSTRAINT "fk_friction_root_causes_friction" FOREIGN KEY ("tenant_id", "friction_id") REFERENCES "frictions"("tenant_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "friction_root_causes" ADD CONSTRAINT "fk_friction_root_causes_model" FOREIGN KEY ("model_id") REFERENCES "maturity_models"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    for (const table of TABLES) {
      for (const sql of tenantTableRls(table)) await q.query(sql);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) {
      for (const sql of dropTenantTableRls(table)) await q.query(sql);
      await q.query(`DROP TABLE "${table}"`);
    }
  }
}

const TABLES = ['friction_settings', 'friction_areas', 'frictions', 'friction_burdens', 'friction_root_causes'] as const;
