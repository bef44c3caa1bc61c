import { AUDIENCES, type Audience } from '@rumbo/method';
import type { BurdenCostDto, FrictionDto, RootCauseDto } from './dto/friction.dto';
import { allowedNext } from './friction-lifecycle';
import type { FrictionRow, LineRow } from './frictions.repository';

/** A stored line as the API shows it: the tariff the cost used and where it came from. */
export function toBurdenDto(line: LineRow): BurdenCostDto {
  return {
    audience: line.audience,
    population: line.population,
    frequencyPerYear: line.frequencyPerYear,
    minutesPerOccurrence: line.minutesPerOccurrence,
    tariffPerHour: line.effectiveTariff,
    tariffSource: line.tariffSource,
    outOfPocketPerOccurrence: line.outOfPocket,
    occurrences: line.occurrences,
    annualHours: line.annualHours,
    annualCost: line.annualCost,
  };
}

/** A friction as the API shows it: its row, its lines (one per audience) and its root causes. */
export function toFrictionDto(row: FrictionRow, lines: readonly LineRow[], rootCauses: RootCauseDto[], currency: string): FrictionDto {
  const byAudience = Object.fromEntries(
    AUDIENCES.map((a: Audience) => {
      const line = lines.find((l) => l.audience === a);
      return [a, { occurrences: line?.occurrences ?? 0, annualHours: line?.annualHours ?? 0, annualCost: line?.annualCost ?? 0 }];
    }),
  ) as unknown as FrictionDto['byAudience'];
  return {
    id: row.id,
    ref: row.ref,
    title: row.title,
    description: row.description,
    area: row.area,
    service: row.service,
    channel: row.channel,
    status: row.status,
    ownerId: row.ownerId,
    evidence: row.evidence,
    tags: row.tags,
    burdens: lines.map(toBurdenDto),
    byAudience,
    annualHours: row.annualHours,
    annualCost: row.annualCost,
    currency,
    rootCauses,
    allowedStatuses: allowedNext(row.status),
    statusChangedAt: row.statusChangedAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}
