import { Injectable } from '@nestjs/common';
import { AuditTrail } from '../../../audit/audit-trail.service';
import { actingUserId } from '../../../maturity/acting-user';
import { BulkPipeline, type BulkOutcome, type BulkReport, type BulkStages } from '../../../platform/bulk/bulk-pipeline';
import { rejection, type BulkRejection } from '../../../platform/bulk/bulk-rejection';
import { RequestContext } from '../../../platform/context/request-context';
import type { ProblemFieldError } from '../../../platform/errors/problem';
import type { ContentLanguage } from '../../../platform/http/language';
import { FrictionReader } from '../../friction.reader';
import { CRITERION_KEY } from '../models/dto/scoring-model.dto';
import { ScoringModelsRepository, type ManualKeys } from '../models/scoring-models.repository';
import { PrioritisationProblem, prioritisationProblems } from '../prioritisation.problems';
import { PRIORITISATION_FIELD_MESSAGES as M } from '../prioritisation.texts';
import { planCriterionValues, type CriterionChange, type CriterionValuesPlan } from './criterion-values-plan';
import {
  CRITERION_IMPORT_FORMAT,
  CriterionRejection,
  criterionRejections,
  criterionValueOf,
  fitsBuiltIn,
  identifyCriterionRow,
  validateCriterionRow,
  type CriterionColumn,
  type CriterionImportId,
  type CriterionRow,
} from './criterion-values-rows';
import { CriterionValuesRepository } from './criterion-values.repository';
import type { CriterionValuesDto } from './dto/criterion-values.dto';

interface ImportContext {
  tenantId: string;
  manualKeys: ManualKeys;
}
interface ImportPlan {
  plan: CriterionValuesPlan;
  rejected: BulkRejection<CriterionImportId>[];
  rowOf: Map<string, CriterionRow>;
}

const pairKey = (frictionId: string, key: string) => `${frictionId}\u0000${key}`;

/**
 * Manual criterion values per friction: one friction's values (PUT), or many frictions' at once
 * (CSV or JSON on the bulk pipeline, by friction ref, bad rows reported and good rows stored). Only
 * keys that a scoring model of the tenant declares manual are accepted.
 */
@Injectable()
export class CriterionValuesService {
  private readonly pipeline: BulkPipeline<CriterionColumn, CriterionRow, CriterionImportId, ImportContext, ImportPlan>;

  constructor(
    private readonly values: CriterionValuesRepository,
    private readonly models: ScoringModelsRepository,
    private readonly frictions: FrictionReader,
    private readonly audit: AuditTrail,
  ) {
    const stages: BulkStages<CriterionColumn, CriterionRow, CriterionImportId, ImportContext, ImportPlan> = {
      ...CRITERION_IMPORT_FORMAT,
      identify: identifyCriterionRow,
      validate: (raw, context) => validateCriterionRow(raw, context.manualKeys),
      plan: (rows, _rejected, context) => this.plan(rows, context),
      write: (plan, context) => this.write(plan, context),
      audit: {
        action: 'friction.criteria-imported',
        entityType: 'tenant',
        entityId: (context) => context.tenantId,
        list: { name: 'Values', of: (id) => `${id.ref ?? ''}:${id.criterion ?? ''}` },
      },
    };
    this.pipeline = new BulkPipeline(stages, audit);
  }

  async get(tenantId: string, frictionId: string): Promise<CriterionValuesDto> {
    const manager = RequestContext.manager();
    await this.frictions.assertExists(tenantId, frictionId, manager);
    return this.current(tenantId, frictionId);
  }

