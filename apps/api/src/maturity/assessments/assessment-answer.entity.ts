import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Assessment } from './assessment.entity';

/**
 * One answer: a value, or "not applicable" (which leaves both the numerator and the denominator of
 * the dimension score). Keyed by the question's stable key, so answers survive new model versions.
 * Not @Audited per row (autosave writes often); the assessment's lifecycle changes are audited.
 */
@Entity('assessment_answers')
export class AssessmentAnswer {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('uuid', { name: 'assessment_id' })
  assessmentId!: string;

  @PrimaryColumn('text', { name: 'question_key' })
  questionKey!: string;

  @Column('numeric', {
    nullable: true,
    transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) },
  })
  value!: number | null;

  @Column('boolean', { name: 'not_applicable', default: false })
  notApplicable!: boolean;

  @Column('text', { nullable: true })
  comment!: string | null;

  @Column('text', { nullable: true })
  evidence!: string | null;

  @Column('uuid', { name: 'answered_by', nullable: true })
  answeredBy!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @ManyToOne(() => Assessment, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'tenant_id', referencedColumnName: 'tenantId' },
    { name: 'assessment_id', referencedColumnName: 'id' },
  ])
  assessment?: Assessment;
}
