import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/**
 * A tenant's backlog revision: bumped by database triggers (migration 1764950400000-Prioritisation)
 * on every statement that changes the tenant's frictions, burden lines, criterion values or root
 * causes. The ranking cache keys its entries on it; the application never writes it. Derived data:
 * it goes with its tenant (CASCADE), so it never holds a tenant back once its frictions are gone.
 */
@Entity('friction_backlog_revisions')
@ForeignKey('Tenant', ['tenantId'], ['id'], { name: 'fk_friction_backlog_revisions_tenant', onDelete: 'CASCADE' })
export class FrictionBacklogRevision {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  /** bigint: read as a string by the driver. */
  @Column('bigint', { default: 1 })
  revision!: string;
}
