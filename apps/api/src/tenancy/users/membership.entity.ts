import { Audited } from '../../audit/audited.decorator';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TenantOwnedEntity } from '../../platform/database/tenant-owned.entity';
import { Tenant } from '../tenants/tenant.entity';
import { User } from './user.entity';

export const ROLES = ['admin', 'analyst', 'viewer', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** A user's role in a tenant; it applies to the tenant's descendants too. */
@Audited('membership')
@Entity('memberships')
@Index('uq_memberships_user', ['tenantId', 'userId'], { unique: true })
@Index('ix_memberships_user_id', ['userId'])
@Check('ck_memberships_role', `role IN ('admin', 'analyst', 'viewer', 'auditor')`)
export class Membership extends TenantOwnedEntity {
  @Column('uuid', { name: 'user_id' })
  userId!: string;

  @Column('text')
  role!: Role;

  @ManyToOne(() => Tenant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_memberships_tenant' })
  tenant?: Tenant;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_memberships_user' })
  user?: User;
}
