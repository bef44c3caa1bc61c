import { Audited } from '../../audit/audited.decorator';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TenantOwnedEntity } from '../../platform/database/tenant-owned.entity';
import { Tenant } from '../tenants/tenant.entity';
import type { Role } from './membership.entity';

/** An invitation to join a tenant with a role; its token is shown once and stored hashed. */
@Audited('invitation')
@Entity('invitations')
@Index('ix_invitations_email', ['tenantId', 'email'])
@Check('ck_invitations_role', `role IN ('admin', 'analyst', 'viewer', 'auditor')`)
export class Invitation extends TenantOwnedEntity {
  @Column('text')
  email!: string;

  @Column('text')
  role!: Role;

  @Column('text', { name: 'token_hash' })
  tokenHash!: string;

  @Column('uuid', { name: 'invited_by', nullable: true })
  invitedBy!: string | null;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt!: Date;

  @Column('timestamptz', { name: 'accepted_at', nullable: true })
  acceptedAt!: Date | null;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;

  @ManyToOne(() => Tenant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_invitations_tenant' })
  tenant?: Tenant;
}
