import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DbSession } from '../../../platform/database/db-session';
import { currentAccess } from '../../access/tenant-access.service';
import type { ExistingTenant, ImportTarget, ImportWriter, PlannedRow, TenantMove, TenantUpdate } from './tenant-import-plan.types';

/**
 * The tenant import's SQL, set-based: a few statements whatever the number of rows (one INSERT per
 * generation of new tenants, one UPDATE for fields and paths, one for parents), explicit columns,
 * arrays bound through `unnest`. Every statement runs in the request's transaction, under its
 * row-level security.
 */
@Injectable()
export class TenantImportRepository {
  constructor(private readonly db: DbSession) {}

  /**
   * The target, locked with its subtree's rows until the import commits; imports into the same target
   * run one at a time (an advisory lock, so two imports do not deadlock on the rows).
   */
  async lockTarget(manager: EntityManager, targetId: string): Promise<ImportTarget | undefined> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('rumbo.tenant-import:' || $1, 0))`, [targetId]);
    const [target]: ImportTarget[] = await manager.query('SELECT id, code, ancestors FROM tenants WHERE id = $1 FOR NO KEY UPDATE', [
      targetId,
    ]);
    return target;
  }

  /**
   * The target's descendants, locked against concurrent edits until the import commits. The paths
   * travel as text and are split here: the driver's array parser costs more than the query itself
   * on a large subtree.
   */
  async subtree(manager: EntityManager, targetId: string): Promise<ExistingTenant[]> {
    const rows: (Omit<ExistingTenant, 'ancestors'> & { ancestors: string | string[] })[] = await manager.query(
      `SELECT id, parent_id AS "parentId", code, kind, name, population, array_to_string(ancestors, ',') AS ancestors,
              archived_at IS NOT NULL AS archived
         FROM tenants WHERE ancestors @> ARRAY[$1::uuid] FOR NO KEY UPDATE`,
      [targetId],
    );
    for (const row of rows) row.ancestors = (row.ancestors as string).split(',');
    return rows as ExistingTenant[];
  }

  /**
   * Which of these codes tenants outside the target's subtree hold, among those the caller can see.
   * Tenants it cannot see are caught by ON CONFLICT when inserting; either way the row gets the same
   * answer.
   */
  async codesOutsideSubtree(manager: EntityManager, targetId: string, codes: readonly string[]): Promise<Set<string>> {
    if (codes.length === 0) return new Set();
    const rows: { code: string }[] = await manager.query(
      'SELECT code FROM tenants WHERE code = ANY ($1::text[]) AND id <> $2 AND NOT (ancestors @> ARRAY[$2::uuid])',
      [codes, targetId],
    );
    return new Set(rows.map((r) => r.code));
  }

  /** The plan's writer, in this transaction. */
  writer(manager: EntityManager): ImportWriter {
    return {
      insert: (rows) => this.insert(manager, rows),
      canUpdate: (ids) => this.canUpdate(manager, ids),
      update: (updates) => this.update(manager, updates),
      move: (moves) => this.move(manager, moves),
    };
  }

  /**
   * One generation of new tenants (their parents exist): the trigger derives each one's path from its
   * parent. Returns the ids inserted; a row missing from them has a code another tenant holds.
   */
  async insert(manager: EntityManager, rows: readonly PlannedRow[]): Promise<ReadonlySet<string> | 'all'> {
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO tenants (id, parent_id, code, kind, name, population)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::int[])
       ON CONFLICT (code) DO NOTHING
       RETURNING id`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.parentId),
        rows.map((r) => r.code),
        rows.map((r) => r.kind),
        rows.map((r) => r.name),
        rows.map((r) => r.population),
      ],
    );
    return inserted.length === rows.length ? 'all' : new Set(inserted.map((r) => r.id));
  }

  /** Fields and final paths set directly, so that the parent changes after it read final paths. */
  async update(manager: EntityManager, updates: readonly TenantUpdate[]): Promise<void> {
    await manager.query(
      `UPDATE tenants t
          SET kind = u.kind, name = u.name, population = u.population,
              ancestors = u.ancestors::uuid[], depth = cardinality(u.ancestors::uuid[]),
              version = t.version + u.bump, updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[], $6::int[])
           AS u(id, kind, name, population, ancestors, bump)
        WHERE t.id = u.id`,
      [
        updates.map((u) => u.id),
        updates.map((u) => u.kind),
        updates.map((u) => u.name),
        updates.map((u) => u.population),
        updates.map((u) => `{${u.ancestors.join(',')}}`),
        updates.map((u) => u.bump),
      ],
    );
  }

  /** Parent changes: the trigger re-derives (and checks) each moved tenant's path from its parent's. */
  async move(manager: EntityManager, moves: readonly TenantMove[]): Promise<void> {
    await manager.query(
      `UPDATE tenants t SET parent_id = u.parent_id FROM unnest($1::uuid[], $2::uuid[]) AS u(id, parent_id) WHERE t.id = u.id`,
      [moves.map((m) => m.id), moves.map((m) => m.parentId)],
    );
  }

  /**
   * Tenants created by this import sit below the target but are not in the readable set resolved when
   * the request began; row-level security lets a transaction update only that set. When some of them
   * need their path rebased (created under a tenant the import also moves), they are added to it.
   */
  async canUpdate(manager: EntityManager, ids: readonly string[]): Promise<void> {
    const access = currentAccess();
    if (access.platform) return;
    await this.db.within(manager, {
      userId: access.principal.kind === 'user' ? access.principal.userId : undefined,
      platform: access.platform,
      principalRoots: access.roots.map((r) => r.tenantId),
      tenantId: access.tenantId,
      readableTenantIds: [...access.readableTenantIds, ...ids],
      readableDescendantsOf: access.readableDescendantsOf,
    });
  }
}
