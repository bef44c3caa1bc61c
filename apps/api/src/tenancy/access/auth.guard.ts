import { Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard as PassportAuthGuard } from '@nestjs/passport';
import { AUTH_METADATA, type AuthRequirement } from '../../platform/auth/auth.decorators';
import { ProblemError } from '../../platform/errors/problem';
import type { Principal } from '../auth/principal';

export function unauthorized(detail = 'A valid bearer token or API key is required.'): ProblemError {
  return new ProblemError(401, 'unauthorized', detail, undefined, {}, { 'WWW-Authenticate': 'Bearer realm="rumbo"' });
}

/**
 * Global guard. Public routes pass; every other route needs a valid bearer credential (401
 * otherwise) and, for user-only or platform routes, the right kind of principal (403). Tenant roles
 * are checked inside the request's transaction by the UnitOfWorkInterceptor. A route without a
 * declaration is refused: forgetting the decorator fails closed.
 */
@Injectable()
export class AuthGuard extends PassportAuthGuard('bearer') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const requirement = requirementOf(this.reflector, context);
    if (requirement.kind === 'public') return true;
    await super.canActivate(context);
    const principal = context.switchToHttp().getRequest<{ user?: Principal }>().user;
    if (!principal) throw unauthorized();
    switch (requirement.kind) {
      case 'user':
        if (principal.kind !== 'user') throw new ProblemError(403, 'forbidden', 'This operation is for signed-in staff, not API keys.');
        return true;
      case 'platform':
        if (principal.kind !== 'user' || !principal.platformAdmin) {
          throw new ProblemError(403, 'forbidden', 'Only platform administrators may do this.');
        }
        return true;
      case 'principal':
      case 'tenant':
        return true;
    }
  }

  override handleRequest<T>(error: unknown, user: T): T {
    if (error) throw error;
    if (!user) throw unauthorized();
    return user;
  }
}

// Decorators are fixed once the app is built: the requirement is read from the metadata once per
// controller method, not twice per request (guard and unit of work), which showed in profiles.
const requirements = new WeakMap<object, Map<object, AuthRequirement | undefined>>();

export function requirementOf(reflector: Reflector, context: ExecutionContext): AuthRequirement {
  const handler = context.getHandler();
  const controller = context.getClass();
  let byHandler = requirements.get(controller);
  if (!byHandler) requirements.set(controller, (byHandler = new Map()));
  if (!byHandler.has(handler)) {
    byHandler.set(handler, reflector.getAllAndOverride<AuthRequirement | undefined>(AUTH_METADATA, [handler, controller]));
  }
  const requirement = byHandler.get(handler);
  if (!requirement) throw new ProblemError(500, 'internal-error', 'This route declares no authentication requirement.');
  return requirement;
}
