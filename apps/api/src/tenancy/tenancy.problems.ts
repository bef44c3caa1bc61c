import { defineProblems, type Localised } from '../platform/errors/catalogue';

/**
 * The problem codes of tenancy: tenants, memberships, invitations, API keys, sign-in and tenant
 * access. Raise them with `tenancyProblems.raise(TenancyProblem.X, params?)`; the texts are here only.
 * (401 `unauthorized`, 404 `not-found`, 412 `precondition-failed` are the platform's.)
 */
export enum TenancyProblem {
  TenantArchived = 'tenant-archived',
  ParentNotFound = 'parent-not-found',
  OwnMembership = 'own-membership',
  AlreadyMember = 'already-member',
  InvitationUnavailable = 'invitation-unavailable',
}

/** Which archived tenant is in the way. */
export type ArchivedTenant = 'tenant' | 'parent' | 'ancestor';

const ARCHIVED: Record<ArchivedTenant, Localised> = {
  tenant: {
    es: 'Esta organización está archivada: desarchívela antes de cambiar nada en ella.',
    en: 'This tenant is archived: unarchive it before changing anything in it.',
  },
  parent: {
    es: 'La nueva organización superior está archivada: desarchívela antes de mover nada bajo ella.',
    en: 'The new parent is archived: unarchive it before moving anything under it.',
  },
  ancestor: {
    es: 'Una organización superior a esta está archivada: restaure esa organización.',
    en: 'An ancestor of this tenant is archived: restore that ancestor instead.',
  },
};

/** What an admin tried to do to their own membership. */
export type OwnMembershipAction = 'change-role' | 'remove';

const OWN_MEMBERSHIP: Record<OwnMembershipAction, Localised> = {
  'change-role': {
    es: 'No puede cambiar su propio rol aquí: pídaselo a otra persona administradora.',
    en: 'You cannot change your own role here; ask another admin.',
  },
  remove: {
    es: 'No puede quitar su propio acceso a esta organización: pídaselo a otra persona administradora.',
    en: 'You cannot remove yourself here; ask another admin.',
  },
};

export const tenancyProblems = defineProblems(
  'tenancy',
  TenancyProblem,
  {
    [TenancyProblem.TenantArchived]: { status: 409, detail: (p: { which: ArchivedTenant }) => ARCHIVED[p.which] },
    [TenancyProblem.ParentNotFound]: {
      status: 422,
      detail: {
        es: 'La nueva organización superior no existe o usted no puede verla.',
        en: 'The new parent does not exist or is not visible to you.',
      },
    },
    [TenancyProblem.OwnMembership]: { status: 409, detail: (p: { action: OwnMembershipAction }) => OWN_MEMBERSHIP[p.action] },
    [TenancyProblem.AlreadyMember]: {
      status: 409,
      detail: { es: 'Esta persona ya es miembro de la organización.', en: 'This person is already a member of the tenant.' },
    },
    [TenancyProblem.InvitationUnavailable]: {
      status: 404,
      detail: {
        es: 'Esta invitación no existe, se ha revocado, ya se ha usado o ha caducado.',
        en: 'This invitation does not exist, was revoked, was already used or has expired.',
      },
    },
  },
  {
    [TenancyProblem.TenantArchived]: { which: 'tenant' },
    [TenancyProblem.OwnMembership]: { action: 'change-role' },
  },
);

/** Field-level texts tenancy attaches to its problems' `errors[]`. */
export const TENANCY_FIELD_MESSAGES = {
  alreadyMember: { es: 'Ya es miembro.', en: 'Already a member.' },
  parentNotFound: { es: 'No existe ninguna organización visible con este id.', en: 'No visible tenant has this id.' },
  expiresAtInThePast: { es: 'Debe ser un instante futuro.', en: 'Must be in the future.' },
  nameRequired: { es: 'Escriba su nombre para crear la cuenta.', en: 'A name is required to create the account.' },
  passwordTooShort: (min: number): Localised => ({
    es: `La contraseña debe tener al menos ${min} caracteres.`,
    en: `The password must be at least ${min} characters long.`,
  }),
  codeTaken: { es: 'Este código ya lo usa otra organización.', en: 'This code is already used by another tenant.' },
  parentMissing: {
    es: 'La organización superior no existe o usted no puede verla.',
    en: 'The parent tenant does not exist or is not visible to you.',
  },
  noCycle: {
    es: 'Una organización no puede moverse bajo su propia descendencia.',
    en: 'A tenant cannot be moved under its own subtree.',
  },
} as const;
