import { Injectable } from '@nestjs/common';
import type { DefaultTariffs } from '@rumbo/method';
import type { EntityManager } from 'typeorm';
import type { FrictionSettingsDto } from './dto/friction-settings.dto';
import { DEFAULT_FRICTION_SETTINGS } from './friction-settings.entity';

/** A tenant's settings: its row, or the defaults (version 0) when it has none. */
@Injectable()
export class FrictionSettingsRepository {
  async get(manager: EntityManager, tenantId: string, options: { lock?: boolean } = {}): Promise<FrictionSettingsDto> {
    const [row]: FrictionSettingsDto[] = await manager.query(
      `SELECT s.staff_tariff_per_hour::float8 AS "staffTariffPerHour", s.business_tariff_per_hour::float8 AS "businessTariffPerHour",
              s.currency, s.version
         FROM friction_settings s WHERE s.tenant_id = $1${options.lock ? ' FOR UPDATE' : ''}`,
      [tenantId],
    );
    return row ?? { ...DEFAULT_FRICTION_SETTINGS, version: 0 };
  }

  async put(manager: EntityManager, tenantId: string, settings: Omit<FrictionSettingsDto, 'version'>): Promise<FrictionSettingsDto> {
    const [row]: FrictionSettingsDto[] = await manager.query(
      `INSERT INTO friction_settings AS s (tenant_id, staff_tariff_per_hour, business_tariff_per_hour, currency)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id) DO UPDATE SET staff_tariff_per_hour = EXCLUDED.staff_tariff_per_hour,
              business_tariff_per_hour = EXCLUDED.business_tariff_per_hour, currency = EXCLUDED.currency,
              version = s.version + 1, updated_at = now()
       RETURNING s.staff_tariff_per_hour::float8 AS "staffTariffPerHour", s.business_tariff_per_hour::float8 AS "businessTariffPerHour",
                 s.currency, s.version`,
      [tenantId, settings.staffTariffPerHour, settings.businessTariffPerHour, settings.currency],
    );
    return row;
  }
}

/** The tariffs @rumbo/method applies to lines without their own. */
export function defaultTariffs(settings: Pick<FrictionSettingsDto, 'staffTariffPerHour' | 'businessTariffPerHour'>): DefaultTariffs {
  return { staff: settings.staffTariffPerHour, businesses: settings.businessTariffPerHour };
}
