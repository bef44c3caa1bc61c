import { createHash } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AuditTrail } from '../../audit/audit-trail.service';
import { MaturityGapReader } from '../../maturity/insights/dimension-gaps.reader';
import { RequestContext, type RequestState } from '../../platform/context/request-context';
import { DbSession } from '../../platform/database/db-session';
import { TenantReader, type TenantProfile } from '../../tenancy/tenants/tenant-reader';
import type { FrictionStatus } from '../friction.entity';
import { costOf } from '../friction-costing';
import { FrictionsRepository } from '../frictions.repository';
import { defaultTariffs, FrictionSettingsRepository } from '../settings/friction-settings.repository';
import { DEMO_FRICTIONS } from './demo-frictions';

const DEMO_REGION = 'ES-DEMO';
const DEFAULT_MODEL_KEY = 'rumbo-default';
/** How many frictions the region itself gets; each municipality gets two. */
const REGION_FRICTIONS = 10;
const PER_MUNICIPALITY = 2;
const STATUSES: FrictionStatus[] = ['identified', 'identified', 'analysed', 'analysed', 'prioritised', 'addressed'];

/** A number in [0, 1) derived from a string: the same demo data on every machine. */
function seeded(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0) / 2 ** 32;
}

/**
 * Demo frictions (after the maturity seed): ten for the demo region and two for each of its
 * municipalities, costed by @rumbo/method under the default rates, each rooted in one of the
 * tenant's two weakest dimensions in its latest submitted assessment of the default model. Chosen
 * by hashes of the tenant's code, so every machine gets the same ones; a region whose tenants
 * already have frictions is left alone, so a restart adds nothing.
 */
export async function seedFrictions(app: INestApplicationContext, logger: Logger, options: { demo: boolean }): Promise<void> {
  if (!options.demo) return;
  const db = new DbSession(app.get(DataSource));
  const [tenants, gaps, frictions, settings, audit] = [
    app.get(TenantReader, { strict: false }),
    app.get(MaturityGapReader, { strict: false }),
    app.get(FrictionsRepository, { strict: false }),
    app.get(FrictionSettingsRepository, { strict: false }),
    app.get(AuditTrail, { strict: false }),
  ];
  const state: RequestState = { requestId: 'first-run', ip: null, actor: { type: 'system', id: null, label: 'system' } };
  await RequestContext.run(state, () =>
    db.transaction({ platform: true }, async (manager) => {
      state.manager = manager;
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('rumbo.seed-frictions', 0))`);
      const region = await tenants.profileByCode(DEMO_REGION, manager);
      if (!region) return;
      const below = await tenants.descendants(region.id, manager);
      const targets = [region, ...below.filter((t) => t.kind === 'municipality')];
      await db.within(manager, { platform: true, readableTenantIds: targets.map((t) => t.id) });
      const [{ n }]: { n: number }[] = await manager.query('SELECT count(*)::int AS n FROM frictions WHERE tenant_id = ANY ($1::uuid[])', [
        targets.map((t) => t.id),
      ]);
      if (n > 0) return;
      let created = 0;
      for (const tenant of targets) {
        await db.within(manager, { platform: true, tenantId: tenant.id, readableTenantIds: [tenant.id] });
        state.tenantId = tenant.id;
        const model = [...(await gaps.usableModels(tenant.id, manager)).values()].find(
          (m) => m.key === DEFAULT_MODEL_KEY && m.ownerTenantId === null,
        );
        const weakest = model ? weakestDimensions(await gaps.gaps(tenant.id, [model.id], manager), model.id) : [];
        const defaults = defaultTariffs(await settings.get(manager, tenant.id));
        const count = tenant.id === region.id ? REGION_FRICTIONS : PER_MUNICIPALITY;
        for (const [i, template] of pick(tenant, count).entries()) {
          const lines = template.lines(tenant.population ?? 1000);
          const ref = `${tenant.code}-F${String(i + 1).padStart(2, '0')}`;
          const status = STATUSES[Math.floor(seeded(`${ref}:status`) * STATUSES.length)];
          const fields = {
            ref,
            title: template.title,
            description: template.description,
            area: template.area,
            service: template.service,
            channel: template.channel,
            ownerId: null,
            evidence: [],
            tags: template.tags,
            status,
            createdBy: null,
          };
          const id = await frictions.insert(manager, tenant.id, fields, costOf(lines, defaults), lines);
          const cause = weakest[i % Math.max(1, weakest.length)];
          if (model && cause)
            await frictions.replaceCauses(manager, tenant.id, [{ frictionId: id, causes: [{ modelId: model.id, ...cause }] }]);
          await audit.record(manager, {
            action: 'friction.created',
            entityType: 'friction',
            entityId: id,
            after: { ref, title: template.title, area: template.area, status },
          });
          created += 1;
        }
      }
      state.tenantId = undefined;
      logger.info({ tenants: targets.length, frictions: created }, 'demo frictions created');
    }),
  );
}

/** The catalogue entries a tenant gets: `count` different ones, in an order its code decides. */
function pick(tenant: TenantProfile, count: number) {
  return [...DEMO_FRICTIONS]
    .map((f, i) => ({ f, order: seeded(`${tenant.code}:${i}`) }))
    .sort((a, b) => a.order - b.order)
    .slice(0, count)
    .map((x) => x.f);
}

/** The two dimensions with the lowest score in the latest submitted assessment (keys only). */
function weakestDimensions(
  models: Awaited<ReturnType<MaturityGapReader['gaps']>>,
  modelId: string,
): { areaKey: string; dimensionKey: string }[] {
  return (models.get(modelId)?.dimensions ?? [])
    .filter((d) => d.score !== null)
    .sort((a, b) => a.score! - b.score! || a.dimensionKey.localeCompare(b.dimensionKey))
    .slice(0, 2)
    .map((d) => ({ areaKey: d.areaKey, dimensionKey: d.dimensionKey }));
}
