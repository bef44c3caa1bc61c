import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { decodeCursor, DEFAULT_PAGE_SIZE, toPage, type Page } from '../platform/http/pagination';
import type { FrictionListQueryDto, FrictionSort } from './dto/friction.dto';
import { FRICTION_COLUMNS, type FrictionRow } from './frictions.repository';

/** Each sort: the column, its SQL type for the cursor, and the direction. Ties always by id, the same way. */
const SORTS: Record<FrictionSort, { column: string; type: string; desc: boolean }> = {
  '-annualCost': { column: 'f.annual_cost', type: 'numeric', desc: true },
  annualCost: { column: 'f.annual_cost', type: 'numeric', desc: false },
  '-annualHours': { column: 'f.annual_hours', type: 'numeric', desc: true },
  annualHours: { column: 'f.annual_hours', type: 'numeric', desc: false },
  title: { column: 'f.title COLLATE "C"', type: 'text', desc: false },
  '-title': { column: 'f.title COLLATE "C"', type: 'text', desc: true },
  '-updatedAt': { column: 'f.updated_at', type: 'timestamptz', desc: true },
  updatedAt: { column: 'f.updated_at', type: 'timestamptz', desc: false },
};

/** Text without accents, in lower case, in SQL ("Empadronamiento en Ávila" → "empadronamiento en avila"). */
const fold = (expression: string) => `lower(regexp_replace(normalize(${expression}, NFD), '[\u0300-\u036f]', '', 'g'))`;

export function searchPattern(text: string): string {
  const folded = text
    .trim()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  return `%${folded.replace(/[%_\\]/g, '\\$&')}%`;
}

/**
 * A page of a tenant's frictions with filters (status, area, tag, owner, words) and one of the
 * sorts, keyset-paged on (sort column, id): one statement whatever the page. The cursor carries the
 * sort column as text, so numeric money and microsecond timestamps round-trip exactly.
 */
@Injectable()
export class FrictionListQuery {
  async page(manager: EntityManager, tenantId: string, query: FrictionListQueryDto): Promise<Page<FrictionRow>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const sort = SORTS[query.sort ?? '-annualCost'];
    const values: unknown[] = [tenantId];
    const where = ['f.tenant_id = $1'];
    const add = (value: unknown) => {
      values.push(value);
      return `$${values.length}`;
    };
    if (query.status) where.push(`f.status = ${add(query.status)}`);
    if (query.area) where.push(`f.area = ${add(query.area)}`);
    if (query.tag) where.push(`${add(query.tag)} = ANY (f.tags)`);
    if (query.ownerId) where.push(`f.owner_id = ${add(query.ownerId)}`);
    if (query.q) {
      const p = add(searchPattern(query.q));
      where.push(`${fold(`concat_ws(' ', f.title, f.description, f.service, f.ref)`)} LIKE ${p}`);
    }
    const after = decodeCursor(query.cursor, 2);
    if (after) {
      const key = add(after[0] === null ? null : String(after[0]));
      const id = add(after[1] === null ? null : String(after[1]));
      where.push(`(${sort.column}, f.id) ${sort.desc ? '<' : '>'} (${key}::${sort.type}, ${id}::uuid)`);
    }
    const direction = sort.desc ? 'DESC' : 'ASC';
    const rows: (FrictionRow & { sortKey: string })[] = await manager.query(
      `SELECT ${FRICTION_COLUMNS}, ${sort.column.replace(' COLLATE "C"', '')}::text AS "sortKey" FROM frictions f
        WHERE ${where.join(' AND ')}
        ORDER BY ${sort.column} ${direction}, f.id ${direction} LIMIT ${add(limit + 1)}`,
      values,
    );
    const page = toPage(rows, limit, (r) => [r.sortKey, r.id]);
    return { data: page.data.map(({ sortKey: _sortKey, ...row }) => row), nextCursor: page.nextCursor };
  }
}
