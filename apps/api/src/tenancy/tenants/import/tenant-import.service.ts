import { Injectable } from '@nestjs/common';
import { AuditTrail } from '../../../audit/audit-trail.service';
import { BulkPipeline, type BulkOutcome, type BulkReport, type BulkStages } from '../../../platform/bulk/bulk-pipeline';
import type { BulkRejection } from '../../../platform/bulk/bulk-rejection';
import { RequestContext } from '../../../platform/context/request-context';
import { uuidv7 } from '../../../platform/database/uuid';
import { PlatformProblem, platformProblems } from '../../../platform/errors/platform.problems';
import type { ContentLanguage } from '../../../platform/http/language';
import { codesOutside, TenantImportPlan } from './tenant-import-plan';
import type { ImportTarget } from './tenant-import-plan.types';
import { TenantImportRepository } from './tenant-import.repository';
import {
  identifyTenantRow,
  TENANT_IMPORT_FORMAT,
  validateTenantRow,
  type ImportColumn,
  type TenantImportId,
  type TenantRow,
} from './tenant-import-rows';

type Stages = BulkStages<ImportColumn, TenantRow, TenantImportId, ImportTarget, TenantImportPlan>;

/**
 * Bulk import of a tenant hierarchy under a target tenant, idempotent on `code`, on the bulk
 * pipeline: rows validated by hand (tenant-import-rows.ts), resolved in memory against the target's
 * subtree, read once and locked (tenant-import-plan.ts, pure), then written with a handful of
 * set-based statements (tenant-import.repository.ts). Bad rows are reported by number and skipped;
 * good rows are kept; one audit event summarises the import.
 */
@Injectable()
export class TenantImportService {
  private readonly pipeline: BulkPipeline<ImportColumn, TenantRow, TenantImportId, ImportTarget, TenantImportPlan>;

  constructor(
    private readonly repository: TenantImportRepository,
    audit: AuditTrail,
  ) {
    const stages: Stages = {
      ...TENANT_IMPORT_FORMAT,
      identify: identifyTenantRow,
      validate: validateTenantRow,
      plan: (rows, rejected, target) => this.plan(rows, rejected, target),
      write: (plan) => this.write(plan),
      audit: {
        action: 'tenant.imported',
        entityType: 'tenant',
        entityId: (target) => target.id,
        list: { name: 'Codes', of: (id) => id.tenantCode ?? '' },
      },
    };
    this.pipeline = new BulkPipeline(stages, audit);
  }

  /** Reads the body (a CSV string or `{ rows: [...] }`) and runs the import into the target. */
  importBody(
    targetId: string,
    body: unknown,
    contentType: string | undefined,
    language?: ContentLanguage,
  ): Promise<BulkReport<TenantImportId>> {
    return this.pipeline.run({ body, contentType, language }, async () => {
      const target = await this.repository.lockTarget(RequestContext.manager(), targetId);
      if (!target) throw platformProblems.raise(PlatformProblem.NotFound);
      return target;
    });
  }

  private async plan(
    rows: TenantRow[],
    rejected: readonly BulkRejection<TenantImportId>[],
    target: ImportTarget,
  ): Promise<TenantImportPlan> {
    const manager = RequestContext.manager();
    const existing = await this.repository.subtree(manager, target.id);
    const usedElsewhere = await this.repository.codesOutsideSubtree(manager, target.id, codesOutside(rows, existing));
    return new TenantImportPlan({ target, rows, rejected, existing, usedElsewhere, newId: uuidv7 });
  }

  private write(plan: TenantImportPlan): Promise<BulkOutcome<TenantImportId>> {
    return plan.apply(this.repository.writer(RequestContext.manager()));
  }
}
