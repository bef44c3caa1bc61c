import { Check, Column, Entity, Index, JoinColumn, ManyToOne, VersionColumn } from 'typeorm';
import { Audited } from '../../audit/audited.decorator';
import { TenantOwnedEntity } from '../../platform/database/tenant-owned.entity';
import { Tenant } from '../../tenancy/tenants/tenant.entity';
import { MaturityModelVersion } from '../models/maturity-model-version.entity';

export const ASSESSMENT_STATUSES = ['draft', 'submitted', 'validated'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

/** An administration's assessment against one model version for one period (a year). */
@Audited('assessment')
@Entity('assessments')
@Index('ix_assessments_period', ['tenantId', 'period'])
@Check('ck_assessments_status', `status IN ('draft', 'submitted', 'validated')`)
@Check('ck_assessments_period', `period ~ '^[0-9]{4}$'`)
export class Assessment extends TenantOwnedEntity {
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

  @VersionColumn({ default: 1 })
  version!: number;

  @ManyToOne(() => Tenant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_assessments_tenant' })
  tenant?: Tenant;

  @ManyToOne(() => MaturityModelVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'model_version_id', foreignKeyConstraintName: 'fk_assessments_model_version' })
  modelVersion?: MaturityModelVersion;
}
