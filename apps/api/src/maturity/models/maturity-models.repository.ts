import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { uuidv7 } from '../../platform/database/uuid';
import type { LocalisedText } from './maturity-model.entity';
import type { ModelVersionStatus } from './maturity-model-version.entity';
import type { ModelDefinition } from './model-definition';

export interface ModelRow {
  id: string;
  key: string;
  ownerTenantId: string | null;
  name: LocalisedText;
  description: LocalisedText | null;
}

/** A version without its document: what lists and look-ups need. */
export interface VersionRef {
  id: string;
  modelId: string;
  ownerTenantId: string | null;
  version: number;
  status: ModelVersionStatus;
  publishedAt: Date | null;
}

export interface VersionRow extends VersionRef {
  definition: ModelDefinition;
}

const MODEL_COLUMNS = `m.id, m.key, m.owner_tenant_id AS "ownerTenantId", m.name, m.description`;
const REF_COLUMNS = `v.id, v.model_id AS "modelId", v.owner_tenant_id AS "ownerTenantId", v.version, v.status, v.published_at AS "publishedAt"`;

/**
 * Typed SQL over maturity_models and maturity_model_versions, with the columns each use needs: lists
 * never read a version's document. Rows are those row-level security shows the request (global
 * models, and those of the tenant, its ancestors and its descendants).
 */
@Injectable()
export class MaturityModelsRepository {
  /** Every visible model, by key. */
  models(manager: EntityManager): Promise<ModelRow[]> {
    return manager.query(`SELECT ${MODEL_COLUMNS} FROM maturity_models m ORDER BY m.key, m.id`);
  }

  /** The versions of the given models, newest first. */
  versionRefs(manager: EntityManager, modelIds: string[]): Promise<VersionRef[]> {
    if (modelIds.length === 0) return Promise.resolve([]);
    return manager.query(
      `SELECT ${REF_COLUMNS} FROM maturity_model_versions v WHERE v.model_id = ANY ($1::uuid[]) ORDER BY v.version DESC`,
      [modelIds],
    );
  }

  /** One visible version with its document. */
  async version(manager: EntityManager, id: string): Promise<VersionRow | null> {
    const [row]: VersionRow[] = await manager.query(`SELECT ${REF_COLUMNS}, v.definition FROM maturity_model_versions v WHERE v.id = $1`, [
      id,
    ]);
    return row ?? null;
  }

  /**
   * Visible versions by id; the document only of those not in `known` (a cache that already holds
   * them), so one statement both checks visibility and fetches what is missing.
   */
  versions(
    manager: EntityManager,
    ids: string[],
    known: ReadonlySet<string>,
  ): Promise<(VersionRef & { definition: ModelDefinition | null })[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.query(
      `SELECT ${REF_COLUMNS}, CASE WHEN v.id = ANY ($2::uuid[]) THEN NULL ELSE v.definition END AS definition
         FROM maturity_model_versions v WHERE v.id = ANY ($1::uuid[])`,
      [ids, [...known]],
    );
  }

  /** The levels of a version's document, without the rest of it. */
  async levels(manager: EntityManager, id: string): Promise<ModelDefinition['levels'] | null> {
    const [row]: { levels: ModelDefinition['levels'] }[] = await manager.query(
      `SELECT v.definition->'levels' AS levels FROM maturity_model_versions v WHERE v.id = $1`,
      [id],
    );
    return row?.levels ?? null;
  }

  /** The model with this key and owner (null: global), locked for the import that changes it. */
  async modelForUpdate(manager: EntityManager, key: string, ownerTenantId: string | null): Promise<ModelRow | null> {
    const [row]: ModelRow[] = await manager.query(
      `SELECT ${MODEL_COLUMNS} FROM maturity_models m
        WHERE m.key = $1 AND m.owner_tenant_id IS NOT DISTINCT FROM $2::uuid FOR UPDATE`,
      [key, ownerTenantId],
    );
    return row ?? null;
  }

  async insertModel(manager: EntityManager, model: Omit<ModelRow, 'id'>): Promise<ModelRow> {
    const row = { ...model, id: uuidv7() };
    await manager.query(
      `INSERT INTO maturity_models (id, key, owner_tenant_id, name, description) VALUES ($1, $2, $3, $4::jsonb, $5::jsonb)`,
      [row.id, row.key, row.ownerTenantId, JSON.stringify(row.name), row.description === null ? null : JSON.stringify(row.description)],
    );
    return row;
  }

  async updateModelTexts(manager: EntityManager, id: string, name: LocalisedText, description: LocalisedText | null): Promise<void> {
    await manager.query(`UPDATE maturity_models SET name = $2::jsonb, description = $3::jsonb, updated_at = now() WHERE id = $1`, [
      id,
      JSON.stringify(name),
      description === null ? null : JSON.stringify(description),
    ]);
  }

  /** The newest version of a model (its number and status), locked: it is replaced or followed. */
  async latestVersionForUpdate(manager: EntityManager, modelId: string): Promise<VersionRef | null> {
    const [row]: VersionRef[] = await manager.query(
      `SELECT ${REF_COLUMNS} FROM maturity_model_versions v WHERE v.model_id = $1 ORDER BY v.version DESC LIMIT 1 FOR UPDATE`,
      [modelId],
    );
    return row ?? null;
  }

  async insertVersion(
    manager: EntityManager,
    version: Pick<VersionRow, 'modelId' | 'ownerTenantId' | 'version' | 'definition'>,
  ): Promise<VersionRow> {
    const [row]: VersionRow[] = await manager.query(
      `INSERT INTO maturity_model_versions AS v (id, model_id, owner_tenant_id, version, status, definition)
       VALUES ($1, $2, $3, $4, 'draft', $5::jsonb) RETURNING ${REF_COLUMNS}, v.definition`,
      [uuidv7(), version.modelId, version.ownerTenantId, version.version, JSON.stringify(version.definition)],
    );
    return row;
  }

  /** Replaces a draft's document (a published version refuses: the database's immutability trigger). */
  async replaceDraft(manager: EntityManager, id: string, definition: ModelDefinition): Promise<VersionRow> {
    const [[row]]: [VersionRow[], number] = await manager.query(
      `UPDATE maturity_model_versions v SET definition = $2::jsonb, updated_at = now() WHERE v.id = $1 AND v.status = 'draft'
       RETURNING ${REF_COLUMNS}, v.definition`,
      [id, JSON.stringify(definition)],
    );
    return row;
  }

  /** A visible version with its document, locked for publishing. */
  async versionForUpdate(manager: EntityManager, id: string): Promise<VersionRow | null> {
    const [row]: VersionRow[] = await manager.query(
      `SELECT ${REF_COLUMNS}, v.definition FROM maturity_model_versions v WHERE v.id = $1 FOR UPDATE`,
      [id],
    );
    return row ?? null;
  }

  async publish(manager: EntityManager, id: string): Promise<VersionRow> {
    const [[row]]: [VersionRow[], number] = await manager.query(
      `UPDATE maturity_model_versions v SET status = 'published', published_at = now(), updated_at = now() WHERE v.id = $1 AND v.status = 'draft'
       RETURNING ${REF_COLUMNS}, v.definition`,
      [id],
    );
    return row;
  }
}
