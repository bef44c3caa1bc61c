import { Injectable } from '@nestjs/common';
import type { BurdenInput, FrictionCost } from '@rumbo/method';
import type { EntityManager } from 'typeorm';
import { uuidv7 } from '../../platform/database/uuid';
import type { FrictionStatus } from '../friction.entity';
import { FRICTION_COLUMNS, FrictionsRepository, type FrictionFields, type FrictionRow } from '../frictions.repository';
import type { ExistingFriction } from './friction-import-plan';

/** A friction the import writes: its fields, status, lines and their cost. */
export interface ImportWrite {
  fields: FrictionFields;
  status: FrictionStatus;
  lines: readonly BurdenInput[];
  cost: FrictionCost;
}

const column = <T>(items: readonly ImportWrite[], of: (i: ImportWrite) => T) => items.map(of);
const fieldArrays = (items: readonly ImportWrite[]) => [
  column(items, (i) => i.fields.ref),
  column(items, (i) => i.fields.title),
  column(items, (i) => i.fields.description),
  column(items, (i) => i.fields.area),
  column(items, (i) => i.fields.service),
  column(items, (i) => i.fields.channel),
  column(items, (i) => i.status),
  column(items, (i) => i.fields.ownerId),
  column(items, (i) => JSON.stringify(i.fields.evidence)),
  // A text[] per row does not fit in one unnest: tags travel as JSON arrays.
  column(items, (i) => JSON.stringify(i.fields.tags)),
];

/**
 * The import's reads and set-based writes: the frictions of the file's refs with their lines and
 * causes (three statements), then one insert of the new frictions, one update of the changed ones,
 * and their lines, totals and root causes, whatever the number of rows.
 */
@Injectable()
export class FrictionImportRepository {
  constructor(private readonly frictions: FrictionsRepository) {}

  async existing(manager: EntityManager, tenantId: string, refs: readonly string[]): Promise<Map<string, ExistingFriction>> {
    if (refs.length === 0) return new Map();
    const rows: FrictionRow[] = await manager.query(
      `SELECT ${FRICTION_COLUMNS} FROM frictions f WHERE f.tenant_id = $1 AND f.ref = ANY ($2::text[]) ORDER BY f.id FOR UPDATE`,
      [tenantId, [...new Set(refs)]],
    );
    const ids = rows.map((r) => r.id);
    const [lines, causes] = [await this.frictions.lines(manager, tenantId, ids), await this.frictions.causes(manager, tenantId, ids)];
    return new Map(rows.map((r) => [r.ref!, { row: r, lines: lines.get(r.id) ?? [], causes: causes.get(r.id) ?? [] }]));
  }

  /** Inserts the new frictions with their totals and lines; returns their ids in order. */
  async insertMany(manager: EntityManager, tenantId: string, items: readonly ImportWrite[], createdBy: string | null): Promise<string[]> {
    if (items.length === 0) return [];
    const ids = items.map(() => uuidv7());
    const a = items.map((i) => i.cost.byAudience);
    await manager.query(
      `INSERT INTO frictions (tenant_id, id, ref, title, description, area, service, channel, status, owner_id, evidence, tags, created_by,
                              annual_hours, annual_cost, citizens_hours, citizens_cost, businesses_hours, businesses_cost,
                              staff_hours, staff_cost, population)
       SELECT $1, u.id, u.ref, u.title, u.description, u.area, u.service, u.channel, u.status, u.owner_id, u.evidence,
              ARRAY(SELECT jsonb_array_elements_text(u.tags)), $13, u.h, u.c, u.ch, u.cc, u.bh, u.bc, u.sh, u.sc, u.p
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::uuid[],
                     $11::jsonb[], $12::jsonb[], $14::numeric[], $15::numeric[], $16::numeric[], $17::numeric[], $18::numeric[],
                     $19::numeric[], $20::numeric[], $21::numeric[], $22::numeric[])
              AS u(id, ref, title, description, area, service, channel, status, owner_id, evidence, tags, h, c, ch, cc, bh, bc, sh, sc, p)`,
      [
        tenantId,
        ids,
        ...fieldArrays(items),
        createdBy,
        items.map((i) => i.cost.annualHours),
        items.map((i) => i.cost.annualCost),
        a.map((x) => x.citizens.annualHours),
        a.map((x) => x.citizens.annualCost),
        a.map((x) => x.businesses.annualHours),
        a.map((x) => x.businesses.annualCost),
        a.map((x) => x.staff.annualHours),
        a.map((x) => x.staff.annualCost),
        items.map((i) => i.lines.reduce((sum, l) => sum + l.population, 0)),
      ],
    );
    await this.frictions.insertLines(
      manager,
      tenantId,
      items.map((i, n) => ({ frictionId: ids[n], cost: i.cost, lines: i.lines })),
    );
    return ids;
  }

  /** Rewrites the changed frictions (fields, status, lines, totals) in a handful of statements. */
  async updateMany(manager: EntityManager, tenantId: string, items: readonly (ImportWrite & { id: string })[]): Promise<void> {
    if (items.length === 0) return;
    const ids = items.map((i) => i.id);
    await manager.query(
      `UPDATE frictions f SET ref = u.ref, title = u.title, description = u.description, area = u.area, service = u.service,
              channel = u.channel, status = u.status, owner_id = u.owner_id, evidence = u.evidence,
              tags = ARRAY(SELECT jsonb_array_elements_text(u.tags)),
              status_changed_at = CASE WHEN f.status = u.status THEN f.status_changed_at ELSE now() END,
              version = f.version + 1, updated_at = now()
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::uuid[],
                     $11::jsonb[], $12::jsonb[])
              AS u(id, ref, title, description, area, service, channel, status, owner_id, evidence, tags)
        WHERE f.tenant_id = $1 AND f.id = u.id`,
      [tenantId, ids, ...fieldArrays(items)],
    );
    await manager.query(`DELETE FROM friction_burdens WHERE tenant_id = $1 AND friction_id = ANY ($2::uuid[])`, [tenantId, ids]);
    const withLines = items.map((i) => ({ frictionId: i.id, cost: i.cost, lines: i.lines }));
    await this.frictions.insertLines(manager, tenantId, withLines);
    await this.frictions.writeTotals(manager, tenantId, withLines, { bump: false });
  }
}
