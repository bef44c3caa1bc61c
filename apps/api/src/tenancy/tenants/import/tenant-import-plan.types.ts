/** The shapes the tenant import plan reads and writes (tenant-import-plan.ts). */
import type { TenantKind } from '../tenant.entity';
import type { TenantRow } from './tenant-import-rows';

export interface ImportTarget {
  id: string;
  code: string;
  ancestors: readonly string[];
}

/** A tenant of the target's subtree, as stored. */
export interface ExistingTenant {
  id: string;
  parentId: string;
  code: string;
  kind: TenantKind;
  name: string;
  population: number | null;
  ancestors: readonly string[];
  archived: boolean;
}

export interface ImportPlanInput {
  target: ImportTarget;
  /** Valid rows, in row order. */
  rows: readonly TenantRow[];
  /** Rows rejected before the plan: a well-formed code there is still claimed by its row. */
  rejected: readonly { row: number; tenantCode: string | null }[];
  /** The target's descendants. */
  existing: readonly ExistingTenant[];
  /** Codes of the rows held by tenants outside the subtree that the caller can see. */
  usedElsewhere: ReadonlySet<string>;
  newId: () => string;
}

/** A row as the plan resolves it; new rows are the INSERT's columns. */
export interface PlannedRow extends TenantRow {
  /** The tenant's id: the existing one, or a new one. */
  id: string;
  parentId: string;
  /** The subtree's tenant with this code (then the row updates it). */
  existing?: ExistingTenant;
  rejected: boolean;
  /** New rows: 0 when the parent is stored, else the parent row's generation + 1. */
  generation: number;
  /** Existing rows: whether kind, name, population or parent differ. */
  changed: boolean;
}

export interface TenantUpdate {
  id: string;
  kind: TenantKind;
  name: string;
  population: number | null;
  /** The final path from the root. */
  ancestors: string[];
  /** 1 when the tenant's own fields or parent change (its version goes up), 0 for a rebased path. */
  bump: 0 | 1;
}

export interface TenantMove {
  id: string;
  parentId: string;
}

/** What to write once every generation is inserted. */
export interface ImportWrites {
  /** Changed fields and every stored path that differs from the final tree, in one UPDATE. */
  updates: TenantUpdate[];
  /** New tenants among the updates (created below a moved tenant): outside the request's readable set. */
  newIdsToRebase: string[];
  /** Parent changes, applied after the updates so that the trigger reads final paths. */
  moves: TenantMove[];
}

/** Where a plan is written: each call is one set-based statement. */
export interface ImportWriter {
  /** One generation of new tenants; the ids inserted, or 'all'. A row left out has a code another tenant holds. */
  insert(rows: readonly PlannedRow[]): Promise<ReadonlySet<string> | 'all'>;
  /** Lets the transaction update tenants it has just created (outside the readable set resolved at the start). */
  canUpdate(ids: readonly string[]): Promise<void>;
  update(updates: readonly TenantUpdate[]): Promise<void>;
  move(moves: readonly TenantMove[]): Promise<void>;
}
