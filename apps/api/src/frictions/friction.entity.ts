import { Check, Column, Entity, ForeignKey, Index, VersionColumn } from 'typeorm';
import { TenantOwnedEntity } from '../platform/database/tenant-owned.entity';
import { numeric } from './numeric';

export const FRICTION_STATUSES = ['identified', 'analysed', 'prioritised', 'addressed', 'resolved', 'discarded'] as const;
export type FrictionStatus = (typeof FRICTION_STATUSES)[number];

/** An evidence link: where the friction was seen (a complaint, a survey, a report). */
export interface EvidenceLink {
  url: string;
  label?: string;
}

/**
 * A friction point of one administration (METHOD.md §3): where citizens, businesses or staff lose
 * time or money. Its burden lines are in friction_burdens; the totals here are their sums (per
 * audience and overall), kept on the row so lists, rankings and the gap-cost view are one set-based
 * statement. Written through FrictionsRepository (typed SQL), which keeps the totals and the lines
 * in the same transaction; status changes follow friction-lifecycle.ts and are audited.
 */
@Entity('frictions')
@Index('uq_frictions_ref', ['tenantId', 'ref'], { unique: true })
// (tenant_id, annual_cost DESC, id): the backlog's default order; declared in migration 1764864000000.
@Index('ix_frictions_cost', { synchronize: false })
@Index('ix_frictions_updated', ['tenantId', 'updatedAt', 'id'])
@Check('ck_frictions_status', `status IN ('identified', 'analysed', 'prioritised', 'addressed', 'resolved', 'discarded')`)
@ForeignKey('Tenant', ['tenantId'], ['id'], { name: 'fk_frictions_tenant', onDelete: 'RESTRICT' })
export class Friction extends TenantOwnedEntity {
  @Column('text', { nullable: true })
  ref!: string | null;

  @Column('text')
  title!: string;

  @Column('text', { nullable: true })
  description!: string | null;

  @Column('text')
  area!: string;

  @Column('text', { nullable: true })
  service!: string | null;

  @Column('text', { nullable: true })
  channel!: string | null;

  @Column('text', { default: 'identified' })
  status!: FrictionStatus;

  /** A user who is a member of the tenant (checked on every write that sets it). */
  @Column('uuid', { name: 'owner_id', nullable: true })
  ownerId!: string | null;

  @Column('jsonb', { default: () => `'[]'` })
  evidence!: EvidenceLink[];

  @Column('text', { array: true, default: () => `'{}'` })
  tags!: string[];

  @Column('numeric', { name: 'annual_hours', default: 0, transformer: numeric })
  annualHours!: number;

  @Column('numeric', { name: 'annual_cost', default: 0, transformer: numeric })
  annualCost!: number;

  @Column('numeric', { name: 'citizens_hours', default: 0, transformer: numeric })
  citizensHours!: number;

  @Column('numeric', { name: 'citizens_cost', default: 0, transformer: numeric })
  citizensCost!: number;

  @Column('numeric', { name: 'businesses_hours', default: 0, transformer: numeric })
  businessesHours!: number;

  @Column('numeric', { name: 'businesses_cost', default: 0, transformer: numeric })
  businessesCost!: number;

  @Column('numeric', { name: 'staff_hours', default: 0, transformer: numeric })
  staffHours!: number;

  @Column('numeric', { name: 'staff_cost', default: 0, transformer: numeric })
  staffCost!: number;

  /** Σ population of the lines: people or cases reached (RICE's reach by default). */
  @Column('numeric', { default: 0, transformer: numeric })
  population!: number;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy!: string | null;

  @Column('timestamptz', { name: 'status_changed_at', default: () => 'now()' })
  statusChangedAt!: Date;

  @VersionColumn({ default: 1 })
  version!: number;
}
