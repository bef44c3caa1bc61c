import { createHash } from 'node:crypto';

/** Returns a copy of a postgres:// URL with other credentials and/or database. */
export function withCredentials(url: string, change: { user?: string; password?: string; database?: string }): string {
  const u = new URL(url);
  if (change.user !== undefined) u.username = encodeURIComponent(change.user);
  if (change.password !== undefined) u.password = encodeURIComponent(change.password);
  if (change.database !== undefined) u.pathname = `/${encodeURIComponent(change.database)}`;
  return u.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres';
}

/** Redacts the password of a connection string for logs. */
export function redactUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

/**
 * The runtime role's password when none is configured: derived from the owner's connection string,
 * so every API instance sharing one database derives the same secret without storing it anywhere.
 */
export function derivedAppPassword(ownerUrl: string, role: string): string {
  return createHash('sha256').update(`${ownerUrl}\u0000${role}`).digest('base64url').slice(0, 32);
}
