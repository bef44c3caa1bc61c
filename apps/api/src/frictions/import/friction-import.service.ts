import { Injectable } from '@nestjs/common';
import type { DefaultTariffs } from '@rumbo/method';
import { AuditTrail } from '../../audit/audit-trail.service';
import { actingUserId } from '../../maturity/acting-user';
import { MaturityGapReader } from '../../maturity/insights/dimension-gaps.reader';
import { BulkPipeline, type BulkOutcome, type BulkReport, type BulkStages } from '../../platform/bulk/bulk-pipeline';
import { RequestContext } from '../../platform/context/request-context';
import type { ContentLanguage } from '../../platform/http/language';
import { MemberReader } from '../../tenancy/users/member-reader';
import { FrictionAreasService } from '../areas/friction-areas.service';
import { costOf } from '../friction-costing';
import { FrictionsRepository } from '../frictions.repository';
import { defaultTariffs, FrictionSettingsRepository } from '../settings/friction-settings.repository';
import { planFrictionImport, type FrictionImportPlan, type ImportLookups } from './friction-import-plan';
import {
  FRICTION_IMPORT_FORMAT,
  identifyFrictionRow,
  validateFrictionRow,
  type FrictionColumn,
  type FrictionImportId,
  type FrictionImportRow,
} from './friction-import-rows';
import { FrictionImportRepository } from './friction-import.repository';

interface ImportContext {
  tenantId: string;
  defaults: DefaultTariffs;
}

type Stages = BulkStages<FrictionColumn, FrictionImportRow, FrictionImportId, ImportContext, FrictionImportPlan>;

/**
 * Bulk import of frictions (CSV or JSON) on the bulk pipeline, idempotent on `ref`: rows checked by
 * hand (friction-import-rows.ts), decided in memory against what the database holds for them, read
 * once (friction-import-plan.ts), then written set-based (friction-import.repository.ts), costed by
 * @rumbo/method. Bad rows are reported by number and skipped; one audit event summarises the import.
 */
@Injectable()
export class FrictionImportService {
  private readonly pipeline: BulkPipeline<FrictionColumn, FrictionImportRow, FrictionImportId, ImportContext, FrictionImportPlan>;

  constructor(
    private readonly repository: FrictionImportRepository,
    private readonly frictions: FrictionsRepository,
    private readonly settings: FrictionSettingsRepository,
    private readonly areas: FrictionAreasService,
    private readonly members: MemberReader,
    private readonly gaps: MaturityGapReader,
    audit: AuditTrail,
  ) {
    const stages: Stages = {
      ...FRICTION_IMPORT_FORMAT,
      identify: identifyFrictionRow,
      validate: validateFrictionRow,
      plan: async (rows, _rejected, context) => planFrictionImport(rows, await this.lookups(context.tenantId, rows)),
      write: (plan, context) => this.write(plan, context),
      audit: {
        action: 'friction.imported',
        entityType: 'friction',
        entityId: (context) => context.tenantId,
        list: { name: 'Refs', of: (id) => id.ref ?? '' },
      },
    };
    this.pipeline = new BulkPipeline(stages, audit);
  }

  importBody(
    tenantId: string,
    body: unknown,
    contentType: string | undefined,
    language?: ContentLanguage,
  ): Promise<BulkReport<FrictionImportId>> {
    return this.pipeline.run({ body, contentType, language }, async () => {
      const manager = RequestContext.manager();
      // One import at a time per tenant: two racing on the same refs would both plan a create.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('frictions.import:' || $1::text, 0))`, [tenantId]);
      return { tenantId, defaults: defaultTariffs(await this.settings.get(manager, tenantId)) };
    });
  }

  private async lookups(tenantId: string, rows: readonly FrictionImportRow[]): Promise<ImportLookups> {
    const manager = RequestContext.manager();
    const emails = [...new Set(rows.flatMap((r) => (r.ownerEmail ? [r.ownerEmail] : [])))];
    const members = new Map((await this.members.byEmails(tenantId, emails, manager)).map((m) => [m.email.toLowerCase(), m.userId]));
    const keys = [...new Set(rows.flatMap((r) => r.rootCauses.map((c) => c.modelKey)))];
    const byKey = new Map<string, string>();
    for (const key of keys) {
      const model = await this.gaps.modelByKey(tenantId, key, manager);
      if (model) byKey.set(key, model.id);
    }
    const gaps = await this.gaps.gaps(tenantId, [...byKey.values()], manager);
    const models = new Map(
      [...byKey].map(([key, id]) => [
        key,
        { id, dimensions: new Set((gaps.get(id)?.dimensions ?? []).map((d) => `${d.areaKey}/${d.dimensionKey}`)) },
      ]),
    );
    return {
      existing: await this.repository.existing(
        manager,
        tenantId,
        rows.map((r) => r.ref),
      ),
      unknownAreas: await this.areas.unknown(
        tenantId,
        rows.map((r) => r.area),
        manager,
      ),
      members,
      models,
    };
  }

  private async write(plan: FrictionImportPlan, context: ImportContext): Promise<BulkOutcome<FrictionImportId>> {
    const manager = RequestContext.manager();
    const { tenantId, defaults } = context;
    const created = plan.create.map((p) => ({ ...p, cost: costOf(p.lines, defaults) }));
    const updated = plan.update.map((p) => ({ ...p, cost: costOf(p.lines, defaults) }));
    const ids = await this.repository.insertMany(manager, tenantId, created, actingUserId());
    await this.repository.updateMany(manager, tenantId, updated);
    await this.frictions.replaceCauses(manager, tenantId, [
      ...created.map((p, n) => ({ frictionId: ids[n], causes: p.causes })),
      ...updated.map((p) => ({ frictionId: p.id, causes: p.causes })),
    ]);
    return {
      created: created.map((p) => ({ ref: p.ref })),
      updated: updated.map((p) => ({ ref: p.ref })),
      unchanged: plan.unchanged,
      rejected: plan.rejected,
    };
  }
}
