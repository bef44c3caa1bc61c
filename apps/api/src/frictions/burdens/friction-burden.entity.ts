import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { Friction } from '../friction.entity';
import { numeric } from '../numeric';

/**
 * One burden line of a friction (METHOD.md §3): one per audience that suffers it. The inputs as
 * given (`tariffPerHour` null = the tenant's default for staff and businesses, none for citizens)
 * and what burdenCost computed from them: the tariff it used and where it came from, occurrences,
 * hours and cost. Lines using a default are recomputed when the tenant's settings change.
 */
@Entity('friction_burdens')
@Check('ck_friction_burdens_audience', `audience IN ('citizens', 'businesses', 'staff')`)
@Check('ck_friction_burdens_tariff_source', `tariff_source IN ('explicit', 'tenant-default', 'none')`)
@ForeignKey(() => Friction, ['tenantId', 'frictionId'], ['tenantId', 'id'], { name: 'fk_friction_burdens_friction', onDelete: 'CASCADE' })
export class FrictionBurden {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('uuid', { name: 'friction_id' })
  frictionId!: string;

  @PrimaryColumn('text')
  audience!: 'citizens' | 'businesses' | 'staff';

  @Column('numeric', { transformer: numeric })
  population!: number;

  @Column('numeric', { name: 'frequency_per_year', transformer: numeric })
  frequencyPerYear!: number;

  @Column('numeric', { name: 'minutes_per_occurrence', transformer: numeric })
  minutesPerOccurrence!: number;

  /** As given: null when the line takes the tenant's default (or none, for citizens). */
  @Column('numeric', { name: 'tariff_per_hour', nullable: true, transformer: numeric })
  tariffPerHour!: number | null;

  @Column('text', { name: 'tariff_source' })
  tariffSource!: 'explicit' | 'tenant-default' | 'none';

  /** The tariff the cost used (explicit or the default at the time), null when none. */
  @Column('numeric', { name: 'effective_tariff', nullable: true, transformer: numeric })
  effectiveTariff!: number | null;

  @Column('numeric', { name: 'out_of_pocket', default: 0, transformer: numeric })
  outOfPocket!: number;

  @Column('numeric', { transformer: numeric })
  occurrences!: number;

  @Column('numeric', { name: 'annual_hours', transformer: numeric })
  annualHours!: number;

  @Column('numeric', { name: 'annual_cost', transformer: numeric })
  annualCost!: number;
}
