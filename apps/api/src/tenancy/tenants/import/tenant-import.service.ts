import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditTrail } from '../../../audit/audit-trail.service';
import { RequestContext } from '../../../platform/context/request-context';
import { DbSession } from '../../../platform/database/db-session';
import { uuidv7 } from '../../../platform/database/uuid';
import { ProblemError, type ProblemFieldError } from '../../../platform/errors/problem';
import { currentAccess } from '../../access/tenant-access.service';
import { TENANT_CODE } from '../dto/tenant.dto';
import { TENANT_KINDS, type TenantKind } from '../tenant.entity';
import { CsvError, isBlankRecord, parseCsv } from './csv';
import type { TenantImportRejectionDto, TenantImportResultDto } from './dto/tenant-import.dto';

/** More rows than this in one request is refused (413): split the file. */
export const MAX_IMPORT_ROWS = 100_000;
/** The audit event lists the created and updated codes up to this many (each); beyond, counts only. */
export const AUDIT_CODE_LIST_MAX = 1000;

export const IMPORT_COLUMNS = ['code', 'parentCode', 'kind', 'name', 'population'] as const;
type ImportColumn = (typeof IMPORT_COLUMNS)[number];

const MAX_NAME_LENGTH = 200;
const MAX_POPULATION = 2_147_483_647;
const KINDS: ReadonlySet<string> = new Set(TENANT_KINDS);
const CODE_MESSAGE = 'code must be 1–64 letters, digits, dots, dashes or underscores, starting with a letter or digit';

/** One data row as received, before validation. */
export interface RawImportRow {
  /** Data row number, from 1. */
  row: number;
  values: Partial<Record<ImportColumn, unknown>>;
  /** A structural problem found while reading (wrong field count, unknown field, not an object). */
  problem?: string;
}

interface ExistingTenant {
  id: string;
  parentId: string;
  code: string;
  kind: TenantKind;
  name: string;
  population: number | null;
  ancestors: string[];
  archived: boolean;
}

/** A row that passed validation, as it moves through resolution and writing. */
interface ImportRow {
  row: number;
  code: string;
  /** null = the target tenant. */
  parentCode: string | null;
  kind: TenantKind;
  name: string;
  population: number | null;
  rejected: boolean;
  /** The tenant of the target's subtree with this code, if any (then the row updates it). */
  existing?: ExistingTenant;
  /** The tenant's id: the existing one, or a new UUID v7. */
  id: string;
  parentId?: string;
  /** For new rows: 0 when the parent already exists, else the parent row's generation + 1. */
  generation?: number;
  /** Existing rows: whether kind, name, population or parent differ. */
  changed?: boolean;
}

type Outcome = TenantImportResultDto;

/**
 * Bulk import of a tenant hierarchy under a target tenant, idempotent on `code`.
 *
 * Rows are validated by hand (no class-validator per row), resolved in memory against the target's
 * subtree (read once, locked), then written with a handful of set-based statements: one multi-row
 * INSERT … SELECT FROM unnest(…) per generation of new tenants (parents first, so the ancestors
 * trigger finds each parent), one UPDATE … FROM unnest(…) for changed fields and rebased ancestor
 * paths, one for parent changes. Bad rows are reported by number and skipped; good rows are kept.
 * Set-based SQL bypasses the per-entity audit subscriber, so the import records one summary event.
 */
@Injectable()
export class TenantImportService {
  constructor(
    private readonly db: DbSession,
    private readonly audit: AuditTrail,
  ) {}

  /** Reads the body (a CSV string or `{ rows: [...] }`) and runs the import. */
  async importBody(targetId: string, body: unknown, contentType: string | undefined): Promise<Outcome> {
    const csv = /^\s*text\/csv\b/i.test(contentType ?? '');
    const rows = csv ? rowsFromCsv(typeof body === 'string' ? body : '') : rowsFromJson(body);
    return this.run(targetId, rows, csv ? 'csv' : 'json');
  }

