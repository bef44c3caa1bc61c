import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropTenantTableRls, tenantTableRls } from '../platform/database/rls';

/**
 * Maturity: models and their versions (global, or owned by a tenant and visible to its subtree),
 * assessments, answers and scores (tenant-owned), and the benchmark cohort look-up.
 */
export class Maturity1764345600000 implements MigrationInterface {
  name = 'Maturity1764345600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "maturity_models" (
      "id" uuid NOT NULL, "key" text NOT NULL, "owner_tenant_id" uuid, "name" jsonb NOT NULL, "description" jsonb,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_e24e11ecec2af6db8d3cb215c97" PRIMARY KEY ("id"))`);
    // One key per owner; global models share the all-zero owner in the index.
    await q.query(
      `CREATE UNIQUE INDEX "uq_maturity_models_key" ON "maturity_models" (coalesce("owner_tenant_id", '00000000-0000-0000-0000-000000000000'::uuid), "key")`,
    );
    await q.query(
      `ALTER TABLE "maturity_models" ADD CONSTRAINT "fk_maturity_models_owner" FOREIGN KEY ("owner_tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    await q.query(`CREATE TABLE "maturity_model_versions" (
      "id" uuid NOT NULL, "model_id" uuid NOT NULL, "owner_tenant_id" uuid, "version" integer NOT NULL,
      "status" text NOT NULL DEFAULT 'draft', "definition" jsonb NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "ck_maturity_model_versions_status" CHECK (status IN ('draft', 'published')),
      CONSTRAINT "PK_f2ce8974aaf5dbf89bb027a05fc" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_maturity_model_versions_version" ON "maturity_model_versions" ("model_id", "version")`);
    await q.query(
      `ALTER TABLE "maturity_model_versions" ADD CONSTRAINT "fk_maturity_model_versions_model" FOREIGN KEY ("model_id") REFERENCES "maturity_models"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // A published version is immutable: scores and history refer to it.
    await q.query(`
      CREATE FUNCTION rumbo_model_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'published' THEN
          RAISE EXCEPTION 'a published model version cannot change' USING ERRCODE = '23514', CONSTRAINT = 'ck_model_version_published_immutable';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(`CREATE TRIGGER model_versions_immutable BEFORE UPDATE OR DELETE ON maturity_model_versions
      FOR EACH ROW EXECUTE FUNCTION rumbo_model_versions_immutable()`);

    await q.query(`CREATE TABLE "assessments" (
      "tenant_id" uuid NOT NULL, "id" uuid NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "model_version_id" uuid NOT NULL, "period" text NOT NULL, "title" text, "status" text NOT NULL DEFAULT 'draft',
      "respondents" jsonb NOT NULL DEFAULT '[]', "created_by" uuid, "submitted_at" TIMESTAMP WITH TIME ZONE, "submitted_by" uuid,
      "validated_at" TIMESTAMP WITH TIME ZONE, "validated_by" uuid, "version" integer NOT NULL DEFAULT '1',
      CONSTRAINT "ck_assessments_period" CHECK (period ~ '^[0-9]{4}$'),
      CONSTRAINT "ck_assessments_status" CHECK (status IN ('draft', 'submitted', 'validated')),
      CONSTRAINT "PK_6eb03c387693e99853b048aa8b6" PRIMARY KEY ("tenant_id", "id"))`);
    await q.query(`CREATE INDEX "ix_assessments_period" ON "assessments" ("tenant_id", "period")`);
    await q.query(
      `ALTER TABLE "assessments" ADD CONSTRAINT "fk_assessments_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "assessments" ADD CONSTRAINT "fk_assessments_model_version" FOREIGN KEY ("model_version_id") REFERENCES "maturity_model_versions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    await q.query(`CREATE TABLE "assessment_answers" (
      "tenant_id" uuid NOT NULL, "assessment_id" uuid NOT NULL, "question_key" text NOT NULL, "value" numeric,
      "not_applicable" boolean NOT NULL DEFAULT false, "comment" text, "evidence" text, "answered_by" uuid,
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_a5828deb7e748540ce87a2a0c0d" PRIMARY KEY ("tenant_id", "assessment_id", "question_key"))`);
    await q.query(
      `ALTER TABLE "assessment_answers" ADD CONSTRAINT "FK_4c354d8b9a274e7a942826b3a45" FOREIGN KEY ("tenant_id", "assessment_id") REFERENCES "assessments"("tenant_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    await q.query(`CREATE TABLE "assessment_scores" (
      "tenant_id" uuid NOT NULL, "assessment_id" uuid NOT NULL, "model_version_id" uuid NOT NULL, "overall" numeric, "level" integer,
      "coverage" numeric NOT NULL, "result" jsonb NOT NULL, "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "PK_8dcbfe52e80c6c004f7828f24a7" PRIMARY KEY ("tenant_id", "assessment_id", "model_version_id"))`);
    await q.query(
      `ALTER TABLE "assessment_scores" ADD CONSTRAINT "FK_e30c43f523d15863ae274bff20d" FOREIGN KEY ("tenant_id", "assessment_id") REFERENCES "assessments"("tenant_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "assessment_scores" ADD CONSTRAINT "fk_assessment_scores_model_version" FOREIGN KEY ("model_version_id") REFERENCES "maturity_model_versions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    // --- row-level security -------------------------------------------------------------------------
    const current = '(SELECT rumbo_current_tenant())';
    const platform = '(SELECT rumbo_is_platform())';
    // Global models, the caller's own, and those of its ancestors (a region's model serves its municipalities).
    const visibleOwner = `owner_tenant_id IS NULL OR owner_tenant_id = ${current}
      OR owner_tenant_id = ANY ((SELECT rumbo_readable_tenants())::uuid[])
      OR EXISTS (SELECT 1 FROM tenants t WHERE t.id = ${current} AND owner_tenant_id = ANY (t.ancestors))`;
    const writableOwner = `(owner_tenant_id IS NULL AND ${platform}) OR owner_tenant_id = ${current}`;
    for (const table of ['maturity_models', 'maturity_model_versions']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY ${table}_read ON ${table} FOR SELECT USING (${platform} OR ${visibleOwner})`);
      await q.query(`CREATE POLICY ${table}_insert ON ${table} FOR INSERT WITH CHECK (${writableOwner})`);
      await q.query(`CREATE POLICY ${table}_update ON ${table} FOR UPDATE USING (${writableOwner}) WITH CHECK (${writableOwner})`);
      await q.query(`CREATE POLICY ${table}_delete ON ${table} FOR DELETE USING (${writableOwner})`);
    }
    for (const table of ['assessments', 'assessment_answers', 'assessment_scores']) {
      for (const sql of tenantTableRls(table)) await q.query(sql);
    }

    // --- benchmark cohort ---------------------------------------------------------------------------
    // Peers' scores are needed to place a tenant among them, but no peer may be identified: this
    // SECURITY DEFINER look-up returns only anonymous score rows (no tenant, no assessment id), and the
    // API returns only aggregates, and only for cohorts of at least 5 peers.
    for (const table of ['tenants', 'assessments', 'assessment_scores']) {
      await q.query(`CREATE POLICY ${table}_definer ON ${table} FOR SELECT TO CURRENT_USER USING (true)`);
    }
    await q.query(`
      CREATE FUNCTION rumbo_population_band(p_population integer) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT CASE
        WHEN p_population IS NULL THEN NULL
        WHEN p_population < 5000 THEN 'under-5k'
        WHEN p_population < 20000 THEN '5k-20k'
        WHEN p_population < 50000 THEN '20k-50k'
        WHEN p_population < 100000 THEN '50k-100k'
        WHEN p_population < 500000 THEN '100k-500k'
        ELSE '500k-plus' END $$`);
    await q.query(`
      CREATE FUNCTION rumbo_maturity_cohort(p_model_version uuid, p_period text, p_kind text, p_band text, p_exclude uuid)
      RETURNS TABLE (overall numeric, result jsonb)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
      AS $$
        SELECT DISTINCT ON (a.tenant_id) s.overall, s.result
          FROM assessments a
          JOIN assessment_scores s ON s.tenant_id = a.tenant_id AND s.assessment_id = a.id AND s.model_version_id = a.model_version_id
          JOIN tenants t ON t.id = a.tenant_id
         WHERE a.model_version_id = p_model_version AND a.period = p_period AND a.status IN ('submitted', 'validated')
           AND t.kind = p_kind AND t.archived_at IS NULL AND rumbo_population_band(t.population) IS NOT DISTINCT FROM p_band
           AND a.tenant_id <> p_exclude
         ORDER BY a.tenant_id, a.submitted_at DESC
      $$`);
    await q.query(`REVOKE ALL ON FUNCTION rumbo_maturity_cohort(uuid, text, text, text, uuid) FROM PUBLIC`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION rumbo_maturity_cohort(uuid, text, text, text, uuid)`);
    await q.query(`DROP FUNCTION rumbo_population_band(integer)`);
    for (const table of ['tenants', 'assessments', 'assessment_scores'])
      await q.query(`DROP POLICY IF EXISTS ${table}_definer ON ${table}`);
    for (const table of ['assessment_scores', 'assessment_answers', 'assessments']) {
      for (const sql of dropTenantTableRls(table)) await q.query(sql);
    }
    await q.query(`DROP TABLE "assessment_scores"`);
    await q.query(`DROP TABLE "assessment_answers"`);
    await q.query(`DROP TABLE "assessments"`);
    await q.query(`DROP TABLE "maturity_model_versions"`);
    await q.query(`DROP FUNCTION rumbo_model_versions_immutable()`);
    await q.query(`DROP TABLE "maturity_models"`);
  }
}
