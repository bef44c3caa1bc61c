import { Check, Column, Entity, ForeignKey, Index, VersionColumn } from 'typeorm';
import { TenantOwnedEntity } from '../../platform/database/tenant-owned.entity';
import { MaturityModelVersion } from '../models/maturity-model-version.entity';

export const ASSESSMENT_STATUSES = ['draft', 'submitted', 'validated'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

/**
 * An administration's assessment against one model version for one period (a year): one per tenant,
 * model (any version) and period. Its lifecycle is the transition table in assessment-lifecycle.ts;
 * its writes go through the repositories, which record each change in the audit trail.
 *
 * `score`, `level`, `coverage`, `answeredCount` and `questionCount` are the current result of its
 * answers under its own version (scoreAssessment, kept by every write of answers), so lists and a
 * region's overview of thousands of assessments read them instead of re-scoring. The stored score
 * with its explain tree and provenance is in assessment_scores.
 */
@Entity('assessments')
@Index('ix_assessments_period', ['tenantId', 'period'])
// Partial (legacy duplicates are exempt, see duplicateOf): declared in migration 1764691200000.
@Index('uq_assessments_model_period', { synchronize: false })
@Check('ck_assessments_status', `status IN ('draft', 'submitted', 'validated')`)
@Check('ck_assessments_period', `period ~ '^[0-9]{4}$'`)
@ForeignKey('Tenant', ['tenantId'], ['id'], { name: 'fk_assessments_tenant', onDelete: 'RESTRICT' })
// The version and its model together, so modelId can never disagree with the version's model.
@ForeignKey(() => MaturityModelVersion, ['modelVersionId', 'modelId'], ['id', 'modelId'], {
  name: 'fk_assessments_model_version',
  onDelete: 'RESTRICT',
})
@ForeignKey(() => Assessment, ['tenantId', 'duplicateOf'], ['tenantId', 'id'], {
  name: 'fk_assessments_duplicate_of',
  onDelete: 'RESTRICT',
})
export class Assessment extends TenantOwnedEntity {
  @Column('uuid', { name: 'model_id' })
  modelId!: string;

  @Column('uuid', { name: 'model_version_id' })
  modelVersionId!: string;

  @Column('text')
  period!: string;

  @Column('text', { nullable: true })
  title!: string | null;

  @Column('text', { default: 'draft' })
  status!: AssessmentStatus;

  @Column('jsonb', { default: () => `'[]'` })
  respondents!: { name: string; role?: string; email?: string }[];

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy!: string | null;

  @Column('timestamptz', { name: 'submitted_at', nullable: true })
  submittedAt!: Date | null;

  @Column('uuid', { name: 'submitted_by', nullable: true })
  submittedBy!: string | null;

  @Column('timestamptz', { name: 'validated_at', nullable: true })
  validatedAt!: Date | null;

  @Column('uuid', { name: 'validated_by', nullable: true })
  validatedBy!: string | null;

  /**
   * Set only on assessments that existed before the one-per-period rule and repeated another one's
   * tenant, model and period: the one kept. They stay readable (nothing was deleted) but do not
   * count for the rule.
   */
  @Column('uuid', { name: 'duplicate_of', nullable: true })
  duplicateOf!: string | null;

  @Column('numeric', {
    nullable: true,
    transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) },
  })
  score!: number | null;

  @Column('integer', { nullable: true })
  level!: number | null;

  @Column('numeric', { default: 0, transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  coverage!: number;

  @Column('integer', { name: 'answered_count', default: 0 })
  answeredCount!: number;

  @Column('integer', { name: 'question_count', default: 0 })
  questionCount!: number;

  @VersionColumn({ default: 1 })
  version!: number;
}
