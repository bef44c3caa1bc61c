import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * The settings row-level security reads, set with set_config(..., true) as the first statement of a
 * transaction: transaction-local, so nothing survives on the pooled connection afterwards.
 */
export interface SessionSettings {
  /** The tenant the unit of work acts for (writes are confined to it). */
  tenantId?: string;
  /** Tenants whose rows may be read, listed one by one: the scope tenant itself, and any others named. */
  readableTenantIds?: readonly string[];
  /**
   * Tenants whose descendants' rows (at any depth) may be read too. Checked per row through the
   * descendant's ancestors, so the context stays the size of this list, not of the subtrees.
   */
  readableDescendantsOf?: readonly string[];
  /** The signed-in user, for the user's own rows (memberships, refresh tokens). */
  userId?: string;
  /** Tenants the principal holds a membership or key on: their subtrees are visible in the directory. */
  principalRoots?: readonly string[];
  /** A platform administrator's transaction. */
  platform?: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function assertUuids(label: string, ids: readonly string[]): void {
  for (const id of ids) if (!UUID.test(id)) throw new Error(`invalid ${label}: ${id}`);
}

/** Opens transactions with the session settings RLS policies read. */
@Injectable()
export class DbSession {
  constructor(readonly dataSource: DataSource) {}

  async transaction<T>(settings: SessionSettings, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => this.within(manager, settings).then(() => work(manager)));
  }

  /** Applies (or changes) the settings inside an open transaction. */
  async within(manager: EntityManager, settings: SessionSettings): Promise<void> {
    const tenantIds = settings.readableTenantIds ?? [];
    const subtrees = settings.readableDescendantsOf ?? [];
    const roots = settings.principalRoots ?? [];
    if (settings.tenantId !== undefined) {
      assertUuids('tenantId', [settings.tenantId]);
      if (!tenantIds.includes(settings.tenantId)) throw new Error('a tenant scope must be able to read its own tenant');
    }
    assertUuids('readable tenant id', tenantIds);
    assertUuids('readable subtree', subtrees);
    assertUuids('principal root', roots);
    if (settings.userId !== undefined) assertUuids('userId', [settings.userId]);
    await manager.query(
      `SELECT set_config('app.tenant_id', $1, true), set_config('app.tenant_ids', $2, true),
              set_config('app.user_id', $3, true), set_config('app.principal_roots', $4, true),
              set_config('app.platform', $5, true), set_config('app.tenant_subtrees', $6, true)`,
      [
        settings.tenantId ?? '',
        tenantIds.join(','),
        settings.userId ?? '',
        roots.join(','),
        settings.platform ? 'on' : '',
        subtrees.join(','),
      ],
    );
  }
}