  async run(targetId: string, rawRows: RawImportRow[], format: 'csv' | 'json'): Promise<Outcome> {
    const manager = RequestContext.manager();
    // Imports into the same target run one at a time; the subtree rows are locked below.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('rumbo.tenant-import:' || $1, 0))`, [targetId]);
    const [target]: { id: string; code: string; ancestors: string[] }[] = await manager.query(
      'SELECT id, code, ancestors FROM tenants WHERE id = $1',
      [targetId],
    );
    if (!target) throw ProblemError.notFound('tenant');

    const plan = new ImportPlan(target);
    plan.validate(rawRows);
    if (plan.rows.length > 0) {
      plan.setExisting(await this.loadSubtree(manager, target.id));
      plan.setUsedElsewhere(await this.codesOutsideSubtree(manager, target.id, plan.unknownCodes()));
      plan.resolve();
      await this.write(manager, plan);
    }

    const outcome = plan.outcome();
    const created = plan.rows.filter((r) => !r.rejected && !r.existing).map((r) => r.code);
    const updated = plan.rows.filter((r) => !r.rejected && r.existing && r.changed).map((r) => r.code);
    await this.audit.record(manager, {
      action: 'tenant.imported',
      entityType: 'tenant',
      entityId: target.id,
      after: {
        format,
        rows: rawRows.length,
        created: outcome.created,
        updated: outcome.updated,
        unchanged: outcome.unchanged,
        rejected: outcome.rejected.length,
        ...(created.length <= AUDIT_CODE_LIST_MAX ? { createdCodes: created } : {}),
        ...(updated.length <= AUDIT_CODE_LIST_MAX ? { updatedCodes: updated } : {}),
      },
    });
    return outcome;
  }

  /** The target's descendants, locked against concurrent edits until the import commits. */
  private async loadSubtree(manager: EntityManager, targetId: string): Promise<ExistingTenant[]> {
    return manager.query(
      `SELECT id, parent_id AS "parentId", code, kind, name, population, ancestors, archived_at IS NOT NULL AS archived
         FROM tenants WHERE ancestors @> ARRAY[$1::uuid] FOR NO KEY UPDATE`,
      [targetId],
    );
  }

  /**
   * Codes of the file held by tenants outside the target's subtree that the caller can see. Tenants
   * it cannot see are caught by ON CONFLICT when inserting; either way the row gets the same answer.
   */
  private async codesOutsideSubtree(manager: EntityManager, targetId: string, codes: string[]): Promise<Set<string>> {
    if (codes.length === 0) return new Set();
    const rows: { code: string }[] = await manager.query(
      'SELECT code FROM tenants WHERE code = ANY ($1::text[]) AND id <> $2 AND NOT (ancestors @> ARRAY[$2::uuid])',
      [codes, targetId],
    );
    return new Set(rows.map((r) => r.code));
  }

