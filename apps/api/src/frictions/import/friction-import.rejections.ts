import { defineRejections } from '../../platform/bulk/bulk-rejection';
import type { FrictionStatus } from '../friction.entity';
import { transitionRefusedText } from '../frictions.problems';
import { burdenIssueText } from '../frictions.texts';

/** Why an import row is refused (the `code` of its rejection). */
export enum FrictionImportRejection {
  RefRequired = 'ref-required',
  TitleRequired = 'title-required',
  TooLong = 'too-long',
  InvalidType = 'invalid-type',
  InvalidArea = 'invalid-area',
  InvalidStatus = 'invalid-status',
  InvalidNumber = 'invalid-number',
  InvalidBurden = 'invalid-burden',
  InvalidEvidence = 'invalid-evidence',
  InvalidRootCause = 'invalid-root-cause',
  UnknownArea = 'unknown-area',
  UnknownOwner = 'unknown-owner',
  UnknownRootCause = 'unknown-root-cause',
  DuplicateRef = 'duplicate-ref',
  TransitionInvalid = 'friction-transition-invalid',
}

const R = FrictionImportRejection;

export const frictionImportRejections = defineRejections(FrictionImportRejection, {
  [R.RefRequired]: {
    es: 'Falta la referencia (ref): la importación identifica cada fricción por ella.',
    en: 'The reference (ref) is missing: the import identifies each friction by it.',
  },
  [R.TitleRequired]: { es: 'Falta el título.', en: 'The title is missing.' },
  [R.TooLong]: (p: { field: string; max: number }) => ({
    es: `${p.field} tiene más de ${p.max} caracteres.`,
    en: `${p.field} is longer than ${p.max} characters.`,
  }),
  [R.InvalidType]: (p: { field: string }) => ({
    es: `${p.field} no tiene el tipo esperado.`,
    en: `${p.field} does not have the expected type.`,
  }),
  [R.InvalidArea]: {
    es: 'El área debe ser una clave en minúsculas con guiones (citizen-response).',
    en: 'The area must be a lower-case key with hyphens (citizen-response).',
  },
  [R.InvalidStatus]: {
    es: 'El estado debe ser identified, analysed, prioritised, addressed, resolved o discarded.',
    en: 'The status must be identified, analysed, prioritised, addressed, resolved or discarded.',
  },
  [R.InvalidNumber]: (p: { field: string }) => ({
    es: `${p.field} debe ser un número (con punto decimal).`,
    en: `${p.field} must be a number (with a decimal point).`,
  }),
  [R.InvalidBurden]: (p: { field: string; code: string }) => {
    const reason = burdenIssueText(p.code);
    return { es: `${p.field}: ${reason.es}`, en: `${p.field}: ${reason.en}` };
  },
  [R.InvalidEvidence]: { es: 'Cada evidencia debe ser una URL http o https.', en: 'Each evidence link must be an http or https URL.' },
  [R.InvalidRootCause]: {
    es: 'Cada causa raíz se escribe clave-del-modelo:clave-del-área/clave-de-la-dimensión, separadas por «;».',
    en: 'Each root cause is written model-key:area-key/dimension-key, separated by ";".',
  },
  [R.UnknownArea]: (p: { area: string }) => ({
    es: `El área «${p.area}» no existe en esta organización.`,
    en: `Area "${p.area}" does not exist in this organisation.`,
  }),
  [R.UnknownOwner]: { es: 'Ningún miembro de esta organización tiene este correo.', en: 'No member of this organisation has this email.' },
  [R.UnknownRootCause]: (p: { cause: string }) => ({
    es: `La causa raíz «${p.cause}» no es una dimensión de un modelo que esta organización pueda usar.`,
    en: `Root cause "${p.cause}" is not a dimension of a model this organisation can use.`,
  }),
  [R.DuplicateRef]: (p: { first: number }) => ({
    es: `Esta referencia ya aparece en la fila ${p.first}.`,
    en: `This reference already appears in row ${p.first}.`,
  }),
  [R.TransitionInvalid]: (p: { from: FrictionStatus; to: FrictionStatus; allowed: readonly FrictionStatus[] }) => transitionRefusedText(p),
});
