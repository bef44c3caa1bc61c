import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard as PassportAuthGuard } from '@nestjs/passport';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AUTH_METADATA, type AuthRequirement } from '../../platform/auth/auth.decorators';
import { AuthProblem, authProblems, type UnauthorizedReason } from '../../platform/auth/auth.problems';
import type { ProblemError } from '../../platform/errors/problem';
import type { Principal } from '../auth/principal';
import { UnitOfWorkOpener } from './unit-of-work.opener';

export function unauthorized(reason: UnauthorizedReason = 'missing'): ProblemError {
  return authProblems.raise(AuthProblem.Unauthorized, { reason });
}

/** The name passport-http-bearer (RFC 6750 §2.2, §2.3) also reads credentials under, outside the header. */
const TOKEN_FIELD = 'access_token';

function carries(container: unknown): boolean {
  return !!container && typeof container === 'object' && Object.hasOwn(container, TOKEN_FIELD);
}

/**
 * Global guard. Public routes pass; every other route needs a valid bearer credential (401
 * otherwise) and, for user-only or platform routes, the right kind of principal (403); then the
 * guard opens the request's unit of work, whose first statement checks tenant roles
 * (UnitOfWorkOpener), before any pipe runs. A route without a declaration is refused: forgetting
 * the decorator fails closed.
 *
 * Credentials are read from the Authorization header only: a request carrying `access_token` in its
 * query string or body is refused (401) on every route, even a public one, since such
 * a credential has already been written to logs, histories and caches, before passport could accept
 * it. Every answer of the API, tokens and keys included, is `Cache-Control: no-store`. The header's
 * token is checked by passport's `bearer` strategy (BearerStrategy): no credential is a 401
 * `missing`, a malformed header or a token that does not verify a 401 `invalid`.
 */
@Injectable()
export class AuthGuard extends PassportAuthGuard('bearer') implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly unitOfWork: UnitOfWorkOpener,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { user?: Principal }>();
    void http.getResponse<FastifyReply>().header('Cache-Control', 'no-store');
    if (carries(request.query) || carries(request.body)) throw authProblems.raise(AuthProblem.CredentialOutsideHeader);
    const requirement = requirementOf(this.reflector, context);
    if (requirement.kind === 'public') return true;
    await super.canActivate(context);
    const principal = request.user;
    if (!principal) throw unauthorized();
    switch (requirement.kind) {
      case 'user':
        if (principal.kind !== 'user') throw authProblems.raise(AuthProblem.Forbidden, { reason: 'staffOnly' });
        break;
      case 'platform':
        if (principal.kind !== 'user' || !principal.platformAdmin)
          throw authProblems.raise(AuthProblem.Forbidden, { reason: 'platformOnly' });
        break;
      case 'principal':
      case 'tenant':
        break;
    }
    await this.unitOfWork.open(request, principal, requirement);
    return true;
  }

  override handleRequest<T>(error: unknown, user: T, _info: unknown, context: ExecutionContext): T {
    if (error) throw error;
    if (!user) throw unauthorized(context.switchToHttp().getRequest<FastifyRequest>().headers.authorization ? 'invalid' : 'missing');
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
  // A programming error (a test enforces the declarations): a logged 500, never an open route.
  if (!requirement) throw new Error(`route ${controller.name}.${handler.name} declares no authentication requirement`);
  return requirement;
}