  private async write(manager: EntityManager, plan: ImportPlan): Promise<void> {
    // 1. New tenants, one statement per generation: the trigger derives each one's path from its parent.
    const returnedAncestors = new Map<string, string[]>();
    for (const generation of plan.generations()) {
      const rows = generation.filter((r) => !r.rejected);
      if (rows.length === 0) continue;
      const inserted: { id: string; ancestors: string[] }[] = await manager.query(
        `INSERT INTO tenants (id, parent_id, code, kind, name, population)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::int[])
         ON CONFLICT (code) DO NOTHING
         RETURNING id, ancestors`,
        [
          rows.map((r) => r.id),
          rows.map((r) => r.parentId),
          rows.map((r) => r.code),
          rows.map((r) => r.kind),
          rows.map((r) => r.name),
          rows.map((r) => r.population),
        ],
      );
      for (const row of inserted) returnedAncestors.set(row.id, row.ancestors);
      // Not inserted: the code belongs to a tenant the caller cannot see (or one created meanwhile).
      for (const r of rows) if (!returnedAncestors.has(r.id)) plan.reject(r, 'code already used by another tenant');
    }
    plan.breakCyclesAfterInsert();

    // 2. Changed fields and every path that differs from the final tree (moved tenants, their
    //    descendants), set directly so that the parent changes of step 3 read final paths.
    const { updates, newIdsToRebase } = plan.pathAndFieldUpdates(returnedAncestors);
    if (newIdsToRebase.length > 0) await this.canUpdate(manager, newIdsToRebase);
    if (updates.length > 0) {
      await manager.query(
        `UPDATE tenants t
            SET kind = u.kind, name = u.name, population = u.population,
                ancestors = u.ancestors::uuid[], depth = cardinality(u.ancestors::uuid[]),
                version = t.version + u.bump, updated_at = now()
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[], $6::int[])
             AS u(id, kind, name, population, ancestors, bump)
          WHERE t.id = u.id`,
        [
          updates.map((u) => u.id),
          updates.map((u) => u.kind),
          updates.map((u) => u.name),
          updates.map((u) => u.population),
          updates.map((u) => `{${u.ancestors.join(',')}}`),
          updates.map((u) => u.bump),
        ],
      );
    }

    // 3. Parent changes: the trigger re-derives (and checks) each moved tenant's path from its parent's.
    const moves = plan.moves();
    if (moves.length > 0) {
      await manager.query(
        `UPDATE tenants t SET parent_id = u.parent_id FROM unnest($1::uuid[], $2::uuid[]) AS u(id, parent_id) WHERE t.id = u.id`,
        [moves.map((m) => m.id), moves.map((m) => m.parentId)],
      );
    }
  }

  /**
   * Tenants created by this import sit below the target but are not in the readable set resolved when
   * the request began; row-level security lets a transaction update only that set. When some of them
   * need their path rebased (created under a tenant the import also moves), they are added to it.
   */
  private async canUpdate(manager: EntityManager, ids: string[]): Promise<void> {
    const access = currentAccess();
    if (access.platform) return;
    await this.db.within(manager, {
      userId: access.principal.kind === 'user' ? access.principal.userId : undefined,
      platform: access.platform,
      principalRoots: access.roots.map((r) => r.tenantId),
      tenantId: access.tenantId,
      readableTenantIds: [...access.readableTenantIds, ...ids],
      readableDescendantsOf: access.readableDescendantsOf,
    });
  }
}

/** The in-memory side of one import: validation, resolution against the subtree, the final tree. */
class ImportPlan {
  readonly rows: ImportRow[] = [];
  private readonly rejections: TenantImportRejectionDto[] = [];
  /** Valid rows by code (first occurrence). */
  private readonly byCode = new Map<string, ImportRow>();
  /** Rows rejected while validating, by the code they claimed (a later duplicate is still a duplicate). */
  private readonly claimedBy = new Map<string, number>();
  private readonly childrenByParentCode = new Map<string, ImportRow[]>();
  private existingByCode = new Map<string, ExistingTenant>();
  private existingById = new Map<string, ExistingTenant>();
  private usedElsewhere = new Set<string>();

  constructor(private readonly target: { id: string; code: string; ancestors: string[] }) {}

  // --- validation ---------------------------------------------------------------------------------

  validate(rawRows: RawImportRow[]): void {
    for (const raw of rawRows) {
      const codeValue = raw.values.code;
      const code = typeof codeValue === 'string' ? codeValue.trim() : undefined;
      const validCode = code !== undefined && TENANT_CODE.test(code) ? code : undefined;
      const fail = (message: string) => this.rejections.push({ row: raw.row, ...(code ? { code } : {}), message });
      if (validCode !== undefined) {
        if (validCode === this.target.code) {
          fail(`"${validCode}" is the code of the tenant being imported into; it cannot be a row of its own import`);
          continue;
        }
        const first = this.byCode.get(validCode)?.row ?? this.claimedBy.get(validCode);
        if (first !== undefined) {
          fail(`duplicate code "${validCode}": already used at row ${first}`);
          continue;
        }
      }
      const problem = raw.problem ?? this.checkRow(raw.values, code);
      if (problem !== undefined || validCode === undefined) {
        if (validCode !== undefined) this.claimedBy.set(validCode, raw.row);
        fail(problem ?? CODE_MESSAGE);
        continue;
      }
      const v = raw.values;
      const row: ImportRow = {
        row: raw.row,
        code: validCode,
        parentCode: textOf(v.parentCode) || null,
        kind: (textOf(v.kind) as string).toLowerCase() as TenantKind,
        name: textOf(v.name) as string,
        population: populationOf(v.population) as number | null,
        rejected: false,
        id: '',
      };
      this.rows.push(row);
      this.byCode.set(row.code, row);
    }
  }

