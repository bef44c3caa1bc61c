import { Column, Entity, ForeignKey, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { numeric } from '../numeric';

/** The default hourly rates when a tenant has no settings row: METHOD.md §3, WFA-VKV's 42 EUR/h. */
export const DEFAULT_FRICTION_SETTINGS = { staffTariffPerHour: 42, businessTariffPerHour: 42, currency: 'EUR' } as const;

/**
 * A tenant's friction settings: the default value of an hour of staff and of business time (null =
 * none: those lines count hours only) and the currency its money is in. No row = the defaults above.
 */
@Entity('friction_settings')
@ForeignKey('Tenant', ['tenantId'], ['id'], { name: 'fk_friction_settings_tenant', onDelete: 'RESTRICT' })
export class FrictionSettings {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @Column('numeric', { name: 'staff_tariff_per_hour', nullable: true, transformer: numeric })
  staffTariffPerHour!: number | null;

  @Column('numeric', { name: 'business_tariff_per_hour', nullable: true, transformer: numeric })
  businessTariffPerHour!: number | null;

  @Column('text', { default: 'EUR' })
  currency!: string;

  @VersionColumn({ default: 1 })
  version!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
