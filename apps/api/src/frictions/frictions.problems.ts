import { defineProblems, type Localised } from '../platform/errors/catalogue';
import type { FrictionStatus } from './friction.entity';

/**
 * Every problem the frictions module raises on purpose (another tenant's friction is the platform's
 * `not-found`, exactly like a missing one). `type` is `urn:rumbo:problem:<code>`; the texts follow
 * Accept-Language (es by default, *usted*).
 */
export enum FrictionProblem {
  CostInvalid = 'friction-cost-invalid',
  RefTaken = 'friction-ref-taken',
  AreaUnknown = 'friction-area-unknown',
  AreaExists = 'friction-area-exists',
  AreaBuiltIn = 'friction-area-built-in',
  AreaInUse = 'friction-area-in-use',
  OwnerNotMember = 'friction-owner-not-member',
  RootCauseInvalid = 'friction-root-cause-invalid',
  ModelUnusable = 'friction-model-unusable',
  TransitionInvalid = 'friction-transition-invalid',
}

/** A status as a word of the sentence it goes in. */
export function frictionStatusWord(status: FrictionStatus): Localised {
  switch (status) {
    case 'identified':
      return { es: 'identificada', en: 'identified' };
    case 'analysed':
      return { es: 'analizada', en: 'analysed' };
    case 'prioritised':
      return { es: 'priorizada', en: 'prioritised' };
    case 'addressed':
      return { es: 'en solución', en: 'addressed' };
    case 'resolved':
      return { es: 'resuelta', en: 'resolved' };
    case 'discarded':
      return { es: 'descartada', en: 'discarded' };
  }
}

const words = (statuses: readonly FrictionStatus[], language: 'es' | 'en') =>
  statuses.length === 0 ? (language === 'es' ? 'ninguno' : 'none') : statuses.map((s) => frictionStatusWord(s)[language]).join(', ');

/** Why a friction cannot move from one status to another, with the statuses it can move to. */
export function transitionRefusedText(p: { from: FrictionStatus; to: FrictionStatus; allowed: readonly FrictionStatus[] }): Localised {
  return {
    es: `Una fricción ${frictionStatusWord(p.from).es} no puede pasar a ${frictionStatusWord(p.to).es}; estados posibles: ${words(p.allowed, 'es')}.`,
    en: `A friction that is ${frictionStatusWord(p.from).en} cannot become ${frictionStatusWord(p.to).en}; possible statuses: ${words(p.allowed, 'en')}.`,
  };
}

export const frictionProblems = defineProblems(
  'frictions',
  FrictionProblem,
  {
    [FrictionProblem.CostInvalid]: {
      status: 422,
      detail: {
        es: 'El coste de la fricción no es válido: indique líneas de carga (burdens) o los campos abreviados, no ambos; cada error indica el campo (errors).',
        en: 'The friction’s cost is not valid: give burden lines (burdens) or the shorthand fields, not both; each error names its field (errors).',
      },
    },
    [FrictionProblem.RefTaken]: {
      status: 409,
      detail: (p: { ref: string }) => ({
        es: `Esta organización ya tiene una fricción con la referencia «${p.ref}»: use otra o modifique aquella.`,
        en: `This organisation already has a friction with reference "${p.ref}": use another or change that one.`,
      }),
    },
    [FrictionProblem.AreaUnknown]: {
      status: 422,
      detail: (p: { area: string }) => ({
        es: `El área «${p.area}» no existe en esta organización: use una de las de GET friction-areas o añádala.`,
        en: `Area "${p.area}" does not exist in this organisation: use one of GET friction-areas or add it.`,
      }),
    },
    [FrictionProblem.AreaExists]: {
      status: 409,
      detail: (p: { key: string }) => ({
        es: `Ya existe un área con la clave «${p.key}».`,
        en: `An area with key "${p.key}" already exists.`,
      }),
    },
    [FrictionProblem.AreaBuiltIn]: {
      status: 409,
      detail: (p: { key: string }) => ({
        es: `El área «${p.key}» es predefinida: no se puede eliminar.`,
        en: `Area "${p.key}" is built in: it cannot be deleted.`,
      }),
    },
    [FrictionProblem.AreaInUse]: {
      status: 409,
      detail: (p: { key: string; count: number }) => ({
        es: `El área «${p.key}» tiene ${p.count === 1 ? '1 fricción' : `${p.count} fricciones`}: cámbielas de área antes de eliminarla.`,
        en: `Area "${p.key}" has ${p.count === 1 ? '1 friction' : `${p.count} frictions`}: move them to another area before deleting it.`,
      }),
    },
    [FrictionProblem.OwnerNotMember]: {
      status: 422,
      detail: {
        es: 'La persona responsable debe ser miembro de esta organización.',
        en: 'The owner must be a member of this organisation.',
      },
    },
    [FrictionProblem.RootCauseInvalid]: {
      status: 422,
      detail: {
        es: 'Alguna causa raíz no es una dimensión de un modelo de madurez que esta organización pueda usar: vea errors.',
        en: 'Some root cause is not a dimension of a maturity model this organisation can use: see errors.',
      },
    },
    [FrictionProblem.ModelUnusable]: {
      status: 422,
      detail: {
        es: 'Ese modelo de madurez no existe o no se puede usar en esta organización.',
        en: 'That maturity model does not exist or is not usable in this organisation.',
      },
    },
    [FrictionProblem.TransitionInvalid]: {
      status: 409,
      detail: (p: { from: FrictionStatus; to: FrictionStatus; allowed: readonly FrictionStatus[] }) => transitionRefusedText(p),
    },
  },
  {
    [FrictionProblem.RefTaken]: { ref: 'FR-2026-001' },
    [FrictionProblem.AreaUnknown]: { area: 'parking' },
    [FrictionProblem.AreaExists]: { key: 'parking' },
    [FrictionProblem.AreaBuiltIn]: { key: 'mobility' },
    [FrictionProblem.AreaInUse]: { key: 'parking', count: 3 },
    [FrictionProblem.TransitionInvalid]: { from: 'resolved', to: 'analysed', allowed: [] },
  },
);