  async put(tenantId: string, frictionId: string, body: { values: Record<string, unknown> }): Promise<CriterionValuesDto> {
    const manager = RequestContext.manager();
    await this.frictions.assertExists(tenantId, frictionId, manager);
    const manualKeys = await this.models.manualKeys(manager, tenantId);
    const errors: ProblemFieldError[] = [];
    const changes: CriterionChange[] = [];
    for (const [key, raw] of Object.entries(body.values)) {
      const path = `values.${key}`;
      if (!CRITERION_KEY.test(key) || !manualKeys.has(key)) errors.push({ path, code: 'unknownCriterion', message: M.unknownCriterion });
      else if (raw !== null && typeof raw !== 'number') errors.push({ path, code: 'invalidValue', message: M.valueNotNumber });
      else {
        const value = criterionValueOf(raw);
        if (value === undefined) errors.push({ path, code: 'invalidValue', message: M.valueOutOfRange });
        else if (!fitsBuiltIn(manualKeys, key, value)) errors.push({ path, code: 'offScale', message: M.offScale });
        else changes.push({ frictionId, criterionKey: key, value });
      }
    }
    if (errors.length > 0) throw prioritisationProblems.raise(PrioritisationProblem.InvalidCriterionValues, { errors });
    const plan = planCriterionValues(changes, await this.values.values(manager, tenantId, [frictionId]));
    await this.apply(tenantId, plan);
    if (plan.created.length + plan.updated.length > 0) {
      await this.audit.record(manager, {
        action: 'friction.criteria-set',
        entityType: 'friction',
        entityId: frictionId,
        before: Object.fromEntries(plan.updated.map((u) => [u.change.criterionKey, u.before])),
        after: Object.fromEntries([...plan.created, ...plan.updated.map((u) => u.change)].map((c) => [c.criterionKey, c.value])),
      });
    }
    return this.current(tenantId, frictionId);
  }

  importBody(
    tenantId: string,
    body: unknown,
    contentType: string | undefined,
    language?: ContentLanguage,
  ): Promise<BulkReport<CriterionImportId>> {
    return this.pipeline.run({ body, contentType, language }, async () => ({
      tenantId,
      manualKeys: await this.models.manualKeys(RequestContext.manager(), tenantId),
    }));
  }

  /** Refs to ids (unknown refs rejected), one row per (friction, criterion) (later repeats rejected), then against what is stored. */
  private async plan(rows: CriterionRow[], context: ImportContext): Promise<ImportPlan> {
    const manager = RequestContext.manager();
    const ids = await this.frictions.idsByRef(
      context.tenantId,
      rows.map((r) => r.ref),
      manager,
    );
    const rejected: BulkRejection<CriterionImportId>[] = [];
    const rowOf = new Map<string, CriterionRow>();
    const changes: CriterionChange[] = [];
    for (const row of rows) {
      const id = { ref: row.ref, criterion: row.criterion };
      const frictionId = ids.get(row.ref);
      if (!frictionId) {
        rejected.push(rejection(row.row, id, criterionRejections.problem(CriterionRejection.UnknownRef, 'ref', { ref: row.ref })));
        continue;
      }
      const key = pairKey(frictionId, row.criterion);
      const first = rowOf.get(key);
      if (first) {
        rejected.push(rejection(row.row, id, criterionRejections.problem(CriterionRejection.DuplicateRow, null, { first: first.row })));
        continue;
      }
      rowOf.set(key, row);
      changes.push({ frictionId, criterionKey: row.criterion, value: row.value });
    }
    const stored = await this.values.values(manager, context.tenantId, [...new Set(changes.map((c) => c.frictionId))]);
    return { plan: planCriterionValues(changes, stored), rejected, rowOf };
  }

  private async write({ plan, rejected, rowOf }: ImportPlan, context: ImportContext): Promise<BulkOutcome<CriterionImportId>> {
    await this.apply(context.tenantId, plan);
    const idOf = (c: CriterionChange): CriterionImportId => ({
      ref: rowOf.get(pairKey(c.frictionId, c.criterionKey))?.ref ?? null,
      criterion: c.criterionKey,
    });
    return { created: plan.created.map(idOf), updated: plan.updated.map((u) => idOf(u.change)), unchanged: plan.unchanged, rejected };
  }

  private async apply(tenantId: string, plan: CriterionValuesPlan): Promise<void> {
    const manager = RequestContext.manager();
    await this.values.upsert(manager, tenantId, plan.upserts, actingUserId());
    await this.values.delete(manager, tenantId, plan.deletes);
  }

  private async current(tenantId: string, frictionId: string): Promise<CriterionValuesDto> {
    const rows = await this.values.values(RequestContext.manager(), tenantId, [frictionId]);
    return { frictionId, values: Object.fromEntries(rows.map((r) => [r.criterionKey, r.value])) };
  }
}
