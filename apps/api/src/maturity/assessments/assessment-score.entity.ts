import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MaturityModelVersion } from '../models/maturity-model-version.entity';
import { Assessment } from './assessment.entity';

const numeric = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/**
 * A computed score with its provenance: the model version it used and the full explain tree, so an
 * auditor can recompute it by hand. Re-scoring under a newer version adds a row; nothing is overwritten.
 */
@Entity('assessment_scores')
export class AssessmentScore {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('uuid', { name: 'assessment_id' })
  assessmentId!: string;

  @PrimaryColumn('uuid', { name: 'model_version_id' })
  modelVersionId!: string;

  @Column('numeric', { nullable: true, transformer: numeric })
  overall!: number | null;

  @Column('integer', { nullable: true })
  level!: number | null;

  @Column('numeric', { transformer: numeric })
  coverage!: number;

  @Column('jsonb')
  result!: Record<string, unknown>;

  @Column('timestamptz', { name: 'computed_at' })
  computedAt!: Date;

  @ManyToOne(() => Assessment, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId' },
    { name: 'assessment_id', referencedColumnName: 'id' },
  ])
  assessment?: Assessment;

  @ManyToOne(() => MaturityModelVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'model_version_id', foreignKeyConstraintName: 'fk_assessment_scores_model_version' })
  modelVersion?: MaturityModelVersion;
}
