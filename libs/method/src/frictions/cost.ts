import { exactSum } from '../sum';
import { AUDIENCES, assertValidBurden, validateBurdens, type Audience, type BurdenInput } from './burden';

/** The tenant's hourly rates (METHOD.md §3): staff and businesses; `null` = no default. Citizens never have one. */
export interface DefaultTariffs {
  staff: number | null;
  businesses: number | null;
}

/** Where a line's tariff came from: given on the line, the tenant's default for the audience, or none (time only). */
export type TariffSource = 'explicit' | 'tenant-default' | 'none';

/** A costed burden line: its inputs as applied, and `occurrences`, `annualHours`, `annualCost` rounded to 6 decimals. */
export interface BurdenCost {
  audience: Audience;
  population: number;
  frequencyPerYear: number;
  minutesPerOccurrence: number;
  /** The tariff applied (explicit or the tenant's default), `null` when none values this audience's time. */
  tariffPerHour: number | null;
  tariffSource: TariffSource;
  outOfPocketPerOccurrence: number;
  occurrences: number;
  annualHours: number;
  annualCost: number;
}

export interface AudienceTotals {
  occurrences: number;
  annualHours: number;
  annualCost: number;
}

export interface FrictionCost {
  burdens: BurdenCost[];
  /** Every audience is present; an audience without a line has zeros. */
  byAudience: Record<Audience, AudienceTotals>;
  annualHours: number;
  annualCost: number;
}

/**
 * Rounds to 6 decimals: the nearest double to the decimal `x.toFixed(6)` (which rounds the exact
 * binary value, so the result does not depend on how `x` was printed). Costs are money stored as
 * `numeric`: 6 decimals keep sub-cent precision and make totals reproducible by hand.
 */
export function round6(x: number): number {
  const r = Number(x.toFixed(6));
  return r === 0 ? 0 : r; // no −0 in JSON-bound results
}

function checkDefaults(defaults: DefaultTariffs): void {
  for (const key of ['staff', 'businesses'] as const) {
    const rate = defaults[key];
    if (rate !== null && (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0)) {
      throw new RangeError(`default tariff for ${key} is ${rate}; it must be a finite number ≥ 0 or null`);
    }
  }
}

function tariffFor(line: BurdenInput, defaults: DefaultTariffs): { tariffPerHour: number | null; tariffSource: TariffSource } {
  if (line.tariffPerHour !== undefined && line.tariffPerHour !== null) {
    return { tariffPerHour: line.tariffPerHour, tariffSource: 'explicit' };
  }
  const rate = line.audience === 'citizens' ? null : defaults[line.audience];
  return rate === null || rate === undefined
    ? { tariffPerHour: null, tariffSource: 'none' }
    : { tariffPerHour: rate, tariffSource: 'tenant-default' };
}

/**
 * Costs one burden line by the Standard Cost Model (METHOD.md §3; Cost = Price × Quantity):
 *
 * - `occurrences = population × frequencyPerYear`
 * - `annualHours = occurrences × minutesPerOccurrence / 60`
 * - `annualCost = occurrences × (minutesPerOccurrence / 60 × tariffPerHour + outOfPocketPerOccurrence)`
 *
 * Without a tariff (citizens, or no tenant default) the time still counts in hours but costs
 * nothing; only the out-of-pocket cost is money. Each result is computed from the inputs and then
 * rounded to 6 decimals ({@link round6}).
 *
 * @throws RangeError when {@link validateBurden} reports an issue, or a default tariff is negative or not finite.
 */
export function burdenCost(line: BurdenInput, defaults: DefaultTariffs): BurdenCost {
  assertValidBurden(line);
  checkDefaults(defaults);
  const { tariffPerHour, tariffSource } = tariffFor(line, defaults);
  const outOfPocketPerOccurrence = line.outOfPocketPerOccurrence ?? 0;
  const occurrences = line.population * line.frequencyPerYear;
  const hoursPerOccurrence = line.minutesPerOccurrence / 60;
  const costPerOccurrence = hoursPerOccurrence * (tariffPerHour ?? 0) + outOfPocketPerOccurrence;
  return {
    audience: line.audience,
    population: line.population,
    frequencyPerYear: line.frequencyPerYear,
    minutesPerOccurrence: line.minutesPerOccurrence,
    tariffPerHour,
    tariffSource,
    outOfPocketPerOccurrence,
    occurrences: round6(occurrences),
    annualHours: round6((occurrences * line.minutesPerOccurrence) / 60),
    annualCost: round6(occurrences * costPerOccurrence),
  };
}

/** `round6(Σ xs)`: the decimal sum of 6-decimal values, as the nearest double (sums are correctly rounded). */
function total(xs: number[]): number {
  return round6(exactSum(xs));
}

/**
 * Costs a friction: each line by {@link burdenCost}, then the totals per audience and overall as
 * sums of the rounded lines (so a person adding up the lines shown gets the totals shown).
 *
 * @throws RangeError when a line is invalid or two lines share an audience ({@link validateBurdens}).
 */
export function frictionCost(lines: readonly BurdenInput[], defaults: DefaultTariffs): FrictionCost {
  const issues = validateBurdens(lines);
  if (issues.length > 0) {
    throw new RangeError(`frictionCost: invalid burden lines (${issues.map((i) => `${i.path}: ${i.code}`).join('; ')})`);
  }
  const burdens = lines.map((line) => burdenCost(line, defaults));
  const byAudience = {} as Record<Audience, AudienceTotals>;
  for (const audience of AUDIENCES) {
    const mine = burdens.filter((b) => b.audience === audience);
    byAudience[audience] = {
      occurrences: total(mine.map((b) => b.occurrences)),
      annualHours: total(mine.map((b) => b.annualHours)),
      annualCost: total(mine.map((b) => b.annualCost)),
    };
  }
  return {
    burdens,
    byAudience,
    annualHours: total(burdens.map((b) => b.annualHours)),
    annualCost: total(burdens.map((b) => b.annualCost)),
  };
}
