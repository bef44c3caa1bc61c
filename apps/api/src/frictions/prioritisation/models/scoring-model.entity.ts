import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { TenantOwnedEntity } from '../../../platform/database/tenant-owned.entity';
import type { StoredAhp, StoredCriterion } from './scoring-model-definition';

export const SCORING_METHODS = ['weighted', 'rice', 'wsjf', 'ahp'] as const;
export type ScoringMethod = (typeof SCORING_METHODS)[number];

export const SCORING_MODEL_STATUSES = ['draft', 'active', 'retired'] as const;
export type ScoringModelStatus = (typeof SCORING_MODEL_STATUSES)[number];

/**
 * A tenant's scoring model (METHOD.md §4): weighted criteria, the built-in RICE or WSJF formula, or
 * weights from an AHP pairwise matrix. Versioned by name (a second model with the same name is its
 * next version); a draft until activated, then immutable; exactly one active per tenant (partial
 * unique index), the previous one retired. `ahp` keeps the eigenvector result (weights, λmax, CI, CR
 * and the random-index table) computed by @rumbo/method when the pairwise matrix was stored.
 * `revision` counts the draft's edits (the ETag); `version` is the model's number within its name.
 */
@Entity('scoring_models')
@Index('uq_scoring_models_version', ['tenantId', 'name', 'version'], { unique: true })
// One active model per tenant: partial, declared in migration 1764950400000.
@Index('uq_scoring_models_active', { synchronize: false })
@Check('ck_scoring_models_method', `method IN ('weighted', 'rice', 'wsjf', 'ahp')`)
@Check('ck_scoring_models_status', `status IN ('draft', 'active', 'retired')`)
@ForeignKey('Tenant', ['tenantId'], ['id'], { name: 'fk_scoring_models_tenant', onDelete: 'RESTRICT' })
export class ScoringModel extends TenantOwnedEntity {
  @Column('text')
  name!: string;

  @Column('integer')
  version!: number;

  @Column('text')
  method!: ScoringMethod;

  @Column('text', { default: 'draft' })
  status!: ScoringModelStatus;

  @Column('jsonb')
  criteria!: StoredCriterion[];

  @Column('jsonb', { nullable: true })
  pairwise!: number[][] | null;

  @Column('jsonb', { nullable: true })
  ahp!: StoredAhp | null;

  @Column('timestamptz', { name: 'activated_at', nullable: true })
  activatedAt!: Date | null;

  @Column('timestamptz', { name: 'retired_at', nullable: true })
  retiredAt!: Date | null;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy!: string | null;

  @Column('integer', { default: 1 })
  revision!: number;
}
