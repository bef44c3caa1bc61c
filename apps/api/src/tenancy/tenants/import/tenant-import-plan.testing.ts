/**
 * For the plan's unit and property tests: the `tenants` table in memory, with what the database
 * enforces on it (unique codes across the whole platform, the trigger deriving a path from the parent
 * on INSERT and on a parent change and refusing a missing parent or a cycle) and the reads the
 * repository makes. It is the ImportWriter the plan writes through, so the tests run the plan's own
 * write sequence, not a copy of it.
 */
import type { TenantKind } from '../tenant.entity';
import { codesOutside, TenantImportPlan } from './tenant-import-plan';
import type { ExistingTenant, ImportTarget, ImportWriter, PlannedRow, TenantMove, TenantUpdate } from './tenant-import-plan.types';
import type { TenantImportId, TenantRow } from './tenant-import-rows';
import type { BulkOutcome } from '../../../platform/bulk/bulk-pipeline';
import type { BulkRejection } from '../../../platform/bulk/bulk-rejection';

export interface StoredTenant {
  id: string;
  parentId: string | null;
  code: string;
  kind: TenantKind;
  name: string;
  population: number | null;
  ancestors: string[];
  archived: boolean;
  version: number;
  /** Row-level security would hide it from the importing caller. */
  hidden?: boolean;
}

/** One statement the plan sent, for tests that count writes. */
export type Statement = { kind: 'insert'; rows: number } | { kind: 'canUpdate' | 'update' | 'move'; rows: number };

export class MemoryTenants implements ImportWriter {
  readonly byId = new Map<string, StoredTenant>();
  readonly statements: Statement[] = [];
  /** New ids, unique across the imports into this store. */
  private ids = 0;

  /** Tenants given parents first; each one's path is derived from its parent, as the trigger does. */
  add(tenant: Omit<StoredTenant, 'ancestors' | 'version' | 'archived'> & { archived?: boolean }): StoredTenant {
    const stored: StoredTenant = { archived: false, ...tenant, ancestors: this.pathBelow(tenant.parentId), version: 1 };
    this.byId.set(stored.id, stored);
    return stored;
  }

  byCode(code: string): StoredTenant | undefined {
    for (const t of this.byId.values()) if (t.code === code) return t;
    return undefined;
  }

  target(id: string): ImportTarget {
    const t = this.byId.get(id) as StoredTenant;
    return { id: t.id, code: t.code, ancestors: [...t.ancestors] };
  }

  subtree(targetId: string): ExistingTenant[] {
    return [...this.byId.values()]
      .filter((t) => t.ancestors.includes(targetId))
      .map((t) => ({ ...t, parentId: t.parentId as string, ancestors: [...t.ancestors] }));
  }

  /** Codes held outside the subtree by tenants the caller can see. */
  codesOutsideSubtree(targetId: string, codes: readonly string[]): Set<string> {
    const wanted = new Set(codes);
    return new Set(
      [...this.byId.values()]
        .filter((t) => !t.hidden && t.id !== targetId && !t.ancestors.includes(targetId) && wanted.has(t.code))
        .map((t) => t.code),
    );
  }

  /** Plans an import of these rows into the target, as the service's plan stage does. */
  plan(targetId: string, rows: readonly TenantRow[], rejected: readonly BulkRejection<TenantImportId>[] = []): TenantImportPlan {
    const existing = this.subtree(targetId);
    return new TenantImportPlan({
      target: this.target(targetId),
      rows,
      rejected,
      existing,
      usedElsewhere: this.codesOutsideSubtree(targetId, codesOutside(rows, existing)),
      newId: () => `new-${(++this.ids).toString().padStart(6, '0')}`,
    });
  }

  /** Plans and applies: the import as the pipeline runs it after validation. */
  import(
    targetId: string,
    rows: readonly TenantRow[],
    rejected: readonly BulkRejection<TenantImportId>[] = [],
  ): Promise<BulkOutcome<TenantImportId>> {
    return this.plan(targetId, rows, rejected).apply(this);
  }

