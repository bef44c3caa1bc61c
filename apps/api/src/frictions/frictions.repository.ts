import { Injectable } from '@nestjs/common';
import type { BurdenInput, FrictionCost } from '@rumbo/method';
import type { EntityManager } from 'typeorm';
import { uuidv7 } from '../platform/database/uuid';
import type { EvidenceLink, FrictionStatus } from './friction.entity';

/** A friction as the API reads it (every column it shows or acts on). */
export interface FrictionRow {
  tenantId: string;
  id: string;
  ref: string | null;
  title: string;
  description: string | null;
  area: string;
  service: string | null;
  channel: string | null;
  status: FrictionStatus;
  ownerId: string | null;
  evidence: EvidenceLink[];
  tags: string[];
  annualHours: number;
  annualCost: number;
  statusChangedAt: Date;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** A stored line: its inputs as given and what the method computed. */
export interface LineRow {
  frictionId: string;
  audience: BurdenInput['audience'];
  population: number;
  frequencyPerYear: number;
  minutesPerOccurrence: number;
  tariffPerHour: number | null;
  tariffSource: 'explicit' | 'tenant-default' | 'none';
  effectiveTariff: number | null;
  outOfPocket: number;
  occurrences: number;
  annualHours: number;
  annualCost: number;
}

export interface CauseRow {
  frictionId: string;
  modelId: string;
  areaKey: string;
  dimensionKey: string;
}

/** The texts and links of a friction, as written. */
export type FrictionFields = Pick<
  FrictionRow,
  'ref' | 'title' | 'description' | 'area' | 'service' | 'channel' | 'ownerId' | 'evidence' | 'tags'
>;

export const FRICTION_COLUMNS = `f.tenant_id AS "tenantId", f.id, f.ref, f.title, f.description, f.area, f.service, f.channel, f.status,
  f.owner_id AS "ownerId", f.evidence, f.tags, f.annual_hours::float8 AS "annualHours", f.annual_cost::float8 AS "annualCost",
  f.status_changed_at AS "statusChangedAt", f.created_at AS "createdAt", f.updated_at AS "updatedAt", f.version`;

const LINE_COLUMNS = `b.friction_id AS "frictionId", b.audience, b.population::float8 AS population,
  b.frequency_per_year::float8 AS "frequencyPerYear", b.minutes_per_occurrence::float8 AS "minutesPerOccurrence",
  b.tariff_per_hour::float8 AS "tariffPerHour", b.tariff_source AS "tariffSource", b.effective_tariff::float8 AS "effectiveTariff",
  b.out_of_pocket::float8 AS "outOfPocket", b.occurrences::float8 AS occurrences, b.annual_hours::float8 AS "annualHours",
  b.annual_cost::float8 AS "annualCost"`;

/** Totals of a friction's cost, in the order of the frictions' total columns. */
function totals(cost: FrictionCost, lines: readonly BurdenInput[]): unknown[] {
  const a = cost.byAudience;
  return [
    cost.annualHours,
    cost.annualCost,
    a.citizens.annualHours,
    a.citizens.annualCost,
    a.businesses.annualHours,
    a.businesses.annualCost,
    a.staff.annualHours,
    a.staff.annualCost,
    lines.reduce((sum, l) => sum + l.population, 0),
  ];
}

/**
 * Typed SQL over frictions, their lines and root causes. Every statement names the tenant (row-level
 * security hides other tenants' rows anyway; the filter lets the keys that lead with tenant_id serve
 * it). Writes bump `version` and `updated_at`; lines and totals are written in the same transaction.
 */
@Injectable()
export class FrictionsRepository {
  async find(manager: EntityManager, tenantId: string, id: string, options: { lock?: boolean } = {}): Promise<FrictionRow | null> {
    const [row]: FrictionRow[] = await manager.query(
      `SELECT ${FRICTION_COLUMNS} FROM frictions f WHERE f.tenant_id = $1 AND f.id = $2${options.lock ? ' FOR UPDATE' : ''}`,
      [tenantId, id],
    );
    return row ?? null;
  }

  /** The frictions with these ids (any order), locked when asked. */
  findMany(manager: EntityManager, tenantId: string, ids: readonly string[], options: { lock?: boolean } = {}): Promise<FrictionRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.query(
      `SELECT ${FRICTION_COLUMNS} FROM frictions f WHERE f.tenant_id = $1 AND f.id = ANY ($2::uuid[])
        ORDER BY f.id${options.lock ? ' FOR UPDATE' : ''}`,
      [tenantId, [...new Set(ids)]],
    );
  }

