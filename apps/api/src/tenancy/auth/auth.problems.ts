import { defineProblems } from '../../platform/errors/catalogue';

/** Problems of staff sign-in: passwords, refresh tokens and throttling. */
export enum SignInProblem {
  InvalidCredentials = 'invalid-credentials',
  TooManyAttempts = 'too-many-attempts',
}

/** Which credential was refused (one code: a client does the same in every case, sign in again). */
export type InvalidCredentialReason =
  'password' | 'currentPassword' | 'refreshToken' | 'refreshExpired' | 'refreshReused' | 'accountDisabled' | 'existingAccount';

const INVALID: Record<InvalidCredentialReason, { es: string; en: string }> = {
  password: { es: 'El correo o la contraseña no son correctos.', en: 'Email or password is not correct.' },
  currentPassword: { es: 'La contraseña actual no es correcta.', en: 'The current password is not correct.' },
  refreshToken: { es: 'El token de renovación no es válido.', en: 'The refresh token is not valid.' },
  refreshExpired: { es: 'El token de renovación ha caducado o se ha revocado.', en: 'The refresh token has expired or was revoked.' },
  refreshReused: {
    es: 'El token de renovación ya se había usado: se han revocado todas las sesiones de este inicio de sesión.',
    en: 'The refresh token was already used; all sessions of this sign-in are revoked.',
  },
  accountDisabled: { es: 'La cuenta está desactivada.', en: 'The account is disabled.' },
  existingAccount: {
    es: 'Ya existe una cuenta con este correo electrónico: escriba su contraseña para aceptar.',
    en: 'An account with this email exists: enter its password to accept.',
  },
};

export const signInProblems = defineProblems(
  'sign-in',
  SignInProblem,
  {
    [SignInProblem.InvalidCredentials]: {
      status: 401,
      detail: (p: { reason: InvalidCredentialReason }) => INVALID[p.reason],
      headers: { 'WWW-Authenticate': 'Bearer realm="rumbo"' },
    },
    [SignInProblem.TooManyAttempts]: {
      status: 429,
      detail: (p: { seconds: number }) => ({
        es: `Demasiados intentos fallidos de inicio de sesión: vuelva a intentarlo dentro de ${p.seconds} s.`,
        en: `Too many failed sign-ins; try again in ${p.seconds} s.`,
      }),
    },
  },
  {
    [SignInProblem.InvalidCredentials]: { reason: 'password' },
    [SignInProblem.TooManyAttempts]: { seconds: 840 },
  },
);

/** The 429 of a throttled sign-in, with Retry-After and the same number in the body. */
export function tooManyAttempts(seconds: number) {
  return signInProblems.raise(
    SignInProblem.TooManyAttempts,
    { seconds },
    { extensions: { retryAfter: seconds }, headers: { 'Retry-After': String(seconds) } },
  );
}