  /** The first problem of a row's values, or undefined when it is valid. */
  private checkRow(v: RawImportRow['values'], code: string | undefined): string | undefined {
    if (v.code !== undefined && v.code !== null && typeof v.code !== 'string') return 'code must be a string';
    if (!code) return 'code is required';
    if (!TENANT_CODE.test(code)) return CODE_MESSAGE;
    const parentCode = textOf(v.parentCode);
    if (parentCode === undefined) return 'parentCode must be a string';
    if (parentCode !== '' && !TENANT_CODE.test(parentCode)) return `parentCode "${parentCode}" is not a valid code`;
    const kind = textOf(v.kind)?.toLowerCase();
    if (kind === undefined) return 'kind must be a string';
    if (!KINDS.has(kind)) return kind === '' ? 'kind is required' : `kind "${kind}" must be one of ${TENANT_KINDS.join(', ')}`;
    const name = textOf(v.name);
    if (name === undefined) return 'name must be a string';
    if (name === '') return 'name is required';
    if (name.length > MAX_NAME_LENGTH) return `name must be at most ${MAX_NAME_LENGTH} characters`;
    if (populationOf(v.population) === undefined) return `population must be a whole number from 0 to ${MAX_POPULATION}, or empty`;
    return undefined;
  }

  // --- resolution ---------------------------------------------------------------------------------

  setExisting(existing: ExistingTenant[]): void {
    for (const t of existing) {
      this.existingByCode.set(t.code, t);
      this.existingById.set(t.id, t);
    }
  }

  /** Codes of valid rows that are not in the target's subtree. */
  unknownCodes(): string[] {
    return this.rows.filter((r) => !this.existingByCode.has(r.code)).map((r) => r.code);
  }

  setUsedElsewhere(codes: Set<string>): void {
    this.usedElsewhere = codes;
  }

  resolve(): void {
    for (const r of this.rows) {
      r.existing = this.existingByCode.get(r.code);
      r.id = r.existing?.id ?? uuidv7();
      if (r.parentCode !== null && r.parentCode !== this.target.code) {
        const siblings = this.childrenByParentCode.get(r.parentCode);
        if (siblings) siblings.push(r);
        else this.childrenByParentCode.set(r.parentCode, [r]);
      }
    }
    for (const r of this.rows) {
      if (r.rejected) continue;
      if (this.usedElsewhere.has(r.code)) {
        this.reject(r, 'code already used by another tenant');
        continue;
      }
      const pc = r.parentCode;
      if (pc === null || pc === this.target.code || this.byCode.has(pc) || this.existingByCode.has(pc)) continue;
      const claimedAt = this.claimedBy.get(pc);
      this.reject(
        r,
        claimedAt !== undefined
          ? `parent row ${claimedAt} ("${pc}") was rejected`
          : `parent "${pc}" not found in this file or in this tenant's subtree`,
      );
    }
    for (const r of this.rows) {
      if (r.rejected) continue;
      const parent = this.parentTenant(r);
      if (r.existing?.archived && this.differs(r)) this.reject(r, `tenant "${r.code}" is archived: unarchive it before changing it`);
      else if (parent?.archived && (!r.existing || r.existing.parentId !== parent.id))
        this.reject(r, `parent "${parent.code}" is archived`);
    }
    while (this.breakCycles(false));
    this.assignParentsAndGenerations();
  }

  /** The existing tenant a row's parent code names when that parent is not created by this file. */
  private parentTenant(r: ImportRow): ExistingTenant | undefined {
    return r.parentCode === null ? undefined : this.existingByCode.get(r.parentCode);
  }

