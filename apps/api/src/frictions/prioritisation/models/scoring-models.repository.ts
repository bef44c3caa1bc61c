import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { describeConstraint } from '../../../platform/errors/postgres-errors';
import { uuidv7 } from '../../../platform/database/uuid';
import type { StoredAhp, StoredCriterion } from './scoring-model-definition';
import type { ScoringMethod, ScoringModelStatus } from './scoring-model.entity';

describeConstraint('uq_scoring_models_version', 'name', {
  es: 'otra versión de este modelo se ha creado a la vez: repita la petición',
  en: 'another version of this model was created at the same time: send the request again',
});
describeConstraint('uq_scoring_models_active', 'status', {
  es: 'otro modelo se ha activado a la vez: repita la petición',
  en: 'another model was activated at the same time: send the request again',
});

/** Manual criterion keys, each with the methods of the models that name it. */
export type ManualKeys = ReadonlyMap<string, ReadonlySet<ScoringMethod>>;

/** A scoring model as the API reads it. */
export interface ScoringModelRow {
  tenantId: string;
  id: string;
  name: string;
  version: number;
  method: ScoringMethod;
  status: ScoringModelStatus;
  criteria: StoredCriterion[];
  pairwise: number[][] | null;
  ahp: StoredAhp | null;
  activatedAt: Date | null;
  retiredAt: Date | null;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
}

/** What a create or an edit writes. */
export interface ScoringModelWrite {
  method: ScoringMethod;
  criteria: StoredCriterion[];
  pairwise: number[][] | null;
  ahp: StoredAhp | null;
}

const COLUMNS = `m.tenant_id AS "tenantId", m.id, m.name, m.version, m.method, m.status, m.criteria, m.pairwise, m.ahp,
  m.activated_at AS "activatedAt", m.retired_at AS "retiredAt", m.revision, m.created_at AS "createdAt", m.updated_at AS "updatedAt"`;

/** Typed SQL over scoring_models; every statement names the tenant. */
@Injectable()
export class ScoringModelsRepository {
  list(manager: EntityManager, tenantId: string): Promise<ScoringModelRow[]> {
    return manager.query(`SELECT ${COLUMNS} FROM scoring_models m WHERE m.tenant_id = $1 ORDER BY m.name, m.version DESC`, [tenantId]);
  }

  async find(manager: EntityManager, tenantId: string, id: string, options: { lock?: boolean } = {}): Promise<ScoringModelRow | null> {
    const [row]: ScoringModelRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM scoring_models m WHERE m.tenant_id = $1 AND m.id = $2${options.lock ? ' FOR UPDATE' : ''}`,
      [tenantId, id],
    );
    return row ?? null;
  }

  async active(manager: EntityManager, tenantId: string, options: { lock?: boolean } = {}): Promise<ScoringModelRow | null> {
    const [row]: ScoringModelRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM scoring_models m WHERE m.tenant_id = $1 AND m.status = 'active'${options.lock ? ' FOR UPDATE' : ''}`,
      [tenantId],
    );
    return row ?? null;
  }

  /**
   * A new draft, the next version of its name. Creations of one name are serialised by a
   * transaction-scoped advisory lock, so two at once get consecutive versions instead of a conflict.
   */
  async insert(
    manager: EntityManager,
    tenantId: string,
    name: string,
    write: ScoringModelWrite,
    createdBy: string | null,
  ): Promise<ScoringModelRow> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('scoring-model:' || $1 || ':' || $2, 0))`, [tenantId, name]);
    const [row]: ScoringModelRow[] = await manager.query(
      `INSERT INTO scoring_models AS m (tenant_id, id, name, version, method, criteria, pairwise, ahp, created_by)
       SELECT $1, $2, $3, coalesce(max(x.version), 0) + 1, $4, $5::jsonb, $6::jsonb, $7::jsonb, $8
         FROM scoring_models x WHERE x.tenant_id = $1 AND x.name = $3
       RETURNING ${COLUMNS}`,
      [tenantId, uuidv7(), name, write.method, JSON.stringify(write.criteria), json(write.pairwise), json(write.ahp), createdBy],
    );
    return row;
  }

  async update(manager: EntityManager, tenantId: string, id: string, write: ScoringModelWrite): Promise<ScoringModelRow> {
    const [[row]]: [ScoringModelRow[], number] = await manager.query(
      `UPDATE scoring_models m SET method = $3, criteria = $4::jsonb, pairwise = $5::jsonb, ahp = $6::jsonb,
              revision = m.revision + 1, updated_at = now()
        WHERE m.tenant_id = $1 AND m.id = $2 RETURNING ${COLUMNS}`,
      [tenantId, id, write.method, JSON.stringify(write.criteria), json(write.pairwise), json(write.ahp)],
    );
    return row;
  }

  async delete(manager: EntityManager, tenantId: string, id: string): Promise<void> {
    await manager.query(`DELETE FROM scoring_models m WHERE m.tenant_id = $1 AND m.id = $2`, [tenantId, id]);
  }

  /** Retires the active model (if any, other than `id`), then activates `id`: the partial unique index holds throughout. */
  async activate(
    manager: EntityManager,
    tenantId: string,
    id: string,
  ): Promise<{ activated: ScoringModelRow; retired: ScoringModelRow | null }> {
    const [retired]: ScoringModelRow[] = (
      await manager.query(
        `UPDATE scoring_models m SET status = 'retired', retired_at = now(), revision = m.revision + 1, updated_at = now()
          WHERE m.tenant_id = $1 AND m.status = 'active' AND m.id <> $2 RETURNING ${COLUMNS}`,
        [tenantId, id],
      )
    )[0] as ScoringModelRow[];
    const [[activated]]: [ScoringModelRow[], number] = await manager.query(
      `UPDATE scoring_models m SET status = 'active', activated_at = now(), retired_at = NULL, revision = m.revision + 1, updated_at = now()
        WHERE m.tenant_id = $1 AND m.id = $2 RETURNING ${COLUMNS}`,
      [tenantId, id],
    );
    return { activated, retired: retired ?? null };
  }

  /** The keys of the manual criteria of the tenant's models (the keys a value may be stored under), with the methods naming each. */
  async manualKeys(manager: EntityManager, tenantId: string): Promise<ManualKeys> {
    const rows: { key: string; methods: ScoringMethod[] }[] = await manager.query(
      `SELECT c->>'key' AS key, array_agg(DISTINCT m.method) AS methods FROM scoring_models m, jsonb_array_elements(m.criteria) c
        WHERE m.tenant_id = $1 AND (c->>'manual')::boolean GROUP BY c->>'key'`,
      [tenantId],
    );
    return new Map(rows.map((r) => [r.key, new Set(r.methods)]));
  }
}

const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
