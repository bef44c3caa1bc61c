import { Injectable } from '@nestjs/common';
import type { BurdenInput, FrictionCost } from '@rumbo/method';
import type { EntityManager } from 'typeorm';

/**
 * Set-based SQL over burden lines that the settings change: every line of each friction that has a
 * line taking the tenant's default tariff (staff or businesses without their own), read in one
 * statement and rewritten in one, whatever their number.
 */
@Injectable()
export class BurdenLinesRepository {
  /** The inputs of every line of the frictions with a line on the tenant's default tariff, by friction. */
  async onDefaultTariff(manager: EntityManager, tenantId: string): Promise<Map<string, BurdenInput[]>> {
    const rows: (BurdenInput & { frictionId: string })[] = await manager.query(
      `SELECT b.friction_id AS "frictionId", b.audience, b.population::float8 AS population,
              b.frequency_per_year::float8 AS "frequencyPerYear", b.minutes_per_occurrence::float8 AS "minutesPerOccurrence",
              b.tariff_per_hour::float8 AS "tariffPerHour", b.out_of_pocket::float8 AS "outOfPocketPerOccurrence"
         FROM friction_burdens b
        WHERE b.tenant_id = $1
          AND b.friction_id IN (SELECT d.friction_id FROM friction_burdens d
                                 WHERE d.tenant_id = $1 AND d.tariff_per_hour IS NULL AND d.audience IN ('staff', 'businesses'))
        ORDER BY b.friction_id, array_position(ARRAY['citizens', 'businesses', 'staff'], b.audience)`,
      [tenantId],
    );
    const out = new Map<string, BurdenInput[]>();
    for (const { frictionId, ...line } of rows) {
      const list = out.get(frictionId) ?? [];
      list.push(line);
      out.set(frictionId, list);
    }
    return out;
  }

  /** Writes what the method computed back onto the lines (inputs unchanged). */
  async writeComputed(
    manager: EntityManager,
    tenantId: string,
    items: readonly { frictionId: string; cost: FrictionCost }[],
  ): Promise<void> {
    const rows = items.flatMap((i) => i.cost.burdens.map((b) => ({ frictionId: i.frictionId, b })));
    if (rows.length === 0) return;
    await manager.query(
      `UPDATE friction_burdens l SET tariff_source = u.source, effective_tariff = u.tariff, occurrences = u.occurrences,
              annual_hours = u.hours, annual_cost = u.cost
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::numeric[], $6::numeric[], $7::numeric[], $8::numeric[])
              AS u(friction_id, audience, source, tariff, occurrences, hours, cost)
        WHERE l.tenant_id = $1 AND l.friction_id = u.friction_id AND l.audience = u.audience`,
      [
        tenantId,
        rows.map((r) => r.frictionId),
        rows.map((r) => r.b.audience),
        rows.map((r) => r.b.tariffSource),
        rows.map((r) => r.b.tariffPerHour),
        rows.map((r) => r.b.occurrences),
        rows.map((r) => r.b.annualHours),
        rows.map((r) => r.b.annualCost),
      ],
    );
  }
}
