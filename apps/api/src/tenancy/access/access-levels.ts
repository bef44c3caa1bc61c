import type { AccessLevel } from '../../platform/auth/auth.decorators';
import type { ApiKeyScope } from '../api-keys/api-key.entity';
import type { Role } from '../users/membership.entity';

/** What each role may do. Auditors read everything and the audit trail, and write nothing. */
export const ROLE_ACCESS: Record<Role, readonly AccessLevel[]> = {
  admin: ['read', 'write', 'admin', 'audit'],
  analyst: ['read', 'write'],
  viewer: ['read'],
  auditor: ['read', 'audit'],
};

/** What each API key scope grants. `kpis:write` grants only the routes that name it. */
export const SCOPE_ACCESS: Record<ApiKeyScope, readonly AccessLevel[]> = {
  read: ['read'],
  write: ['read', 'write'],
  'kpis:write': [],
  admin: ['read', 'write', 'admin'],
};

/** Order used when several memberships apply along a tenant's path: the strongest wins. */
const STRENGTH: Record<Role, number> = { viewer: 0, auditor: 1, analyst: 2, admin: 3 };

export function strongestRole(roles: readonly Role[]): Role | undefined {
  return roles.reduce<Role | undefined>((best, r) => (best === undefined || STRENGTH[r] > STRENGTH[best] ? r : best), undefined);
}

export function roleGrants(role: Role, access: AccessLevel): boolean {
  return ROLE_ACCESS[role].includes(access);
}

export function scopesGrant(scopes: readonly ApiKeyScope[], access: AccessLevel, keyScopes: readonly string[] = []): boolean {
  return scopes.some((s) => SCOPE_ACCESS[s].includes(access) || keyScopes.includes(s));
}
