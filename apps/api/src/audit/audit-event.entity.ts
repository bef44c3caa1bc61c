import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

export type AuditActorType = 'user' | 'api_key' | 'system';

/**
 * One link of a tenant's hash chain: `hash = sha256(prevHash || canonical(event))`. The runtime role
 * may only insert and read this table, so history cannot be rewritten through the API; a change made
 * directly in the database breaks the chain at that event.
 */
@Entity('audit_events')
// The audit trail knows no module: its tenant key names the tenants entity, it does not import it.
@ForeignKey('Tenant', ['tenantId'], ['id'], { name: 'fk_audit_events_tenant', onDelete: 'RESTRICT' })
@Index('uq_audit_events_id', ['tenantId', 'id'], { unique: true })
@Index('ix_audit_events_entity', ['tenantId', 'entityType', 'entityId'])
@Index('ix_audit_events_occurred', ['tenantId', 'occurredAt'])
@Check('ck_audit_events_actor_type', `actor_type IN ('user', 'api_key', 'system')`)
export class AuditEvent {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('bigint', { transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  seq!: number;

  @Column('uuid')
  id!: string;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt!: Date;

  @Column('text', { name: 'actor_type' })
  actorType!: AuditActorType;

  @Column('uuid', { name: 'actor_id', nullable: true })
  actorId!: string | null;

  @Column('text', { name: 'actor_label', nullable: true })
  actorLabel!: string | null;

  @Column('text')
  action!: string;

  @Column('text', { name: 'entity_type' })
  entityType!: string;

  @Column('text', { name: 'entity_id', nullable: true })
  entityId!: string | null;

  @Column('jsonb', { nullable: true })
  before!: Record<string, unknown> | null;

  @Column('jsonb', { nullable: true })
  after!: Record<string, unknown> | null;

  @Column('text', { name: 'request_id', nullable: true })
  requestId!: string | null;

  @Column('text', { nullable: true })
  ip!: string | null;

  @Column('text', { name: 'prev_hash' })
  prevHash!: string;

  @Column('text')
  hash!: string;
}
