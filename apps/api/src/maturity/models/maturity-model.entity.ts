import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Text in the languages the platform speaks. */
export type LocalisedText = { es: string; en: string };

/**
 * A maturity model: global (published by platform administrators, `ownerTenantId` null, read-only to
 * tenants) or owned by a tenant (visible to it and its descendants). Its content lives in versions.
 * Written through MaturityModelsRepository, which records tenant-owned models in the audit trail.
 */
@Entity('maturity_models')
@Index('uq_maturity_models_key', { synchronize: false })
@ForeignKey('Tenant', ['ownerTenantId'], ['id'], { name: 'fk_maturity_models_owner', onDelete: 'RESTRICT' })
export class MaturityModel {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  key!: string;

  @Column('uuid', { name: 'owner_tenant_id', nullable: true })
  ownerTenantId!: string | null;

  @Column('jsonb')
  name!: LocalisedText;

  @Column('jsonb', { nullable: true })
  description!: LocalisedText | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
