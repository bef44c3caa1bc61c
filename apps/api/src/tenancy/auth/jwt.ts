import { createHmac, timingSafeEqual } from 'node:crypto';

/** Claims of a Rumbo access token. */
export interface AccessClaims {
  sub: string;
  email: string;
  /** Platform administrator. */
  pa: boolean;
  typ: 'access';
  iat: number;
  exp: number;
  jti: string;
  /**
   * The session: the refresh-token family of the sign-in that issued this token. Each request checks
   * it is still live (rumbo_session_active), so sign-out, a password change or a revoked family end
   * the token at once instead of at `exp`.
   */
  sid: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

function base64url(input: string | Buffer): string {
  return Buffer.from(input).toString('base64url');
}

/**
 * Minimal HS256 JWTs: Rumbo is both issuer and audience of its access tokens, so a shared secret and
 * one fixed algorithm suffice; anything else in the header is refused (no `alg: none` downgrade).
 */
export function signJwt(claims: AccessClaims, secret: string): string {
  const payload = base64url(JSON.stringify(claims));
  const signature = createHmac('sha256', secret).update(`${HEADER}.${payload}`).digest('base64url');
  return `${HEADER}.${payload}.${signature}`;
}

/** The claims of a valid, unexpired access token, or null. */
export function verifyJwt(token: string, secret: string, nowSeconds = Math.floor(Date.now() / 1000)): AccessClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== HEADER) return null;
  const expected = createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest();
  const given = Buffer.from(parts[2], 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let claims: AccessClaims;
  try {
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as AccessClaims;
  } catch {
    return null;
  }
  if (claims.typ !== 'access' || typeof claims.sub !== 'string' || typeof claims.exp !== 'number' || claims.exp <= nowSeconds) return null;
  // A token without a session (issued before sessions existed) cannot be checked for revocation.
  if (typeof claims.sid !== 'string' || !UUID.test(claims.sid) || !UUID.test(claims.sub)) return null;
  return claims;
}
