import { Column, CreateDateColumn, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** A name in the languages the platform speaks. */
export type AreaName = { es: string; en: string };

/**
 * An area of interest a tenant added to the ten built-in ones (friction-areas.ts). Keyed by its
 * slug; a friction names its area by key.
 */
@Entity('friction_areas')
@ForeignKey('Tenant', ['tenantId'], ['id'], { name: 'fk_friction_areas_tenant', onDelete: 'RESTRICT' })
export class FrictionArea {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('text')
  key!: string;

  @Column('jsonb')
  name!: AreaName;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
