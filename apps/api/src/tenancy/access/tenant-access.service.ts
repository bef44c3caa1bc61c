import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthRequirement } from '../../platform/auth/auth.decorators';
import { RequestContext, type RequestState } from '../../platform/context/request-context';
import { DbSession, type SessionSettings } from '../../platform/database/db-session';
import { ProblemError } from '../../platform/errors/problem';
import type { Principal } from '../auth/principal';
import type { Role } from '../users/membership.entity';
import { roleGrants, scopesGrant, strongestRole } from './access-levels';

/** The caller's standing in the request's tenant, resolved once per request. */
export interface TenantAccess {
  principal: Principal;
  /** Path tenant, for tenant-scoped routes. */
  tenantId?: string;
  /** The tenant plus the descendants the caller can read. */
  readableTenantIds: string[];
  /** Effective role in the path tenant (platform administrators act as admin). */
  role?: Role;
  platform: boolean;
  /** Tenants the principal holds memberships (role) or its key on. */
  roots: { tenantId: string; role: Role | null }[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const accessByRequest = new WeakMap<RequestState, TenantAccess>();

/** The current request's resolved access; absent outside authenticated routes. */
export function currentAccess(): TenantAccess {
  const state = RequestContext.current();
  const access = state && accessByRequest.get(state);
  if (!access) throw new Error('no tenant access in this context: the route must declare an authenticated requirement');
  return access;
}

/**
 * Resolves what the principal may do, inside the request's transaction, and sets the row-level
 * security context accordingly. A tenant the principal cannot see answers 404 (never 403: the
 * existence of other administrations is not disclosed); a role that does not grant the route, 403.
 */
@Injectable()
export class TenantAccessService {
  constructor(private readonly db: DbSession) {}

  async open(
    manager: EntityManager,
    principal: Principal,
    requirement: AuthRequirement,
    pathTenantId: string | undefined,
  ): Promise<TenantAccess> {
    const platform = principal.kind === 'user' && principal.platformAdmin;
    const userId = principal.kind === 'user' ? principal.userId : undefined;
    let roots: TenantAccess['roots'];
    if (principal.kind === 'api_key') {
      roots = [{ tenantId: principal.tenantId, role: null }];
    } else {
      await this.db.within(manager, { userId, platform });
      const rows: { tenant_id: string; role: Role }[] = await manager.query('SELECT tenant_id, role FROM memberships WHERE user_id = $1', [
        principal.userId,
      ]);
      roots = rows.map((r) => ({ tenantId: r.tenant_id, role: r.role }));
    }
    const base: SessionSettings = { userId, platform, principalRoots: roots.map((r) => r.tenantId) };
    const access: TenantAccess = { principal, platform, roots, readableTenantIds: [] };
    if (requirement.kind !== 'tenant') {
      await this.db.within(manager, base);
      return this.remember(access);
    }

    if (!pathTenantId || !UUID.test(pathTenantId)) throw ProblemError.notFound('tenant');
    await this.db.within(manager, base);
    const [tenant]: { id: string; ancestors: string[]; archived_at: Date | null; descendants: string[] }[] = await manager.query(
      `SELECT t.id, t.ancestors, t.archived_at,
              ARRAY(SELECT d.id FROM tenants d WHERE d.ancestors @> ARRAY[t.id]) AS descendants
         FROM tenants t WHERE t.id = $1`,
      [pathTenantId],
    );
    if (!tenant) throw ProblemError.notFound('tenant');
    const path = new Set([tenant.id, ...tenant.ancestors]);

    let granted: boolean;
    if (platform) {
      access.role = 'admin';
      granted = true;
    } else if (principal.kind === 'user') {
      access.role = strongestRole(roots.filter((r) => path.has(r.tenantId)).map((r) => r.role as Role));
      if (!access.role) throw ProblemError.notFound('tenant');
      granted = roleGrants(access.role, requirement.access);
    } else {
      if (!path.has(principal.tenantId)) throw ProblemError.notFound('tenant');
      granted = scopesGrant(principal.scopes, requirement.access, requirement.keyScopes);
    }
    if (!granted) {
      const who = access.role ? `The ${access.role} role` : 'This API key';
      throw new ProblemError(403, 'forbidden', `${who} does not grant ${requirement.access} access to this tenant.`);
    }
    if (tenant.archived_at && requirement.access !== 'read' && requirement.access !== 'audit' && !requirement.allowArchived) {
      throw ProblemError.conflict('This tenant is archived: unarchive it before changing anything in it.', 'tenant-archived');
    }
    access.tenantId = tenant.id;
    access.readableTenantIds = [tenant.id, ...tenant.descendants];
    await this.db.within(manager, { ...base, tenantId: tenant.id, readableTenantIds: access.readableTenantIds });
    return this.remember(access);
  }

  private remember(access: TenantAccess): TenantAccess {
    const state = RequestContext.current();
    if (state) {
      accessByRequest.set(state, access);
      state.tenantId = access.tenantId;
    }
    return access;
  }
}
