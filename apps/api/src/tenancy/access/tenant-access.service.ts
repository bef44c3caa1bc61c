import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthRequirement } from '../../platform/auth/auth.decorators';
import { RequestContext, type RequestState } from '../../platform/context/request-context';
import type { LiteralStatement } from '../../platform/database/db-session';
import { AuthProblem, authProblems } from '../../platform/auth/auth.problems';
import { PlatformProblem, platformProblems } from '../../platform/errors/platform.problems';
import { TenancyProblem, tenancyProblems } from '../tenancy.problems';
import type { Principal } from '../auth/principal';
import type { Role } from '../users/membership.entity';
import { roleGrants, scopesGrant, strongestRole } from './access-levels';

/** The caller's standing in the request's tenant, resolved once per request. */
export interface TenantAccess {
  principal: Principal;
  /** Path tenant, for tenant-scoped routes. */
  tenantId?: string;
  /** Tenants the caller reads listed one by one: the path tenant. */
  readableTenantIds: string[];
  /** Tenants whose descendants the caller reads too, at any depth: the path tenant (never their list). */
  readableDescendantsOf: string[];
  /** Effective role in the path tenant (platform administrators act as admin). */
  role?: Role;
  platform: boolean;
  /** Tenants the principal holds memberships (role) or its key on. */
  roots: { tenantId: string; role: Role | null }[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids from the credential are ours (signed token, key lookup): one that is not a UUID is a bug. */
function uuid(label: string, value: string): string {
  if (!UUID.test(value)) throw new Error(`invalid ${label}: ${value}`);
  return value;
}

const accessByRequest = new WeakMap<RequestState, TenantAccess>();

/** The current request's resolved access; absent outside authenticated routes. */
export function currentAccess(): TenantAccess {
  const state = RequestContext.current();
  const access = state && accessByRequest.get(state);
  if (!access) throw new Error('no tenant access in this context: the route must declare an authenticated requirement');
  return access;
}

/** What rumbo_open_request answers: the principal's roots and, for a reachable path tenant, its place in the tree. */
interface OpenedRequest {
  root_ids: string[];
  root_roles: (Role | null)[];
  tenant_id: string | null;
  ancestors: string[] | null;
  archived_at: Date | null;
  /** The access token's session is live (always true for API keys): see SESSION_CHECK. */
  session_active: boolean;
}

// The access token's session rides in the same statement: rumbo_session_active (migration
// SessionRevocation) is false once sign-out, a password change or reuse detection revoked the token's
// refresh-token family ($6), or the account is gone or disabled.
const SESSION_CHECK = 'CROSS JOIN rumbo_session_active($1, $6) AS s(session_active)';

const OPEN_REQUEST = `SELECT o.root_ids, o.root_roles, o.tenant_id, o.ancestors, o.archived_at, s.session_active
     FROM rumbo_open_request($1, $2, $3, $4, $5) o ${SESSION_CHECK}`;
// Switching a transaction to read-only is allowed after its first query (only the way back is not),
// so a read rides on the same round trip instead of a SET TRANSACTION of its own.
const OPEN_READ_ONLY_REQUEST = `SELECT o.root_ids, o.root_roles, o.tenant_id, o.ancestors, o.archived_at, s.session_active,
          set_config('transaction_read_only', 'on', true)
     FROM rumbo_open_request($1, $2, $3, $4, $5) o ${SESSION_CHECK}`;

const notFound = () => platformProblems.raise(PlatformProblem.NotFound);

export interface OpenOptions {
  /** Make the request's transaction READ ONLY, in the same round trip. */
  readOnly?: boolean;
}

/**
 * Resolves what the principal may do, inside the request's transaction, and sets the row-level
 * security context accordingly. A tenant the principal cannot see answers 404 (never 403: the
 * existence of other administrations is not disclosed); a role that does not grant the route, 403.
 *
 * One statement does the database's part: rumbo_open_request (migration RequestAccess) derives the
 * principal's roots itself, finds the path tenant only when the principal reaches it, and sets the
 * full context, tenant scope included: the tenant, and its subtree by its root (a context whose size
 * does not depend on how many tenants lie below). The decisions below only ever narrow that: when they refuse,
 * the request fails and its transaction rolls back before anything runs under the context.
 */
/** The access check of one request: the statement that runs it, and the decision on its answer. */
export interface AccessOpening {
  statement: LiteralStatement;
  /** Decides on the statement's row: the caller's access, or a 404/403/409 problem (then roll back). */
  decide(rows: Record<string, unknown>[]): TenantAccess;
}

@Injectable()
export class TenantAccessService {
  /** Runs the access check as the next statement of an open transaction (one round trip). */
  async open(
    manager: EntityManager,
    principal: Principal,
    requirement: AuthRequirement,
    pathTenantId: string | undefined,
    options: OpenOptions = {},
  ): Promise<TenantAccess> {
    const opening = this.opening(principal, requirement, pathTenantId, options);
    return opening.decide(await manager.query(opening.statement.text, [...opening.statement.values]));
  }

  /**
   * The access check for a unit of work to send itself (DbSession.begin sends it with BEGIN).
   * Every value in the statement is a UUID from the credential or the path, a boolean or NULL.
   */
  opening(principal: Principal, requirement: AuthRequirement, pathTenantId: string | undefined, options: OpenOptions = {}): AccessOpening {
    const platform = principal.kind === 'user' && principal.platformAdmin;
    const tenantRoute = requirement.kind === 'tenant';
    if (tenantRoute && (!pathTenantId || !UUID.test(pathTenantId))) throw notFound();
    const statement: LiteralStatement = {
      text: options.readOnly ? OPEN_READ_ONLY_REQUEST : OPEN_REQUEST,
      values:
        principal.kind === 'user'
          ? [
              uuid('userId', principal.userId),
              platform,
              null,
              null,
              tenantRoute ? (pathTenantId ?? null) : null,
              principal.sessionId === undefined ? null : uuid('sessionId', principal.sessionId),
            ]
          : [
              null,
              false,
              uuid('keyId', principal.keyId),
              uuid('key tenant', principal.tenantId),
              tenantRoute ? (pathTenantId ?? null) : null,
              null,
            ],
    };
    return { statement, decide: (rows) => this.decide(rows[0] as unknown as OpenedRequest, principal, requirement, platform) };
  }

  private decide(opened: OpenedRequest, principal: Principal, requirement: AuthRequirement, platform: boolean): TenantAccess {
    if (!opened.session_active) throw authProblems.raise(AuthProblem.Unauthorized, { reason: 'sessionEnded' });
    const roots: TenantAccess['roots'] = opened.root_ids.map((tenantId, i) => ({ tenantId, role: opened.root_roles[i] ?? null }));
    const access: TenantAccess = { principal, platform, roots, readableTenantIds: [], readableDescendantsOf: [] };
    if (requirement.kind !== 'tenant') return this.remember(access);

    if (!opened.tenant_id) throw notFound();
    const tenant = { id: opened.tenant_id, ancestors: opened.ancestors ?? [], archived_at: opened.archived_at };
    const path = new Set([tenant.id, ...tenant.ancestors]);

    let granted: boolean;
    if (platform) {
      access.role = 'admin';
      granted = true;
    } else if (principal.kind === 'user') {
      access.role = strongestRole(roots.filter((r) => path.has(r.tenantId)).map((r) => r.role as Role));
      if (!access.role) throw notFound();
      granted = roleGrants(access.role, requirement.access);
    } else {
      if (!path.has(principal.tenantId)) throw notFound();
      granted = scopesGrant(principal.scopes, requirement.access, requirement.keyScopes);
    }
    if (!granted) {
      throw authProblems.raise(
        AuthProblem.Forbidden,
        access.role
          ? { reason: 'role', role: access.role, access: requirement.access }
          : { reason: 'keyScopes', access: requirement.access },
      );
    }
    if (tenant.archived_at && requirement.access !== 'read' && requirement.access !== 'audit' && !requirement.allowArchived) {
      throw tenancyProblems.raise(TenancyProblem.TenantArchived, { which: 'tenant' });
    }
    access.tenantId = tenant.id;
    access.readableTenantIds = [tenant.id];
    access.readableDescendantsOf = [tenant.id];
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
