import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { ACCESS_EXTENSION } from '../openapi/problem-responses';
import { BindUnitOfWork } from './unit-of-work.binding';

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

/**
 * The requirement is also written into the contract (`x-rumbo-access`), from which openapi.ts
 * derives each operation's security schemes and the problems every route of its kind can answer
 * (401, 403, 404…), and which the auditor's guide is checked against. Authenticated routes also get
 * their unit of work (one transaction) here: opened by the auth guard, ended by the handler's
 * wrapper (BindUnitOfWork); public routes carry neither.
 */
function declare(requirement: AuthRequirement): MethodDecorator & ClassDecorator {
  const decorators = [SetMetadata(AUTH_METADATA, requirement), ApiExtension(ACCESS_EXTENSION, requirement)];
  if (requirement.kind !== 'public') decorators.push(BindUnitOfWork());
  return applyDecorators(...decorators);
}

/** The route answers anyone: health probes, metrics, sign-in. */
export const Public = (): MethodDecorator & ClassDecorator => declare({ kind: 'public' });

/** Any authenticated principal: a staff access token or an API key. */
export const Authenticated = () => declare({ kind: 'principal' });

/** A signed-in staff user (an access token, not an API key). */
export const SignedIn = () => declare({ kind: 'user' });

/** A platform administrator. */
export const PlatformAdmin = () => declare({ kind: 'platform' });

/**
 * A tenant-scoped route: the caller needs `access` on the path's tenant (through a membership on it
 * or an ancestor, or an API key bound to it or an ancestor). A tenant the caller cannot see is a 404.
 */
export const TenantAccess = (access: AccessLevel, options: { keyScopes?: readonly string[]; allowArchived?: boolean } = {}) =>
  declare({ kind: 'tenant', access, ...options });