  /**
   * Rejects rows with one reason (all of them first, so rows of one cycle all get the cycle's reason),
   * then the rows below each rejected new tenant, recursively (below an existing tenant they stay).
   */
  reject(rows: ImportRow | ImportRow[], message: string): void {
    const queue: ImportRow[] = [];
    const mark = (r: ImportRow, why: string) => {
      if (r.rejected) return;
      r.rejected = true;
      this.rejections.push({ row: r.row, code: r.code, message: why });
      queue.push(r);
    };
    for (const r of Array.isArray(rows) ? rows : [rows]) mark(r, message);
    while (queue.length > 0) {
      const r = queue.pop() as ImportRow;
      if (r.existing) continue;
      for (const child of this.childrenByParentCode.get(r.code) ?? []) mark(child, `parent row ${r.row} ("${r.code}") was rejected`);
    }
  }

  /** The parent code of a node of the final tree: a valid row's parent, else the existing parent. */
  private parentCodeOf(code: string): string | null {
    const row = this.byCode.get(code);
    if (row && !row.rejected) return row.parentCode ?? this.target.code;
    const existing = this.existingByCode.get(code);
    if (!existing) return null;
    return existing.parentId === this.target.id ? this.target.code : (this.existingById.get(existing.parentId)?.code ?? null);
  }

  /**
   * Finds one round of cycles in the final tree and rejects their rows. Before writing, every row on a
   * cycle is rejected; after the inserts (a rejected move reverted a tenant to its old parent), only the
   * moves on it, since the new tenants are in place and cannot be on a cycle without a move.
   */
  private breakCycles(afterInsert: boolean): boolean {
    const DONE = 2;
    const ON_PATH = 1;
    const color = new Map<string, number>();
    let found = false;
    for (const start of this.rows) {
      if (start.rejected || color.has(start.code)) continue;
      const path: string[] = [];
      let code: string | null = start.code;
      while (code !== null && code !== this.target.code && !color.has(code)) {
        color.set(code, ON_PATH);
        path.push(code);
        code = this.parentCodeOf(code);
      }
      if (code !== null && color.get(code) === ON_PATH) {
        const cycle = path.slice(path.indexOf(code));
        const shown = cycle.length > 8 ? [...cycle.slice(0, 8), '…'] : cycle;
        const message = `cycle: ${[...shown, code].map((c) => `"${c}"`).join(' → ')}`;
        const rows = cycle
          .map((c) => this.byCode.get(c))
          .filter((r): r is ImportRow => r !== undefined && !r.rejected && (!afterInsert || r.existing !== undefined));
        this.reject(rows, message);
        found ||= rows.length > 0;
      }
      for (const c of path) color.set(c, DONE);
    }
    return found;
  }

  breakCyclesAfterInsert(): void {
    while (this.breakCycles(true));
  }

  private assignParentsAndGenerations(): void {
    const idOf = (code: string | null): string =>
      code === null || code === this.target.code
        ? this.target.id
        : ((this.byCode.get(code)?.id ?? this.existingByCode.get(code)?.id) as string);
    for (const r of this.rows) {
      if (r.rejected) continue;
      r.parentId = idOf(r.parentCode);
      if (r.existing) r.changed = this.differs(r);
    }
    for (const r of this.rows) {
      if (r.rejected || r.existing || r.generation !== undefined) continue;
      // Walk up through new parents (iteratively: a chain can be long), then number back down.
      const chain: ImportRow[] = [];
      let at: ImportRow | undefined = r;
      while (at && !at.existing && at.generation === undefined) {
        chain.push(at);
        const parent: ImportRow | undefined = at.parentCode === null ? undefined : this.byCode.get(at.parentCode);
        at = parent && !parent.existing ? parent : undefined;
      }
      let generation = at?.generation !== undefined ? at.generation + 1 : 0;
      for (let i = chain.length - 1; i >= 0; i--) chain[i].generation = generation++;
    }
  }

