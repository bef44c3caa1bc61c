import { Injectable } from '@nestjs/common';

import { MaturityGapReader } from '../../maturity/insights/dimension-gaps.reader';
import { RequestContext } from '../../platform/context/request-context';
import { MemberReader } from '../../tenancy/users/member-reader';
import { FRICTION_COLUMNS as SQL_COLUMNS, FrictionsRepository, type FrictionRow } from '../frictions.repository';
import { FRICTION_COLUMNS, type FrictionColumn } from './friction-import-rows';

type Cell = string | number | null | string[] | { url: string; label?: string }[];
export type ExportRow = Record<FrictionColumn, Cell>;

/**
 * Every friction of the tenant in the import's own columns, so the file re-imports unchanged: the
 * owner by email, root causes as `modelKey:areaKey/dimensionKey`, each audience's line inputs as
 * given (an empty tariff = the tenant's default). JSON keeps evidence labels; CSV lists URLs.
 */
@Injectable()
export class FrictionExportService {
  constructor(
    private readonly frictions: FrictionsRepository,
    private readonly members: MemberReader,
    private readonly gaps: MaturityGapReader,
  ) {}

  async rows(tenantId: string): Promise<ExportRow[]> {
    const manager = RequestContext.manager();
    const rows: FrictionRow[] = await manager.query(
      `SELECT ${SQL_COLUMNS} FROM frictions f WHERE f.tenant_id = $1 ORDER BY f.ref COLLATE "C" NULLS LAST, f.id`,
      [tenantId],
    );
    const ids = rows.map((r) => r.id);
    const [lines, causes] = [await this.frictions.lines(manager, tenantId, ids), await this.frictions.causes(manager, tenantId, ids)];
    const owners = rows.flatMap((r) => (r.ownerId ? [r.ownerId] : []));
    const emails = new Map((await this.members.byUserIds(tenantId, owners, manager)).map((m) => [m.userId, m.email]));
    const models = await this.gaps.usableModels(tenantId, manager);
    return rows.map((r) => {
      const out = Object.fromEntries(FRICTION_COLUMNS.map((c) => [c, null])) as ExportRow;
      Object.assign(out, {
        ref: r.ref,
        title: r.title,
        description: r.description,
        area: r.area,
        service: r.service,
        channel: r.channel,
        status: r.status,
        ownerEmail: r.ownerId ? (emails.get(r.ownerId) ?? null) : null,
        tags: r.tags,
        evidence: r.evidence,
        rootCauses: (causes.get(r.id) ?? []).map((c) => `${models.get(c.modelId)?.key ?? c.modelId}:${c.areaKey}/${c.dimensionKey}`),
      });
      for (const line of lines.get(r.id) ?? []) {
        const a = line.audience;
        out[`${a}Population`] = line.population;
        out[`${a}FrequencyPerYear`] = line.frequencyPerYear;
        out[`${a}MinutesPerOccurrence`] = line.minutesPerOccurrence;
        out[`${a}TariffPerHour`] = line.tariffPerHour;
        out[`${a}OutOfPocketPerOccurrence`] = line.outOfPocket;
      }
      return out;
    });
  }
}

/** Export rows as CSV (RFC 4180, UTF-8, the import's header): lists joined by `;`, evidence as URLs. */
export function exportCsv(rows: readonly ExportRow[]): string {
  const cell = (value: Cell): string => {
    if (value === null) return '';
    if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : v.url)).join(';');
    return String(value);
  };
  const line = (cells: string[]) => cells.map(escape).join(',');
  return [line([...FRICTION_COLUMNS]), ...rows.map((r) => line(FRICTION_COLUMNS.map((c) => cell(r[c]))))].join('\r\n') + '\r\n';
}

/** Quoted when needed; a cell a spreadsheet would run as a formula gets an apostrophe (the import strips it). */
function escape(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
