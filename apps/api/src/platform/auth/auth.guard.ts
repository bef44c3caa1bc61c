import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ProblemError } from '../errors/problem';
import { AUTH_METADATA, type AuthRequirement } from './auth.decorators';

/**
 * Global guard: a route without an auth declaration is refused (fail closed), so forgetting the
 * decorator can never publish a route by accident.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const requirement = this.reflector.getAllAndOverride<AuthRequirement | undefined>(AUTH_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!requirement) {
      throw new ProblemError(500, 'internal-error', 'This route declares no authentication requirement.');
    }
    switch (requirement.kind) {
      case 'public':
        return true;
    }
  }
}