  private differs(r: ImportRow): boolean {
    const e = r.existing as ExistingTenant;
    const parentId = r.parentCode === null || r.parentCode === this.target.code ? this.target.id : this.idOfCode(r.parentCode);
    return e.kind !== r.kind || e.name !== r.name || e.population !== r.population || e.parentId !== parentId;
  }

  private idOfCode(code: string): string | undefined {
    return this.existingByCode.get(code)?.id ?? this.byCode.get(code)?.id;
  }

  /** New rows grouped by generation, parents' generation first. */
  generations(): ImportRow[][] {
    const out: ImportRow[][] = [];
    for (const r of this.rows) {
      if (r.rejected || r.existing) continue;
      const g = r.generation as number;
      (out[g] ??= []).push(r);
    }
    return out.filter(Boolean);
  }

  // --- the final tree -------------------------------------------------------------------------------

  /**
   * Rows to update in one statement: existing tenants with changed fields or parent (version bump),
   * and every tenant whose path in the final tree differs from the stored one (moved tenants, their
   * descendants, tenants just created below a moved one), with that final path.
   */
  pathAndFieldUpdates(insertedAncestors: Map<string, string[]>): {
    updates: { id: string; kind: string; name: string; population: number | null; ancestors: string[]; bump: number }[];
    newIdsToRebase: string[];
  } {
    const rowsById = new Map<string, ImportRow>();
    for (const r of this.rows) if (!r.rejected) rowsById.set(r.id, r);
    // Final parent of every tenant below the target.
    const children = new Map<string, string[]>();
    const addChild = (parentId: string, id: string) => {
      const list = children.get(parentId);
      if (list) list.push(id);
      else children.set(parentId, [id]);
    };
    for (const e of this.existingById.values()) {
      const row = rowsById.get(e.id);
      addChild(row ? (row.parentId as string) : e.parentId, e.id);
    }
    for (const r of rowsById.values()) if (!r.existing) addChild(r.parentId as string, r.id);

    const updates: ReturnType<ImportPlan['pathAndFieldUpdates']>['updates'] = [];
    const newIdsToRebase: string[] = [];
    const stack: [string, string[]][] = [[this.target.id, [...this.target.ancestors, this.target.id]]];
    while (stack.length > 0) {
      const [parentId, path] = stack.pop() as [string, string[]];
      for (const id of children.get(parentId) ?? []) {
        const existing = this.existingById.get(id);
        const row = rowsById.get(id);
        const stored = existing ? existing.ancestors : (insertedAncestors.get(id) ?? path);
        const pathChanged = !sameIds(stored, path);
        const changed = Boolean(row?.existing && row.changed);
        if (pathChanged || changed) {
          const source = row ?? (existing as ExistingTenant);
          updates.push({
            id,
            kind: source.kind,
            name: source.name,
            population: source.population,
            ancestors: path,
            bump: changed ? 1 : 0,
          });
          if (pathChanged && !existing) newIdsToRebase.push(id);
        }
        stack.push([id, [...path, id]]);
      }
    }
    return { updates, newIdsToRebase };
  }

  /** Existing tenants whose parent changes. */
  moves(): { id: string; parentId: string }[] {
    return this.rows
      .filter((r) => !r.rejected && r.existing && r.existing.parentId !== r.parentId)
      .map((r) => ({ id: r.id, parentId: r.parentId as string }));
  }

  outcome(): Outcome {
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    for (const r of this.rows) {
      if (r.rejected) continue;
      if (!r.existing) created++;
      else if (r.changed) updated++;
      else unchanged++;
    }
    const rejected = [...this.rejections].sort((a, b) => a.row - b.row);
    return { created, updated, unchanged, rejected };
  }
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A text value trimmed; '' for absent or null; undefined for any other type (a wrong type). */
function textOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value.trim() : undefined;
}

/** A population: null when absent or empty, the number when valid, undefined when invalid. */
function populationOf(value: unknown): number | null | undefined {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') return null;
    if (!/^\d{1,10}$/.test(text)) return undefined;
    value = Number(text);
  }
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_POPULATION ? value : undefined;
}

// --- reading the body ---------------------------------------------------------------------------------

