import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { UnitOfWorkBinding } from './unit-of-work.binding';

export const AUTH_METADATA = 'rumbo:auth';

/** What a caller may do in a tenant; roles and key scopes map onto these (tenancy/access). */
export type AccessLevel = 'read' | 'write' | 'admin' | 'audit';

/** What a route requires of its caller. Every route declares one (a test enforces it). */
export type AuthRequirement =
  | { kind: 'public' }
  /** Any authenticated principal: a staff user or an API key. */
  | { kind: 'principal' }
  /** A signed-in staff user (not an API key). */
  | { kind: 'user' }
  /** A platform administrator. */
  | { kind: 'platform' }
  /**
   * A tenant-scoped route (`:tenantId` in the path). `keyScopes` lists API key scopes that grant the
   * route on their own (e.g. `kpis:write` for ingestion). `allowArchived` lets a write reach an
   * archived tenant (to unarchive it).
   */
  | { kind: 'tenant'; access: AccessLevel; keyScopes?: readonly string[]; allowArchived?: boolean };

const PROBLEM = { description: 'Problem', schema: { $ref: '#/components/schemas/Problem' } };

/** The route answers anyone: health probes, metrics, sign-in. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(AUTH_METADATA, { kind: 'public' } satisfies AuthRequirement);

/** An authenticated route: its requirement, its unit of work (one transaction), its documented 401. */
function authenticated(requirement: AuthRequirement, extra: (MethodDecorator & ClassDecorator)[] = []) {
  return applyDecorators(
    SetMetadata(AUTH_METADATA, requirement),
    UseInterceptors(UnitOfWorkBinding),
    ApiBearerAuth('bearer'),
    ApiUnauthorizedResponse({ ...PROBLEM, description: 'Missing, expired, revoked or invalid credentials' }),
    ...extra,
  );
}

/** Any authenticated principal. */
export const Authenticated = () => authenticated({ kind: 'principal' });

/** A signed-in staff user. */
export const SignedIn = () =>
  authenticated({ kind: 'user' }, [ApiForbiddenResponse({ ...PROBLEM, description: 'Not available to API keys' })]);

/** A platform administrator. */
export const PlatformAdmin = () =>
  authenticated({ kind: 'platform' }, [ApiForbiddenResponse({ ...PROBLEM, description: 'Only platform administrators' })]);

/**
 * A tenant-scoped route: the caller needs `access` on the path's tenant (through a membership on it
 * or an ancestor, or an API key bound to it or an ancestor). A tenant the caller cannot see is a 404.
 */
export const TenantAccess = (access: AccessLevel, options: { keyScopes?: readonly string[]; allowArchived?: boolean } = {}) =>
  authenticated({ kind: 'tenant', access, ...options }, [
    ApiForbiddenResponse({ ...PROBLEM, description: `Your role or key scopes do not grant ${access} access here` }),
    ApiNotFoundResponse({ ...PROBLEM, description: 'No such tenant or object, or not visible to you' }),
  ]);