  /** The id of the friction with this ref, if any. */
  async idOfRef(manager: EntityManager, tenantId: string, ref: string): Promise<string | null> {
    const [row]: { id: string }[] = await manager.query(`SELECT f.id FROM frictions f WHERE f.tenant_id = $1 AND f.ref = $2`, [
      tenantId,
      ref,
    ]);
    return row?.id ?? null;
  }

  async insert(
    manager: EntityManager,
    tenantId: string,
    fields: FrictionFields & { status: FrictionStatus; createdBy: string | null },
    cost: FrictionCost,
    lines: readonly BurdenInput[],
  ): Promise<string> {
    const id = uuidv7();
    await manager.query(
      `INSERT INTO frictions (tenant_id, id, ref, title, description, area, service, channel, status, owner_id, evidence, tags, created_by,
                              annual_hours, annual_cost, citizens_hours, citizens_cost, businesses_hours, businesses_cost,
                              staff_hours, staff_cost, population)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12::text[], $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)`,
      [
        tenantId,
        id,
        fields.ref,
        fields.title,
        fields.description,
        fields.area,
        fields.service,
        fields.channel,
        fields.status,
        fields.ownerId,
        JSON.stringify(fields.evidence),
        fields.tags,
        fields.createdBy,
        ...totals(cost, lines),
      ],
    );
    await this.insertLines(manager, tenantId, [{ frictionId: id, cost, lines }]);
    return id;
  }

  /** Changes the texts and links; with `cost`, replaces every line and the totals too. */
  async update(
    manager: EntityManager,
    tenantId: string,
    id: string,
    fields: FrictionFields,
    replace?: { cost: FrictionCost; lines: readonly BurdenInput[] },
  ): Promise<void> {
    await manager.query(
      `UPDATE frictions SET ref = $3, title = $4, description = $5, area = $6, service = $7, channel = $8, owner_id = $9,
              evidence = $10::jsonb, tags = $11::text[], version = version + 1, updated_at = now()
        WHERE tenant_id = $1 AND id = $2`,
      [
        tenantId,
        id,
        fields.ref,
        fields.title,
        fields.description,
        fields.area,
        fields.service,
        fields.channel,
        fields.ownerId,
        JSON.stringify(fields.evidence),
        fields.tags,
      ],
    );
    if (replace) {
      await manager.query(`DELETE FROM friction_burdens WHERE tenant_id = $1 AND friction_id = $2`, [tenantId, id]);
      await this.writeTotals(manager, tenantId, [{ frictionId: id, ...replace }], { bump: false });
      await this.insertLines(manager, tenantId, [{ frictionId: id, ...replace }]);
    }
  }

  /**
   * New totals for several frictions at once (after their lines were recomputed), bumping their
   * version unless the caller's own update of the row already did.
   */
  async writeTotals(
    manager: EntityManager,
    tenantId: string,
    items: readonly { frictionId: string; cost: FrictionCost; lines: readonly BurdenInput[] }[],
    options: { bump?: boolean } = {},
  ): Promise<void> {
    if (items.length === 0) return;
    const columns = items.map((i) => totals(i.cost, i.lines));
    const col = (n: number) => columns.map((c) => c[n]);
    await manager.query(
      `UPDATE frictions f SET annual_hours = u.h, annual_cost = u.c, citizens_hours = u.ch, citizens_cost = u.cc,
              businesses_hours = u.bh, businesses_cost = u.bc, staff_hours = u.sh, staff_cost = u.sc, population = u.p,
              version = f.version + $12::int, updated_at = now()
         FROM unnest($2::uuid[], $3::numeric[], $4::numeric[], $5::numeric[], $6::numeric[], $7::numeric[], $8::numeric[],
                     $9::numeric[], $10::numeric[], $11::numeric[]) AS u(id, h, c, ch, cc, bh, bc, sh, sc, p)
        WHERE f.tenant_id = $1 AND f.id = u.id`,
      [
        tenantId,
        items.map((i) => i.frictionId),
        col(0),
        col(1),
        col(2),
        col(3),
        col(4),
        col(5),
        col(6),
        col(7),
        col(8),
        options.bump === false ? 0 : 1,
      ],
    );
  }

