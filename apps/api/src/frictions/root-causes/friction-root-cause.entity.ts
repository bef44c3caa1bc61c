import { Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Friction } from '../friction.entity';

/**
 * A root cause: a dimension (area and dimension keys) of a maturity model visible to the tenant.
 * Keys, not version ids, so the link survives new model versions; the dimension's score and gap
 * are read from the tenant's latest submitted assessment of the model when the friction is shown.
 */
@Entity('friction_root_causes')
@Index('ix_friction_root_causes_model', ['tenantId', 'modelId', 'areaKey', 'dimensionKey'])
@ForeignKey(() => Friction, ['tenantId', 'frictionId'], ['tenantId', 'id'], {
  name: 'fk_friction_root_causes_friction',
  onDelete: 'CASCADE',
})
// By name: frictions reads maturity only through what MaturityModule exports.
@ForeignKey('MaturityModel', ['modelId'], ['id'], { name: 'fk_friction_root_causes_model', onDelete: 'RESTRICT' })
export class FrictionRootCause {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('uuid', { name: 'friction_id' })
  frictionId!: string;

  @PrimaryColumn('uuid', { name: 'model_id' })
  modelId!: string;

  @PrimaryColumn('text', { name: 'area_key' })
  areaKey!: string;

  @PrimaryColumn('text', { name: 'dimension_key' })
  dimensionKey!: string;
}
