import type { RowProblem } from '../../../platform/bulk/bulk-rejection';
import type { BulkFormat, RawRow } from '../../../platform/bulk/bulk-rows';
import { TENANT_CODE } from '../dto/tenant.dto';
import { TENANT_KINDS, type TenantKind } from '../tenant.entity';
import { MAX_NAME_LENGTH, MAX_POPULATION, TenantImportRejection as R, tenantImportRejections as reasons } from './tenant-import.problems';

/** More rows than this in one request is refused (413): split the file. */
export const MAX_IMPORT_ROWS = 100_000;

export const IMPORT_COLUMNS = ['code', 'parentCode', 'kind', 'name', 'population'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** The body of a tenant import: CSV with these columns, or `{ rows: [...] }`. */
export const TENANT_IMPORT_FORMAT: BulkFormat<ImportColumn> = {
  columns: IMPORT_COLUMNS,
  envelope: 'rows',
  maxRows: MAX_IMPORT_ROWS,
  csv: true,
};

/** A tenant import rejection names the row's tenant by its code (`code` is the reason). */
export type TenantImportId = { tenantCode: string | null };

/** A row that passed validation. */
export interface TenantRow {
  row: number;
  code: string;
  /** null = the target tenant. */
  parentCode: string | null;
  kind: TenantKind;
  name: string;
  population: number | null;
}

export type RawTenantRow = RawRow<ImportColumn>;

const KINDS: ReadonlySet<string> = new Set(TENANT_KINDS);

/** The row's code as given (trimmed), whatever its format, to name it in a rejection. */
export function identifyTenantRow(values: RawTenantRow['values']): TenantImportId {
  const code = typeof values.code === 'string' ? values.code.trim() : '';
  return { tenantCode: code === '' ? null : code };
}

/**
 * The validate stage: a row's fields checked by hand (bulk rows never go through class-validator),
 * the first problem wins. Cross-row rules (duplicates, parents, cycles) belong to the plan.
 */
export function validateTenantRow(raw: RawTenantRow): TenantRow | RowProblem {
  const v = raw.values;
  if (v.code !== undefined && v.code !== null && typeof v.code !== 'string')
    return reasons.problem(R.InvalidType, 'code', { field: 'code' });
  const code = textOf(v.code);
  if (!code) return reasons.problem(R.CodeRequired, 'code');
  if (!TENANT_CODE.test(code)) return reasons.problem(R.InvalidCode, 'code');
  const parentCode = textOf(v.parentCode);
  if (parentCode === undefined) return reasons.problem(R.InvalidType, 'parentCode', { field: 'parentCode' });
  if (parentCode !== '' && !TENANT_CODE.test(parentCode)) return reasons.problem(R.InvalidParentCode, 'parentCode', { parentCode });
  const kind = textOf(v.kind)?.toLowerCase();
  if (kind === undefined) return reasons.problem(R.InvalidType, 'kind', { field: 'kind' });
  if (kind === '') return reasons.problem(R.KindRequired, 'kind');
  if (!KINDS.has(kind)) return reasons.problem(R.InvalidKind, 'kind', { kind });
  const name = textOf(v.name);
  if (name === undefined) return reasons.problem(R.InvalidType, 'name', { field: 'name' });
  if (name === '') return reasons.problem(R.NameRequired, 'name');
  if (name.length > MAX_NAME_LENGTH) return reasons.problem(R.NameTooLong, 'name');
  const population = populationOf(v.population);
  if (population === undefined) return reasons.problem(R.InvalidPopulation, 'population');
  return { row: raw.row, code, parentCode: parentCode || null, kind: kind as TenantKind, name, population };
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
