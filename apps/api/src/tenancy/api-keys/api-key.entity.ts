import { Audited } from '../../audit/audited.decorator';
import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import { TenantOwnedEntity } from '../../platform/database/tenant-owned.entity';
import { Tenant } from '../tenants/tenant.entity';

export const API_KEY_SCOPES = ['read', 'write', 'kpis:write', 'admin'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/**
 * An integrator's key, bound to one tenant (and its descendants). Sent as `rmb_<id>_<secret>`; only
 * a SHA-256 of the high-entropy secret is stored, so a database leak does not leak usable keys.
 */
@Audited('api_key')
@Entity('api_keys')
export class ApiKey extends TenantOwnedEntity {
  @Column('text')
  name!: string;

  @Column('text', { array: true })
  scopes!: ApiKeyScope[];

  /** First characters of the full key, shown in lists to recognise it. */
  @Column('text')
  prefix!: string;

  @Column('text', { name: 'last_four' })
  lastFour!: string;

  @Column('text', { name: 'secret_hash' })
  secretHash!: string;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy!: string | null;

  @Column('timestamptz', { name: 'expires_at', nullable: true })
  expiresAt!: Date | null;

  @Column('timestamptz', { name: 'last_used_at', nullable: true })
  lastUsedAt!: Date | null;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;

  @ManyToOne(() => Tenant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_api_keys_tenant' })
  tenant?: Tenant;
}
