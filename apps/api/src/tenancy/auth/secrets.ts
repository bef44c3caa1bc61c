import { createHash, randomBytes } from 'node:crypto';
import { platformSecret } from '../../platform/database/database-bootstrap';

/** A random token part: 32 bytes, base64url (256 bits). */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * Tokens we issue (API keys, refresh tokens, invitations) carry 256 random bits, so a fast hash is
 * enough to store them: there is nothing to brute-force, unlike a password.
 */
export function hashToken(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/**
 * The token signing key when JWT_SECRET is not configured: 256 random bits generated on the first
 * start and kept in the database, so an access token stays valid across restarts (the embedded
 * server's port changes on each one) and on every instance sharing the database. Hashing the owner's
 * connection string, as before, tied the key to that port, and to a password that may be empty.
 */
export function storedJwtSecret(ownerUrl: string): Promise<string> {
  return platformSecret(ownerUrl, 'jwt-signing-key');
}

export function compactUuid(id: string): string {
  return id.replace(/-/g, '');
}

export function expandUuid(hex: string): string | null {
  if (!/^[0-9a-f]{32}$/.test(hex)) return null;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
