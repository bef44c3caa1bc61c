import type { Me, Role } from '@/api/types';

/** What a route or action needs, as the API names it. */
export type AccessLevel = 'read' | 'write' | 'admin' | 'audit';

/** Mirrors the API's role table: auditors read everything and the audit trail, and change nothing. */
export const ROLE_ACCESS: Record<Role, readonly AccessLevel[]> = {
  admin: ['read', 'write', 'admin', 'audit'],
  analyst: ['read', 'write'],
  viewer: ['read'],
  auditor: ['read', 'audit'],
};

const STRENGTH: Record<Role, number> = { viewer: 0, auditor: 1, analyst: 2, admin: 3 };

/** Where a tenant sits: its id and its ancestors' ids (root first). */
export interface TenantPosition {
  id: string;
  ancestors: readonly string[];
}

/**
 * The user's effective role on a tenant: the strongest membership on the tenant or any ancestor
 * (a role applies to the whole subtree); platform administrators act as admin everywhere.
 */
export function effectiveRole(me: Me | null, tenant: TenantPosition | null): Role | null {
  if (!me || !tenant) return null;
  if (me.platformAdmin) return 'admin';
  const path = new Set([tenant.id, ...tenant.ancestors]);
  let best: Role | null = null;
  for (const membership of me.memberships) {
    if (path.has(membership.tenantId) && (best === null || STRENGTH[membership.role] > STRENGTH[best])) {
      best = membership.role;
    }
  }
  return best;
}

export function roleGrants(role: Role | null, access: AccessLevel): boolean {
  return role !== null && ROLE_ACCESS[role].includes(access);
}
