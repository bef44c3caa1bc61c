import { Column, Entity, ForeignKey, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A manual criterion value of one friction (effort in person-months, RICE confidence, a WSJF time
 * criticality…), keyed by the criterion's key so every model that names the key reads the same
 * value. Removed with its friction. Written by CriterionValuesRepository (one statement per request).
 */
@Entity('friction_criterion_values')
@Index('ix_friction_criterion_values_key', ['tenantId', 'criterionKey', 'frictionId'])
@ForeignKey('Friction', ['tenantId', 'frictionId'], ['tenantId', 'id'], {
  name: 'fk_friction_criterion_values_friction',
  onDelete: 'CASCADE',
})
export class FrictionCriterionValue {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('uuid', { name: 'friction_id' })
  frictionId!: string;

  @PrimaryColumn('text', { name: 'criterion_key' })
  criterionKey!: string;

  @Column('numeric', { transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  value!: number;

  @Column('uuid', { name: 'updated_by', nullable: true })
  updatedBy!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
