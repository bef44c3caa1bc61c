import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { MaturityModel } from './maturity-model.entity';

export type ModelVersionStatus = 'draft' | 'published';

/**
 * One version of a model: its whole structure (areas → dimensions → questions, and levels) as a JSON
 * document validated by @rumbo/method. A published version is immutable (a trigger enforces it);
 * changes go into a new version. Scores always name the version they were computed with.
 */
@Entity('maturity_model_versions')
@Index('uq_maturity_model_versions_version', ['modelId', 'version'], { unique: true })
// Lets an assessment name its version and that version's model in one foreign key.
@Index('uq_maturity_model_versions_model', ['id', 'modelId'], { unique: true })
@Check('ck_maturity_model_versions_status', `status IN ('draft', 'published')`)
export class MaturityModelVersion {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'model_id' })
  modelId!: string;

  /** Copied from the model so row-level security can read it without a join. */
  @Column('uuid', { name: 'owner_tenant_id', nullable: true })
  ownerTenantId!: string | null;

  @Column('integer')
  version!: number;

  @Column('text', { default: 'draft' })
  status!: ModelVersionStatus;

  @Column('jsonb')
  definition!: Record<string, unknown>;

  @Column('timestamptz', { name: 'published_at', nullable: true })
  publishedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @ManyToOne(() => MaturityModel, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'model_id', foreignKeyConstraintName: 'fk_maturity_model_versions_model' })
  model?: MaturityModel;
}
