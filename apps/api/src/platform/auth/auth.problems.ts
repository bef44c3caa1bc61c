import { defineProblems, type Localised } from '../errors/catalogue';
import type { AccessLevel } from './auth.decorators';

/**
 * Problems of the authentication requirements every route declares (auth.decorators.ts): a
 * credential missing, dead or sent where credentials do not belong (401), or a principal of the
 * wrong kind or role (403). Raised by the tenancy guard and by the error filter for the framework's
 * own 401/403s.
 */
export enum AuthProblem {
  Unauthorized = 'unauthorized',
  CredentialOutsideHeader = 'credential-outside-header',
  Forbidden = 'forbidden',
}

/** Why a request is not authenticated. */
export type UnauthorizedReason = 'missing' | 'invalid' | 'sessionEnded' | 'accountGone';

/** Why an authenticated principal may not do this. */
export type ForbiddenReason =
  | { reason: 'staffOnly' | 'platformOnly' | 'denied' | 'rootMove' | 'parentAdmin' }
  | { reason: 'role'; role: 'admin' | 'analyst' | 'viewer' | 'auditor'; access: AccessLevel }
  | { reason: 'keyScopes'; access: AccessLevel };

const ACCESS_ES: Record<AccessLevel, string> = { read: 'lectura', write: 'escritura', admin: 'administración', audit: 'auditoría' };
const ROLE_ES = { admin: 'Administración', analyst: 'Análisis', viewer: 'Consulta', auditor: 'Auditoría' } as const;
const ROLE_EN = { admin: 'administrator', analyst: 'analyst', viewer: 'viewer', auditor: 'auditor' } as const;

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="rumbo"' };

const UNAUTHORIZED: Record<UnauthorizedReason, { es: string; en: string }> = {
  missing: {
    es: 'Se necesita un token de acceso o una clave de API en la cabecera Authorization (Bearer).',
    en: 'A bearer access token or API key is required in the Authorization header.',
  },
  invalid: {
    es: 'El token de acceso o la clave de API no es válido, ha caducado o se ha revocado.',
    en: 'The access token or API key is not valid, has expired or was revoked.',
  },
  sessionEnded: {
    es: 'La sesión de este token de acceso ha terminado (cierre de sesión, cambio de contraseña o revocación): inicie sesión de nuevo.',
    en: 'The session of this access token has ended (sign-out, password change or revocation); sign in again.',
  },
  accountGone: {
    es: 'La cuenta de este token de acceso ya no existe o está desactivada.',
    en: 'The account of this access token no longer exists or is disabled.',
  },
};

function forbidden(p: ForbiddenReason): Localised {
  switch (p.reason) {
    case 'staffOnly':
      return {
        es: 'Esta operación es para personal con sesión iniciada, no para claves de API.',
        en: 'This operation is for signed-in staff, not API keys.',
      };
    case 'platformOnly':
      return { es: 'Solo los administradores de la plataforma pueden hacer esto.', en: 'Only platform administrators may do this.' };
    case 'denied':
      return { es: 'Su rol no le permite hacer esto.', en: 'Your role does not allow this.' };
    case 'role':
      return {
        es: `El rol ${ROLE_ES[p.role]} no concede acceso de ${ACCESS_ES[p.access]} a esta organización.`,
        en: `The ${ROLE_EN[p.role]} role does not grant ${p.access} access to this tenant.`,
      };
    case 'keyScopes':
      return {
        es: `Los ámbitos de esta clave de API no conceden acceso de ${ACCESS_ES[p.access]} a esta organización.`,
        en: `This API key's scopes do not grant ${p.access} access to this tenant.`,
      };
    case 'rootMove':
      return {
        es: 'Solo los administradores de la plataforma pueden convertir una organización en raíz.',
        en: 'Only platform administrators may make a tenant a root.',
      };
    case 'parentAdmin':
      return {
        es: 'Para mover una organización bajo otra, usted debe administrar también la nueva organización superior.',
        en: 'You must be an admin of the new parent to move a tenant under it.',
      };
  }
}

export const authProblems = defineProblems(
  'auth',
  AuthProblem,
  {
    [AuthProblem.Unauthorized]: {
      status: 401,
      detail: (p: { reason: UnauthorizedReason }) => UNAUTHORIZED[p.reason],
      headers: CHALLENGE,
    },
    [AuthProblem.CredentialOutsideHeader]: {
      status: 401,
      detail: {
        es: 'Las credenciales solo se aceptan en la cabecera Authorization: no las envíe en la dirección (access_token) ni en el cuerpo, donde quedan en registros y cachés.',
        en: 'Credentials are accepted in the Authorization header only: do not send them in the URL (access_token) or the body, where they end up in logs and caches.',
      },
      headers: CHALLENGE,
    },
    [AuthProblem.Forbidden]: {
      status: 403,
      detail: forbidden,
    },
  },
  { [AuthProblem.Unauthorized]: { reason: 'missing' }, [AuthProblem.Forbidden]: { reason: 'denied' } },
);