  async insert(rows: readonly PlannedRow[]): Promise<ReadonlySet<string> | 'all'> {
    this.statements.push({ kind: 'insert', rows: rows.length });
    const inserted = new Set<string>();
    for (const r of rows) {
      if (this.byCode(r.code)) continue; // ON CONFLICT (code) DO NOTHING
      this.add({ id: r.id, parentId: r.parentId, code: r.code, kind: r.kind, name: r.name, population: r.population });
      inserted.add(r.id);
    }
    return Promise.resolve(inserted.size === rows.length ? 'all' : inserted);
  }

  canUpdate(ids: readonly string[]): Promise<void> {
    this.statements.push({ kind: 'canUpdate', rows: ids.length });
    return Promise.resolve();
  }

  update(updates: readonly TenantUpdate[]): Promise<void> {
    this.statements.push({ kind: 'update', rows: updates.length });
    for (const u of updates) {
      const t = this.byId.get(u.id);
      if (!t) throw new Error(`update of a missing tenant ${u.id}`);
      Object.assign(t, { kind: u.kind, name: u.name, population: u.population, ancestors: [...u.ancestors], version: t.version + u.bump });
    }
    return Promise.resolve();
  }

  move(moves: readonly TenantMove[]): Promise<void> {
    this.statements.push({ kind: 'move', rows: moves.length });
    for (const m of moves) {
      const t = this.byId.get(m.id) as StoredTenant;
      const path = this.pathBelow(m.parentId);
      if (path.includes(t.id)) throw new Error(`moving ${t.code} under its own subtree would create a cycle`);
      t.parentId = m.parentId;
      t.ancestors = path;
    }
    return Promise.resolve();
  }

  /** The path of a tenant whose parent is this one; a missing parent is the foreign key's error. */
  private pathBelow(parentId: string | null): string[] {
    if (parentId === null) return [];
    const parent = this.byId.get(parentId);
    if (!parent) throw new Error(`parent tenant ${parentId} not found`);
    return [...parent.ancestors, parent.id];
  }

  /** Every stored path equals the one its parents give (what the trigger keeps true); throws otherwise. */
  checkPaths(): void {
    for (const t of this.byId.values()) {
      const expected = t.parentId === null ? [] : [...(this.byId.get(t.parentId)?.ancestors ?? ['<missing>']), t.parentId];
      if (expected.join('/') !== t.ancestors.join('/'))
        throw new Error(`${t.code}: stored path ${t.ancestors.join('/')}, parents say ${expected.join('/')}`);
    }
  }

  /** code → parent code of every tenant below the target. */
  tree(targetId: string): Map<string, string> {
    const out = new Map<string, string>();
    for (const t of this.subtree(targetId)) out.set(t.code, (this.byId.get(t.parentId) as StoredTenant).code);
    return out;
  }

  /** The subtree as import rows (code, parent code, kind, name, population), parents before children. */
  export(targetId: string, rowFrom = 1): TenantRow[] {
    return this.subtree(targetId)
      .sort((a, b) => a.ancestors.length - b.ancestors.length || a.code.localeCompare(b.code))
      .map((t, i) => ({
        row: rowFrom + i,
        code: t.code,
        parentCode: (this.byId.get(t.parentId) as StoredTenant).code,
        kind: t.kind,
        name: t.name,
        population: t.population,
      }));
  }
}

/** A valid row, numbered later by its position. */
export function row(
  code: string,
  parentCode: string | null,
  name = code,
  kind: TenantKind = 'municipality',
  population: number | null = null,
) {
  return { code, parentCode, kind, name, population };
}

/** Rows numbered from 1 in the order given. */
export function numbered(rows: Omit<TenantRow, 'row'>[]): TenantRow[] {
  return rows.map((r, i) => ({ ...r, row: i + 1 }));
}
