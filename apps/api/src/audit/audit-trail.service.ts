import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { RequestContext, type Actor } from '../platform/context/request-context';
import { uuidv7 } from '../platform/database/uuid';
import { AuditEvent } from './audit-event.entity';
import { canonicalJson } from './canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditRecord {
  /** Defaults to the request's tenant. */
  tenantId?: string;
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

export type AuditVerification =
  { ok: true; checked: number } | { ok: false; checked: number; brokenAt: { seq: number; id: string; reason: string } };

/** The fields the hash covers, in canonical form. */
export function auditCanonical(e: Omit<AuditEvent, 'hash' | 'prevHash' | 'tenant'>): string {
  return canonicalJson({
    seq: e.seq,
    id: e.id,
    tenantId: e.tenantId,
    occurredAt: e.occurredAt,
    actorType: e.actorType,
    actorId: e.actorId,
    actorLabel: e.actorLabel,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    before: e.before,
    after: e.after,
    requestId: e.requestId,
    ip: e.ip,
  });
}

export function chainHash(prevHash: string, canonical: string): string {
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}

/**
 * The append-only, per-tenant hash chain. Appends run in the caller's transaction (the mutation and
 * its record commit or roll back together) and are serialised per tenant by a transaction-scoped
 * advisory lock, so sequence numbers have no gaps and each event links to its predecessor.
 */
@Injectable()
export class AuditTrail {
  async record(manager: EntityManager, record: AuditRecord): Promise<AuditEvent> {
    const context = RequestContext.current();
    const tenantId = record.tenantId ?? context?.tenantId;
    if (!tenantId) throw new Error(`audit record ${record.action} has no tenant`);
    const actor: Actor = context?.actor ?? { type: 'system', id: null, label: 'system' };
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('rumbo.audit:' || $1, 0))`, [tenantId]);
    const [last]: { seq: string; hash: string }[] = await manager.query(
      'SELECT seq, hash FROM audit_events WHERE tenant_id = $1 ORDER BY seq DESC LIMIT 1',
      [tenantId],
    );
    const event = manager.create(AuditEvent, {
      tenantId,
      seq: last ? Number(last.seq) + 1 : 1,
      id: uuidv7(),
      // Millisecond precision: what JavaScript dates hold, so the hash survives the round trip.
      occurredAt: new Date(Math.floor(Date.now())),
      actorType: actor.type,
      actorId: actor.id,
      actorLabel: actor.label,
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId ?? null,
      before: record.before ?? null,
      after: record.after ?? null,
      requestId: context?.requestId ?? null,
      ip: context?.ip ?? null,
      prevHash: last?.hash ?? GENESIS_HASH,
    });
    event.hash = chainHash(event.prevHash, auditCanonical(event));
    // jsonb columns hold plain JSON objects; TypeORM's deep-partial type cannot express that.
    await manager.insert(AuditEvent, event as QueryDeepPartialEntity<AuditEvent>);
    return event;
  }

  /** Recomputes a tenant's chain from the first event; reports the first event that does not match. */
  async verify(manager: EntityManager, tenantId: string): Promise<AuditVerification> {
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    let checked = 0;
    const pageSize = 1000;
    let after = 0;
    for (;;) {
      const events = await manager
        .createQueryBuilder(AuditEvent, 'e')
        .where('e.tenant_id = :tenantId AND e.seq > :after', { tenantId, after })
        .orderBy('e.seq', 'ASC')
        .take(pageSize)
        .getMany();
      for (const event of events) {
        const broken = (reason: string): AuditVerification => ({ ok: false, checked, brokenAt: { seq: event.seq, id: event.id, reason } });
        if (event.seq !== expectedSeq) return broken(`sequence gap: expected ${expectedSeq}`);
        if (event.prevHash !== prevHash) return broken('prevHash does not match the previous event');
        if (chainHash(event.prevHash, auditCanonical(event)) !== event.hash) return broken('content does not match its hash');
        prevHash = event.hash;
        expectedSeq++;
        checked++;
      }
      if (events.length < pageSize) return { ok: true, checked };
      after = events[events.length - 1].seq;
    }
  }
}
