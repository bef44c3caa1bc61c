import { Injectable } from '@nestjs/common';
import { AuditTrail } from '../../audit/audit-trail.service';
import { RequestContext } from '../../platform/context/request-context';
import { BurdenLinesRepository } from '../burdens/burden-lines.repository';
import { costOf } from '../friction-costing';
import { assertVersion } from '../../platform/http/etag';
import { FrictionsRepository } from '../frictions.repository';
import type { FrictionSettingsDto, FrictionSettingsPutDto } from './dto/friction-settings.dto';
import { defaultTariffs, FrictionSettingsRepository } from './friction-settings.repository';

/**
 * A tenant's default hourly rates and currency. Changing them recomputes, with @rumbo/method, every
 * friction with a line on a default tariff (three statements whatever their number: read the lines,
 * rewrite them, rewrite the totals), and records one audit event with before, after and the count.
 */
@Injectable()
export class FrictionSettingsService {
  constructor(
    private readonly settings: FrictionSettingsRepository,
    private readonly lines: BurdenLinesRepository,
    private readonly frictions: FrictionsRepository,
    private readonly audit: AuditTrail,
  ) {}

  get(tenantId: string): Promise<FrictionSettingsDto> {
    return this.settings.get(RequestContext.manager(), tenantId);
  }

  async put(tenantId: string, body: FrictionSettingsPutDto, ifMatch: string | undefined): Promise<FrictionSettingsDto> {
    const manager = RequestContext.manager();
    const before = await this.settings.get(manager, tenantId, { lock: true });
    assertVersion(before.version, ifMatch);
    const after = await this.settings.put(manager, tenantId, {
      staffTariffPerHour: body.staffTariffPerHour,
      businessTariffPerHour: body.businessTariffPerHour,
      currency: body.currency,
    });
    const defaults = defaultTariffs(after);
    const affected = [...(await this.lines.onDefaultTariff(manager, tenantId))].map(([frictionId, lines]) => ({
      frictionId,
      lines,
      cost: costOf(lines, defaults),
    }));
    await this.lines.writeComputed(manager, tenantId, affected);
    await this.frictions.writeTotals(manager, tenantId, affected);
    await this.audit.record(manager, {
      action: 'friction-settings.updated',
      entityType: 'friction_settings',
      entityId: tenantId,
      before: { ...before },
      after: { ...after, recomputedFrictions: affected.length },
    });
    return after;
  }
}
