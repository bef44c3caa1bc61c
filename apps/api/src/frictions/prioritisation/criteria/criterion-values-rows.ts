import { defineRejections, type RowProblem } from '../../../platform/bulk/bulk-rejection';
import type { BulkFormat, RawRow } from '../../../platform/bulk/bulk-rows';
import { CRITERION_KEY } from '../models/dto/scoring-model.dto';
import type { ManualKeys } from '../models/scoring-models.repository';
import { BUILT_IN_SCALES } from '../ranking/ranking-spec';

/** Largest magnitude of a manual value (the column is numeric; this keeps sums finite in float8). */
export const MAX_CRITERION_VALUE = 1e12;
export const MAX_CRITERION_ROWS = 100_000;

export const CRITERION_COLUMNS = ['ref', 'criterion', 'value'] as const;
export type CriterionColumn = (typeof CRITERION_COLUMNS)[number];

/** CSV `ref,criterion,value` or `{ rows: [{ ref, criterion, value }] }`; an empty value removes the stored one. */
export const CRITERION_IMPORT_FORMAT: BulkFormat<CriterionColumn> = {
  columns: CRITERION_COLUMNS,
  envelope: 'rows',
  maxRows: MAX_CRITERION_ROWS,
  csv: true,
};

/** A rejected row names its friction ref and criterion key as given. */
export type CriterionImportId = { ref: string | null; criterion: string | null };

export interface CriterionRow {
  row: number;
  ref: string;
  criterion: string;
  value: number | null;
}

export enum CriterionRejection {
  RefRequired = 'ref-required',
  UnknownRef = 'unknown-ref',
  CriterionRequired = 'criterion-required',
  UnknownCriterion = 'unknown-criterion',
  InvalidValue = 'invalid-value',
  OffScale = 'off-scale',
  DuplicateRow = 'duplicate-row',
}

export const CRITERION_REJECTION_CODES = Object.values(CriterionRejection);

export const criterionRejections = defineRejections(CriterionRejection, {
  [CriterionRejection.RefRequired]: { es: 'Falta la referencia (ref) de la fricción.', en: 'The friction reference (ref) is required.' },
  [CriterionRejection.UnknownRef]: (p: { ref: string }) => ({
    es: `Esta organización no tiene ninguna fricción con la referencia «${p.ref}».`,
    en: `This organisation has no friction with reference "${p.ref}".`,
  }),
  [CriterionRejection.CriterionRequired]: { es: 'Falta la clave del criterio (criterion).', en: 'The criterion key is required.' },
  [CriterionRejection.UnknownCriterion]: (p: { criterion: string }) => ({
    es: `Ningún modelo de priorización de esta organización tiene un criterio manual «${p.criterion}».`,
    en: `No scoring model of this organisation has a manual criterion "${p.criterion}".`,
  }),
  [CriterionRejection.InvalidValue]: {
    es: 'El valor debe ser un número (con punto decimal) entre -10^12 y 10^12, o vacío para borrarlo.',
    en: 'The value must be a number (decimal point) between -10^12 and 10^12, or empty to remove it.',
  },
  [CriterionRejection.OffScale]: (p: { criterion: string }) => ({
    es: `El valor no está en la escala de «${p.criterion}» en RICE o WSJF (METHOD.md §4).`,
    en: `The value is not on the scale of "${p.criterion}" in RICE or WSJF (METHOD.md §4).`,
  }),
  [CriterionRejection.DuplicateRow]: (p: { first: number }) => ({
    es: `Esta fricción y este criterio ya aparecen en la fila ${p.first}: se aplica solo aquella.`,
    en: `This friction and criterion already appear in row ${p.first}: only that row is applied.`,
  }),
});

const text = (v: unknown): string | null => (typeof v === 'string' ? v.trim() || null : null);

export function identifyCriterionRow(values: RawRow<CriterionColumn>['values']): CriterionImportId {
  return { ref: text(values.ref), criterion: text(values.criterion) };
}

/** A manual value as sent: a finite number in range, null for "remove"; undefined when invalid. */
export function criterionValueOf(value: unknown): number | null | undefined {
  if (value === null || value === undefined) return null;
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string') {
    const s = value.trim();
    if (s === '') return null;
    if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return undefined;
    n = Number(s);
  } else return undefined;
  return Number.isFinite(n) && Math.abs(n) <= MAX_CRITERION_VALUE ? n : undefined;
}

/** The validate stage (by hand, never class-validator per row); the manual keys come from the tenant's models. */
/** Whether a value fits the scale of the built-in formulas (RICE, WSJF) whose models name the key. */
export function fitsBuiltIn(manualKeys: ManualKeys, key: string, value: number | null): boolean {
  const methods = manualKeys.get(key);
  const scale = BUILT_IN_SCALES[key];
  if (value === null || !scale || !methods || !(methods.has('rice') || methods.has('wsjf'))) return true;
  return scale.test(value);
}

export function validateCriterionRow(raw: RawRow<CriterionColumn>, manualKeys: ManualKeys): CriterionRow | RowProblem {
  const ref = text(raw.values.ref);
  if (!ref) return criterionRejections.problem(CriterionRejection.RefRequired, 'ref');
  const criterion = text(raw.values.criterion);
  if (!criterion) return criterionRejections.problem(CriterionRejection.CriterionRequired, 'criterion');
  if (!CRITERION_KEY.test(criterion) || !manualKeys.has(criterion)) {
    return criterionRejections.problem(CriterionRejection.UnknownCriterion, 'criterion', { criterion });
  }
  const value = criterionValueOf(raw.values.value);
  if (value === undefined) return criterionRejections.problem(CriterionRejection.InvalidValue, 'value');
  if (!fitsBuiltIn(manualKeys, criterion, value)) return criterionRejections.problem(CriterionRejection.OffScale, 'value', { criterion });
  return { row: raw.row, ref, criterion, value };
}
