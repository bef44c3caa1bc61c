import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** One stored manual value. */
export interface CriterionValue {
  frictionId: string;
  criterionKey: string;
  value: number;
}

/** Typed SQL over friction_criterion_values: set-based writes (unnest), every statement names the tenant. */
@Injectable()
export class CriterionValuesRepository {
  /** The stored values of these frictions (all keys), or of the given (friction, key) pairs. */
  values(manager: EntityManager, tenantId: string, frictionIds: readonly string[]): Promise<CriterionValue[]> {
    if (frictionIds.length === 0) return Promise.resolve([]);
    return manager.query(
      `SELECT v.friction_id AS "frictionId", v.criterion_key AS "criterionKey", v.value::float8 AS value
         FROM friction_criterion_values v WHERE v.tenant_id = $1 AND v.friction_id = ANY ($2::uuid[])
        ORDER BY v.friction_id, v.criterion_key`,
      [tenantId, [...new Set(frictionIds)]],
    );
  }

  /** Every stored value of these keys in the tenant (what an in-memory ranking reads). */
  valuesOfKeys(manager: EntityManager, tenantId: string, keys: readonly string[]): Promise<CriterionValue[]> {
    if (keys.length === 0) return Promise.resolve([]);
    return manager.query(
      `SELECT v.friction_id AS "frictionId", v.criterion_key AS "criterionKey", v.value::float8 AS value
         FROM friction_criterion_values v WHERE v.tenant_id = $1 AND v.criterion_key = ANY ($2::text[])`,
      [tenantId, [...new Set(keys)]],
    );
  }

  async upsert(manager: EntityManager, tenantId: string, rows: readonly CriterionValue[], updatedBy: string | null): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO friction_criterion_values (tenant_id, friction_id, criterion_key, value, updated_by)
       SELECT $1, u.friction_id, u.criterion_key, u.value, $5
         FROM unnest($2::uuid[], $3::text[], $4::numeric[]) AS u(friction_id, criterion_key, value)
       ON CONFLICT (tenant_id, friction_id, criterion_key) DO UPDATE
         SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [tenantId, rows.map((r) => r.frictionId), rows.map((r) => r.criterionKey), rows.map((r) => r.value), updatedBy],
    );
  }

  async delete(manager: EntityManager, tenantId: string, rows: readonly Omit<CriterionValue, 'value'>[]): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `DELETE FROM friction_criterion_values v
        USING unnest($2::uuid[], $3::text[]) AS u(friction_id, criterion_key)
        WHERE v.tenant_id = $1 AND v.friction_id = u.friction_id AND v.criterion_key = u.criterion_key`,
      [tenantId, rows.map((r) => r.frictionId), rows.map((r) => r.criterionKey)],
    );
  }
}