  /** Inserts the lines of several frictions in one statement (they have none yet). */
  async insertLines(
    manager: EntityManager,
    tenantId: string,
    items: readonly { frictionId: string; cost: FrictionCost; lines: readonly BurdenInput[] }[],
  ): Promise<void> {
    const rows = items.flatMap((item) => item.cost.burdens.map((b, i) => ({ frictionId: item.frictionId, b, given: item.lines[i] })));
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO friction_burdens (tenant_id, friction_id, audience, population, frequency_per_year, minutes_per_occurrence,
                                     tariff_per_hour, tariff_source, effective_tariff, out_of_pocket, occurrences, annual_hours, annual_cost)
       SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::numeric[], $5::numeric[], $6::numeric[], $7::numeric[], $8::text[],
                                $9::numeric[], $10::numeric[], $11::numeric[], $12::numeric[], $13::numeric[])`,
      [
        tenantId,
        rows.map((r) => r.frictionId),
        rows.map((r) => r.b.audience),
        rows.map((r) => r.b.population),
        rows.map((r) => r.b.frequencyPerYear),
        rows.map((r) => r.b.minutesPerOccurrence),
        rows.map((r) => r.given.tariffPerHour ?? null),
        rows.map((r) => r.b.tariffSource),
        rows.map((r) => r.b.tariffPerHour),
        rows.map((r) => r.b.outOfPocketPerOccurrence),
        rows.map((r) => r.b.occurrences),
        rows.map((r) => r.b.annualHours),
        rows.map((r) => r.b.annualCost),
      ],
    );
  }

  /** The lines of these frictions, by friction, in audience order. */
  async lines(manager: EntityManager, tenantId: string, ids: readonly string[]): Promise<Map<string, LineRow[]>> {
    const out = new Map<string, LineRow[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return out;
    const rows: LineRow[] = await manager.query(
      `SELECT ${LINE_COLUMNS} FROM friction_burdens b WHERE b.tenant_id = $1 AND b.friction_id = ANY ($2::uuid[])
        ORDER BY b.friction_id, array_position(ARRAY['citizens', 'businesses', 'staff'], b.audience)`,
      [tenantId, [...ids]],
    );
    for (const row of rows) out.get(row.frictionId)?.push(row);
    return out;
  }

  /** The root causes of these frictions, by friction. */
  async causes(manager: EntityManager, tenantId: string, ids: readonly string[]): Promise<Map<string, CauseRow[]>> {
    const out = new Map<string, CauseRow[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return out;
    const rows: CauseRow[] = await manager.query(
      `SELECT r.friction_id AS "frictionId", r.model_id AS "modelId", r.area_key AS "areaKey", r.dimension_key AS "dimensionKey"
         FROM friction_root_causes r WHERE r.tenant_id = $1 AND r.friction_id = ANY ($2::uuid[])
        ORDER BY r.friction_id, r.model_id, r.area_key, r.dimension_key`,
      [tenantId, [...ids]],
    );
    for (const row of rows) out.get(row.frictionId)?.push(row);
    return out;
  }

  /** Replaces the root causes of several frictions in two statements. */
  async replaceCauses(
    manager: EntityManager,
    tenantId: string,
    items: readonly { frictionId: string; causes: readonly Omit<CauseRow, 'frictionId'>[] }[],
  ): Promise<void> {
    if (items.length === 0) return;
    await manager.query(`DELETE FROM friction_root_causes WHERE tenant_id = $1 AND friction_id = ANY ($2::uuid[])`, [
      tenantId,
      items.map((i) => i.frictionId),
    ]);
    const rows = items.flatMap((i) => i.causes.map((c) => ({ ...c, frictionId: i.frictionId })));
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO friction_root_causes (tenant_id, friction_id, model_id, area_key, dimension_key)
       SELECT DISTINCT $1::uuid, * FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[])`,
      [tenantId, rows.map((r) => r.frictionId), rows.map((r) => r.modelId), rows.map((r) => r.areaKey), rows.map((r) => r.dimensionKey)],
    );
  }

  /** Moves these frictions to `to` from any of `from`; returns the ids moved. */
  async transition(
    manager: EntityManager,
    tenantId: string,
    ids: readonly string[],
    from: readonly FrictionStatus[],
    to: FrictionStatus,
  ): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows: { id: string }[] = await manager.query(
      `UPDATE frictions SET status = $4, status_changed_at = now(), version = version + 1, updated_at = now()
        WHERE tenant_id = $1 AND id = ANY ($2::uuid[]) AND status = ANY ($3::text[]) RETURNING id`,
      [tenantId, [...ids], [...from], to],
    );
    return rows.map((r) => r.id);
  }

  async delete(manager: EntityManager, tenantId: string, id: string): Promise<void> {
    await manager.query(`DELETE FROM frictions WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
  }
}
