import { createHash } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { RequestContext, type RequestState } from '../../../platform/context/request-context';
import { DbSession } from '../../../platform/database/db-session';
import { TenantReader } from '../../../tenancy/tenants/tenant-reader';
import { CriterionValuesRepository } from '../criteria/criterion-values.repository';
import type { ScoringModelCreateDto } from '../models/dto/scoring-model.dto';
import { ScoringModelsService } from '../models/scoring-models.service';

const DEMO_REGION = 'ES-DEMO';
/** Person-months, the effort scale the demo draws from. */
const EFFORTS = [0.5, 1, 2, 3, 5, 8, 13];

/**
 * The demo region's scoring model: AHP over annual cost, annual hours, the root cause's maturity
 * shortfall and a manual effort (cost ≻ shortfall ≻ hours ≻ effort; CR 0.011, consistent).
 */
export const DEMO_SCORING_MODEL: ScoringModelCreateDto = {
  name: 'Prioridades de la región',
  method: 'ahp',
  criteria: [
    { key: 'cost', field: 'annualCost', direction: 'higher_is_better' },
    { key: 'hours', field: 'annualHours', direction: 'higher_is_better' },
    { key: 'shortfall', field: 'rootCauseShortfall', direction: 'higher_is_better' },
    { key: 'effort', manual: true, direction: 'lower_is_better' },
  ],
  pairwise: [
    [1, 3, 2, 4],
    [1 / 3, 1, 1 / 2, 2],
    [1 / 2, 2, 1, 3],
    [1 / 4, 1 / 2, 1 / 3, 1],
  ],
};

/** A number in [0, 1) derived from a string: the same demo data on every machine. */
function seeded(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0) / 2 ** 32;
}

/**
 * Demo prioritisation (after the frictions seed): the region's active AHP model and an effort for
 * each of its frictions, drawn from its ref's hash. Through the module's own service (checked,
 * audited, activated like any model). A region that already has a scoring model is left alone.
 */
export async function seedPrioritisation(app: INestApplicationContext, logger: Logger, options: { demo: boolean }): Promise<void> {
  if (!options.demo) return;
  const db = new DbSession(app.get(DataSource));
  const tenants = app.get(TenantReader, { strict: false });
  const models = app.get(ScoringModelsService, { strict: false });
  const values = app.get(CriterionValuesRepository, { strict: false });
  const state: RequestState = { requestId: 'first-run', ip: null, actor: { type: 'system', id: null, label: 'system' } };
  await RequestContext.run(state, () =>
    db.transaction({ platform: true }, async (manager) => {
      state.manager = manager;
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('rumbo.seed-prioritisation', 0))`);
      const region = await tenants.profileByCode(DEMO_REGION, manager);
      if (!region) return;
      await db.within(manager, { platform: true, tenantId: region.id, readableTenantIds: [region.id] });
      state.tenantId = region.id;
      try {
        if ((await models.list(region.id)).length > 0) return;
        const frictions: { id: string; ref: string }[] = await manager.query(
          `SELECT f.id, coalesce(f.ref, f.id::text) AS ref FROM frictions f WHERE f.tenant_id = $1 ORDER BY f.ref`,
          [region.id],
        );
        const model = await models.create(region.id, DEMO_SCORING_MODEL);
        const efforts = frictions.map((f) => ({
          frictionId: f.id,
          criterionKey: 'effort',
          value: EFFORTS[Math.floor(seeded(`${f.ref}:effort`) * EFFORTS.length)],
        }));
        await values.upsert(manager, region.id, efforts, null);
        await models.activate(region.id, model.id);
        logger.info({ modelId: model.id, frictions: efforts.length, cr: model.ahp?.cr }, 'demo scoring model activated');
      } finally {
        state.tenantId = undefined;
      }
    }),
  );
}
