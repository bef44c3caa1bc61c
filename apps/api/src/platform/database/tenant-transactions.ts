import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** The tenant a unit of work acts for, and the tenants it may read (itself plus descendants). */
export interface TenantScope {
  tenantId: string;
  readableTenantIds: readonly string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Opens the transactions tenant-owned data is read and written in. The first statement of each
 * transaction sets `app.tenant_id` / `app.tenant_ids` with set_config(..., true): transaction-local,
 * so nothing leaks to the next user of the pooled connection. Row-level security reads them.
 */
@Injectable()
export class TenantTransactions {
  constructor(private readonly dataSource: DataSource) {}

  async run<T>(scope: TenantScope, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    assertScope(scope);
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT set_config('app.tenant_id', $1, true), set_config('app.tenant_ids', $2, true)`, [
        scope.tenantId,
        scope.readableTenantIds.join(','),
      ]);
      return work(manager);
    });
  }
}

function assertScope(scope: TenantScope): void {
  // A missing or malformed scope is a programming error, never a reason to run without isolation.
  if (!UUID.test(scope.tenantId)) throw new Error(`tenant scope without a valid tenantId: ${scope.tenantId}`);
  if (!scope.readableTenantIds.includes(scope.tenantId)) throw new Error('tenant scope must be able to read its own tenant');
  for (const id of scope.readableTenantIds) if (!UUID.test(id)) throw new Error(`invalid readable tenant id: ${id}`);
}
