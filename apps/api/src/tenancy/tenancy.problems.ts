import type { AccessLevel } from '../platform/auth/auth.decorators';
import { defineProblems, type Localised } from '../platform/errors/catalogue';
import type { Role } from './users/membership.entity';

/**
 * The problem codes of tenancy: tenants, memberships, invitations, API keys, sign-in and tenant
 * access. Raise them with `tenancyProblems.raise(TenancyProblem.X, params?)`; the texts are here only.
 * (401 `unauthorized`, 404 `not-found`, 412 `precondition-failed` are the platform's.)
 */
export enum TenancyProblem {
  InvalidCredentials = 'invalid-credentials',
  Forbidden = 'forbidden',
  TenantArchived = 'tenant-archived',
  ParentNotFound = 'parent-not-found',
  OwnMembership = 'own-membership',
  AlreadyMember = 'already-member',
  InvitationUnavailable = 'invitation-unavailable',
}

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="rumbo"' };

/** Which credential was wrong (each with its own text). */
export type CredentialsReason = 'login' | 'refresh-token' | 'current-password' | 'existing-account';

const CREDENTIALS: Record<CredentialsReason, Localised> = {
  login: { es: 'El correo electrónico o la contraseña no son correctos.', en: 'Email or password is not correct.' },
  'refresh-token': { es: 'El token de renovación no es válido.', en: 'The refresh token is not valid.' },
  'current-password': { es: 'La contraseña actual no es correcta.', en: 'The current password is not correct.' },
  'existing-account': {
    es: 'Ya existe una cuenta con este correo electrónico: escriba su contraseña para aceptar.',
    en: 'An account with this email exists: enter its password to accept.',
  },
};

/** Why a principal may not do what it asked. */
export type ForbiddenReason =
  | { reason: 'staff-only' }
  | { reason: 'platform-admin' }
  | { reason: 'role'; role: Role; access: AccessLevel }
  | { reason: 'key-scopes'; access: AccessLevel }
  | { reason: 'root-move' }
  | { reason: 'parent-admin' };

const ACCESS_ES: Record<AccessLevel, string> = { read: 'lectura', write: 'escritura', admin: 'administración', audit: 'auditoría' };
const ROLE_ES: Record<Role, string> = { admin: 'Administración', analyst: 'Análisis', viewer: 'Consulta', auditor: 'Auditoría' };
const ROLE_EN: Record<Role, string> = { admin: 'administrator', analyst: 'analyst', viewer: 'viewer', auditor: 'auditor' };

function forbidden(p: ForbiddenReason): Localised {
  switch (p.reason) {
    case 'staff-only':
      return {
        es: 'Esta operación es para personal que ha iniciado sesión, no para claves de API.',
        en: 'This operation is for signed-in staff, not API keys.',
      };
    case 'platform-admin':
      return { es: 'Solo los administradores de la plataforma pueden hacer esto.', en: 'Only platform administrators may do this.' };
    case 'role':
      return {
        es: `El rol ${ROLE_ES[p.role]} no concede acceso de ${ACCESS_ES[p.access]} a esta organización.`,
        en: `The ${ROLE_EN[p.role]} role does not grant ${p.access} access to this tenant.`,
      };
    case 'key-scopes':
      return {
        es: `Los ámbitos de esta clave de API no conceden acceso de ${ACCESS_ES[p.access]} a esta organización.`,
        en: `This API key's scopes do not grant ${p.access} access to this tenant.`,
      };
    case 'root-move':
      return {
        es: 'Solo los administradores de la plataforma pueden convertir una organización en raíz.',
        en: 'Only platform administrators may make a tenant a root.',
      };
    case 'parent-admin':
      return {
        es: 'Para mover una organización bajo otra, usted debe administrar también la nueva organización superior.',
        en: 'You must be an admin of the new parent to move a tenant under it.',
      };
  }
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
    [TenancyProblem.InvalidCredentials]: {
      status: 401,
      detail: (p: { reason: CredentialsReason }) => CREDENTIALS[p.reason],
      headers: CHALLENGE,
    },
    [TenancyProblem.Forbidden]: { status: 403, detail: forbidden },
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
    [TenancyProblem.InvalidCredentials]: { reason: 'login' },
    [TenancyProblem.Forbidden]: { reason: 'role', role: 'viewer', access: 'write' },
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