function tooManyRows(): ProblemError {
  return new ProblemError(
    413,
    'too-many-rows',
    `An import takes at most ${MAX_IMPORT_ROWS.toLocaleString('en-US')} rows; split the file and send the parts in order.`,
  );
}

/**
 * CSV with a header row naming the five columns (any order, any letter case). A missing, unknown or
 * repeated column makes the whole file a 400: a misspelt column would otherwise silently drop data.
 * Blank lines are skipped but keep their number, so row N is the file's (or spreadsheet's) line N + 1
 * when no field spans lines.
 */
export function rowsFromCsv(text: string): RawImportRow[] {
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    throw ProblemError.badRequest(`The CSV file is malformed at line ${error.line}.`, [
      { path: `line ${error.line}`, code: 'malformedCsv', message: error.message },
    ]);
  }
  const headerAt = records.findIndex((r) => !isBlankRecord(r.fields));
  if (headerAt < 0) return [];
  const header = records[headerAt].fields.map((f) => f.trim());
  const columns = headerColumns(header);
  const data = records.slice(headerAt + 1);
  if (data.length > MAX_IMPORT_ROWS) throw tooManyRows();
  const rows: RawImportRow[] = [];
  data.forEach((record, index) => {
    if (isBlankRecord(record.fields)) return;
    const row = index + 1;
    if (record.fields.length !== header.length) {
      rows.push({ row, values: {}, problem: `row has ${record.fields.length} fields; the header has ${header.length}` });
      return;
    }
    const values: RawImportRow['values'] = {};
    columns.forEach((column, i) => (values[column] = record.fields[i]));
    rows.push({ row, values });
  });
  return rows;
}

function headerColumns(header: string[]): ImportColumn[] {
  const byLowerCase = new Map(IMPORT_COLUMNS.map((c) => [c.toLowerCase(), c]));
  const errors: ProblemFieldError[] = [];
  const columns: ImportColumn[] = [];
  header.forEach((name, i) => {
    const column = byLowerCase.get(name.toLowerCase());
    if (!column) errors.push({ path: `header[${i}]`, code: 'unknownColumn', message: `unknown column "${name}"` });
    else if (columns.includes(column)) errors.push({ path: `header[${i}]`, code: 'duplicateColumn', message: `column "${name}" repeated` });
    else columns.push(column);
  });
  for (const c of IMPORT_COLUMNS) {
    if (!columns.includes(c)) errors.push({ path: 'header', code: 'missingColumn', message: `column "${c}" is missing` });
  }
  if (errors.length > 0) {
    throw ProblemError.badRequest(`The CSV header must name the columns ${IMPORT_COLUMNS.join(',')} (in any order).`, errors);
  }
  return columns;
}

/** `{ "rows": [ … ] }`: a bad envelope is a 400; a bad row is rejected with its number. */
export function rowsFromJson(body: unknown): RawImportRow[] {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw ProblemError.validation([{ path: 'rows', code: 'required', message: 'the body must be an object with a rows array' }]);
  }
  const errors: ProblemFieldError[] = Object.keys(body)
    .filter((k) => k !== 'rows')
    .map((k) => ({ path: k, code: 'unknownProperty', message: `property ${k} should not exist` }));
  const list = (body as { rows?: unknown }).rows;
  if (!Array.isArray(list)) errors.push({ path: 'rows', code: 'isArray', message: 'rows must be an array' });
  if (errors.length > 0) throw ProblemError.validation(errors);
  const items = list as unknown[];
  if (items.length > MAX_IMPORT_ROWS) throw tooManyRows();
  const known: ReadonlySet<string> = new Set(IMPORT_COLUMNS);
  return items.map((item, index) => {
    const row = index + 1;
    if (!item || typeof item !== 'object' || Array.isArray(item)) return { row, values: {}, problem: 'row must be an object' };
    const values = item as Record<string, unknown>;
    const unknown = Object.keys(values).find((k) => !known.has(k));
    return unknown !== undefined ? { row, values, problem: `unknown field "${unknown}"` } : { row, values };
  });
}
