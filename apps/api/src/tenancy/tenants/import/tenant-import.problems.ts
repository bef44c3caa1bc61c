import { defineRejections } from '../../../platform/bulk/bulk-rejection';
import { BulkRowReason } from '../../../platform/bulk/bulk.problems';
import { TENANT_KINDS } from '../tenant.entity';

export const MAX_NAME_LENGTH = 200;
export const MAX_POPULATION = 2_147_483_647;
/** Codes shown in a cycle's message before it is cut short. */
const CYCLE_SHOWN = 8;

/**
 * Why a row of a tenant import is refused: the stable `code` of its rejection. A whole body that
 * cannot be read is a problem of the bulk pipeline instead (`malformed-csv`, `invalid-csv-header`,
 * `too-many-rows`, `invalid-bulk-body`: platform/bulk/bulk.problems.ts).
 */
export enum TenantImportRejection {
  CodeRequired = 'code-required',
  InvalidCode = 'invalid-code',
  InvalidType = 'invalid-type',
  InvalidParentCode = 'invalid-parent-code',
  KindRequired = 'kind-required',
  InvalidKind = 'invalid-kind',
  NameRequired = 'name-required',
  NameTooLong = 'name-too-long',
  InvalidPopulation = 'invalid-population',
  TargetCode = 'target-code',
  DuplicateCode = 'duplicate-code',
  CodeTaken = 'code-taken',
  ParentNotFound = 'parent-not-found',
  ParentRejected = 'parent-rejected',
  ParentArchived = 'parent-archived',
  TenantArchived = 'tenant-archived',
  Cycle = 'cycle',
}

const esList = (codes: readonly string[]) => codes.map((c) => `«${c}»`);
const enList = (codes: readonly string[]) => codes.map((c) => `"${c}"`);

/** `A → B → … → A`, cut after a few codes (a cycle can be as long as the file). */
function cyclePath(cycle: readonly string[], quote: (codes: readonly string[]) => string[]): string {
  const shown = quote(cycle.slice(0, CYCLE_SHOWN));
  if (cycle.length > CYCLE_SHOWN) shown.push('…');
  return [...shown, ...quote([cycle[0]])].join(' → ');
}

export const tenantImportRejections = defineRejections(TenantImportRejection, {
  [TenantImportRejection.CodeRequired]: { es: 'Falta el código de la organización.', en: 'The code is required.' },
  [TenantImportRejection.InvalidCode]: {
    es: 'El código no es válido: use de 1 a 64 letras, cifras, puntos, guiones o guiones bajos, y empiece por una letra o una cifra.',
    en: 'The code must be 1–64 letters, digits, dots, dashes or underscores, starting with a letter or digit.',
  },
  [TenantImportRejection.InvalidType]: (p: { field: string }) => ({
    es: `El campo ${p.field} debe ser un texto.`,
    en: `The field ${p.field} must be a string.`,
  }),
  [TenantImportRejection.InvalidParentCode]: (p: { parentCode: string }) => ({
    es: `El código de la organización superior «${p.parentCode}» no es válido.`,
    en: `The parent code "${p.parentCode}" is not a valid code.`,
  }),
  [TenantImportRejection.KindRequired]: { es: 'Falta el tipo (kind).', en: 'The kind is required.' },
  [TenantImportRejection.InvalidKind]: (p: { kind: string }) => ({
    es: `El tipo «${p.kind}» no existe: use uno de ${TENANT_KINDS.join(', ')}.`,
    en: `The kind "${p.kind}" must be one of ${TENANT_KINDS.join(', ')}.`,
  }),
  [TenantImportRejection.NameRequired]: { es: 'Falta el nombre.', en: 'The name is required.' },
  [TenantImportRejection.NameTooLong]: {
    es: `El nombre admite como máximo ${MAX_NAME_LENGTH} caracteres.`,
    en: `The name must be at most ${MAX_NAME_LENGTH} characters.`,
  },
  [TenantImportRejection.InvalidPopulation]: {
    es: `La población debe ser un número entero de 0 a ${MAX_POPULATION}, o quedar vacía.`,
    en: `The population must be a whole number from 0 to ${MAX_POPULATION}, or empty.`,
  },
  [TenantImportRejection.TargetCode]: (p: { code: string }) => ({
    es: `«${p.code}» es el código de la organización en la que importa: no puede ser una fila de su propia importación.`,
    en: `"${p.code}" is the code of the tenant being imported into; it cannot be a row of its own import.`,
  }),
  [TenantImportRejection.DuplicateCode]: (p: { code: string; firstRow: number }) => ({
    es: `El código «${p.code}» está repetido: ya se usa en la fila ${p.firstRow}.`,
    en: `Duplicate code "${p.code}": already used at row ${p.firstRow}.`,
  }),
  [TenantImportRejection.CodeTaken]: { es: 'Otra organización ya usa este código.', en: 'The code is already used by another tenant.' },
  [TenantImportRejection.ParentNotFound]: (p: { parentCode: string }) => ({
    es: `La organización superior «${p.parentCode}» no está ni en este archivo ni bajo esta organización.`,
    en: `Parent "${p.parentCode}" not found in this file or in this tenant's subtree.`,
  }),
  [TenantImportRejection.ParentRejected]: (p: { parentCode: string; parentRow: number }) => ({
    es: `Se ha rechazado la fila ${p.parentRow} de su organización superior («${p.parentCode}»).`,
    en: `Parent row ${p.parentRow} ("${p.parentCode}") was rejected.`,
  }),
  [TenantImportRejection.ParentArchived]: (p: { parentCode: string }) => ({
    es: `La organización superior «${p.parentCode}» está archivada.`,
    en: `Parent "${p.parentCode}" is archived.`,
  }),
  [TenantImportRejection.TenantArchived]: (p: { code: string }) => ({
    es: `La organización «${p.code}» está archivada: restáurela antes de cambiarla.`,
    en: `Tenant "${p.code}" is archived: unarchive it before changing it.`,
  }),
  [TenantImportRejection.Cycle]: (p: { cycle: readonly string[] }) => ({
    es: `Ciclo: ${cyclePath(p.cycle, esList)}. Una organización no puede depender de sí misma.`,
    en: `Cycle: ${cyclePath(p.cycle, enList)}. A tenant cannot be below itself.`,
  }),
});

/** Every reason a tenant import row can be rejected with, for the contract. */
export const TENANT_IMPORT_REJECTION_CODES: readonly string[] = [...Object.values(BulkRowReason), ...tenantImportRejections.codes];
