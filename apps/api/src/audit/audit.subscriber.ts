import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntitySubscriberInterface, type InsertEvent, type RemoveEvent, type UpdateEvent } from 'typeorm';
import { RequestContext } from '../platform/context/request-context';
import { AuditTrail } from './audit-trail.service';
import { auditedEntityType } from './audited.decorator';
import { auditSnapshot } from './canonical-json';

type Row = Record<string, unknown> & { id?: string; tenantId?: string };

/**
 * Records every insert, update and removal of an @Audited entity made through TypeORM, inside the
 * same transaction. The event goes to the request's tenant chain, or to the row's own tenant when
 * there is no request tenant (a platform administrator creating a root tenant).
 */
@Injectable()
export class AuditSubscriber implements EntitySubscriberInterface, OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly trail: AuditTrail,
  ) {}

  onModuleInit(): void {
    this.dataSource.subscribers.push(this);
  }

  async afterInsert(event: InsertEvent<Row>): Promise<void> {
    const type = auditedEntityType(event.metadata.target);
    if (!type || !event.entity || !chained(type, event.entity)) return;
    await this.trail.record(event.manager, {
      tenantId: tenantOf(type, event.entity),
      action: `${type}.created`,
      entityType: type,
      entityId: event.entity.id ?? null,
      after: auditSnapshot(event.entity),
    });
  }

  async afterUpdate(event: UpdateEvent<Row>): Promise<void> {
    const type = auditedEntityType(event.metadata.target);
    if (!type || !event.entity) return;
    const before = event.databaseEntity as Row | undefined;
    const after = { ...(before ?? {}), ...(event.entity as Row) };
    if (!chained(type, after)) return;
    await this.trail.record(event.manager, {
      tenantId: tenantOf(type, after),
      action: `${type}.updated`,
      entityType: type,
      entityId: after.id ?? null,
      before: auditSnapshot(before),
      after: auditSnapshot(after),
    });
  }

  async afterRemove(event: RemoveEvent<Row>): Promise<void> {
    const type = auditedEntityType(event.metadata.target);
    const row = (event.databaseEntity ?? event.entity) as Row | undefined;
    if (!type || !row || !chained(type, row)) return;
    await this.trail.record(event.manager, {
      tenantId: tenantOf(type, row),
      action: `${type}.deleted`,
      entityType: type,
      entityId: (row.id ?? event.entityId ?? null) as string | null,
      before: auditSnapshot(row),
    });
  }
}

function tenantOf(type: string, row: Row): string | undefined {
  return (
    RequestContext.current()?.tenantId ??
    row.tenantId ??
    (row.ownerTenantId as string | undefined) ??
    (type === 'tenant' ? row.id : undefined)
  );
}

/**
 * Changes belong to a tenant's chain when a tenant can be named. Platform catalogue entries (global
 * maturity models, changed by platform administrators outside any tenant) have none: they are
 * versioned and immutable once published, and logged, but not chained.
 */
function chained(type: string, row: Row): boolean {
  return tenantOf(type, row) !== undefined;
}
