import { Audited } from '../../audit/audited.decorator';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

export const TENANT_KINDS = ['country', 'region', 'province', 'municipality', 'institute', 'other'] as const;
export type TenantKind = (typeof TENANT_KINDS)[number];

/**
 * An administration. Tenants form the hierarchy (country → region → province → municipality, plus
 * institutes); `ancestors` (root first, parent last) makes subtree and ancestor queries one indexed
 * lookup. This is the directory of tenants, not a tenant-owned table: its rows are the isolation
 * units, and its row-level security shows a caller only the subtrees it has access to.
 */
@Audited('tenant')
@Entity('tenants')
@Index('uq_tenants_code', ['code'], { unique: true })
@Index('ix_tenants_parent_name', ['parentId', 'name'])
@Index('ix_tenants_ancestors', { synchronize: false })
@Check('ck_tenants_kind', `kind IN ('country', 'region', 'province', 'municipality', 'institute', 'other')`)
@Check('ck_tenants_population', `population IS NULL OR population >= 0`)
@Check('ck_tenants_depth', `depth = cardinality(ancestors)`)
export class Tenant {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'parent_id', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => Tenant, { onDelete: 'RESTRICT', createForeignKeyConstraints: true })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'fk_tenants_parent' })
  parent?: Tenant | null;

  @Column('uuid', { array: true, default: () => `'{}'` })
  ancestors!: string[];

  @Column('integer', { default: 0 })
  depth!: number;

  @Column('text')
  kind!: TenantKind;

  @Column('text')
  code!: string;

  @Column('text')
  name!: string;

  @Column('integer', { nullable: true })
  population!: number | null;

  @Column('text', { default: 'es-ES' })
  locale!: string;

  @Column('text', { default: 'Europe/Madrid' })
  timezone!: string;

  @Column('character', { length: 3, default: 'EUR' })
  currency!: string;

  @Column('timestamptz', { name: 'archived_at', nullable: true })
  archivedAt!: Date | null;

  @VersionColumn({ default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
