import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RequestContext } from '../../platform/context/request-context';
import type { TenantKind } from './tenant.entity';

export { TENANT_KINDS, type TenantKind } from './tenant.entity';

/** What other modules may know of a tenant. */
export interface TenantProfile {
  id: string;
  code: string;
  name: string;
  kind: TenantKind;
  population: number | null;
  parentId: string | null;
  /** Root first, parent last. */
  ancestors: string[];
}

const PROFILE_COLUMNS = `t.id, t.code, t.name, t.kind, t.population, t.parent_id AS "parentId", t.ancestors`;

/** Combining marks (accents, tildes, cedillas) once letters are decomposed (NFD). */
const COMBINING_MARKS = '\u0300-\u036f';

/**
 * `expr` without accents and in lower case, in SQL: "Ávila" → "avila", "Peñíscola" → "peniscola".
 * Decomposed, stripped of combining marks, then lowered (ASCII letters lower the same in every
 * locale); {@link TenantReader.searchPattern} folds a query the same way.
 */
function foldSql(expression: string): string {
  return `lower(regexp_replace(normalize(${expression}, NFD), '[${COMBINING_MARKS}]', '', 'g'))`;
}

/**
 * The tenant directory as other modules may read it: kind, population, name and place in the
 * hierarchy. Nobody outside tenancy queries the `tenants` table; they ask this reader (provided and
 * exported by TenancyModule), so the directory's shape can change in one place. Reads run in the
 * request's transaction, under its row-level security: what the caller cannot see is absent.
 */
@Injectable()
export class TenantReader {
  /** A tenant's profile, or null when it does not exist or is not visible. */
  async profile(tenantId: string, manager: EntityManager = RequestContext.manager()): Promise<TenantProfile | null> {
    const [row]: TenantProfile[] = await manager.query(`SELECT ${PROFILE_COLUMNS} FROM tenants t WHERE t.id = $1`, [tenantId]);
    return row ?? null;
  }

  /** A tenant's profile by its code (bootstrap and seeding; codes are unique). */
  async profileByCode(code: string, manager: EntityManager = RequestContext.manager()): Promise<TenantProfile | null> {
    const [row]: TenantProfile[] = await manager.query(`SELECT ${PROFILE_COLUMNS} FROM tenants t WHERE t.code = $1`, [code]);
    return row ?? null;
  }

  /** A tenant's ancestors, root first (empty for a root or an invisible tenant). */
  async ancestors(tenantId: string, manager: EntityManager = RequestContext.manager()): Promise<string[]> {
    const [row]: { ancestors: string[] }[] = await manager.query('SELECT ancestors FROM tenants WHERE id = $1', [tenantId]);
    return row?.ancestors ?? [];
  }

  /** Every descendant at any depth, shallowest first, then by code. */
  async descendants(tenantId: string, manager: EntityManager = RequestContext.manager()): Promise<TenantProfile[]> {
    return manager.query(`SELECT ${PROFILE_COLUMNS} FROM tenants t WHERE t.ancestors @> ARRAY[$1::uuid] ORDER BY t.depth, t.code`, [
      tenantId,
    ]);
  }

  /**
   * The active (not archived) descendants of a tenant at any depth, as a relation for another
   * module's own set-based queries, such as a region's overview of its municipalities' data: one
   * statement for a page of thousands instead of a list of ids passed around. `root` is the SQL
   * placeholder of the ancestor's id (e.g. `$1`). Columns:
   *
   * `tenant_id, code, name, kind, population, parent_id, parent_name, search_key, sort_key` —
   * `search_key` is name and code folded for search, for `search_key LIKE` a
   * {@link TenantReader.searchPattern}; `sort_key` the name folded (case and accents aside) in the
   * "C" collation, so "Ávila" sorts among the A's and the order is the same on every database.
   * Served by the index on `ancestors`.
   */
  descendantsRelation(root: string): string {
    if (!/^\$[0-9]+$/.test(root)) throw new Error(`descendantsRelation: root must be a SQL placeholder, got ${root}`);
    return `(SELECT t.id AS tenant_id, t.code, t.name, t.kind, t.population, t.parent_id, p.name AS parent_name,
                    ${foldSql("t.name || ' ' || t.code")} AS search_key, ${foldSql('t.name')} COLLATE "C" AS sort_key
               FROM tenants t LEFT JOIN tenants p ON p.id = t.parent_id
              WHERE t.ancestors @> ARRAY[${root}::uuid] AND t.archived_at IS NULL)`;
  }

  /**
   * The LIKE pattern (`search_key LIKE $n`) matching every `search_key` that contains `text`, folded
   * the same way (case and accents ignored) and with LIKE's wildcards escaped.
   */
  searchPattern(text: string): string {
    const folded = text
      .trim()
      .normalize('NFD')
      .replace(new RegExp(`[${COMBINING_MARKS}]`, 'g'), '')
      .toLowerCase();
    return `%${folded.replace(/[%_\\]/g, '\\$&')}%`;
  }
}
