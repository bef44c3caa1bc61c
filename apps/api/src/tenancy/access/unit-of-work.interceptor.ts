import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { from, lastValueFrom, Observable } from 'rxjs';
import { RequestContext, type RequestState } from '../../platform/context/request-context';
import { DbSession } from '../../platform/database/db-session';
import { negotiateLanguage } from '../../platform/http/language';
import { actorOf, type Principal } from '../auth/principal';
import { requirementOf } from './auth.guard';
import { TenantAccessService } from './tenant-access.service';

/**
 * One request, one unit of work: every authenticated route runs inside a single transaction whose
 * first statement resolves the caller's access and sets the row-level-security context. Read-only
 * routes run in a READ ONLY transaction (switched by that same statement), so a read can never
 * write, whatever the code below does.
 */
@Injectable()
export class UnitOfWorkInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly db: DbSession,
    private readonly access: TenantAccessService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Principal; params: Record<string, string> }>();
    const requirement = requirementOf(this.reflector, context);
    const state: RequestState = {
      requestId: String(request.id),
      ip: request.ip ?? null,
      language: negotiateLanguage(request.headers['accept-language']),
    };
    if (requirement.kind === 'public' || !request.user) {
      return new Observable((subscriber) => RequestContext.run(state, () => next.handle().subscribe(subscriber)));
    }
    const principal = request.user;
    state.actor = actorOf(principal);
    const readOnly = request.method === 'GET' || request.method === 'HEAD';
    return from(
      RequestContext.run(state, () =>
        this.db.dataSource.transaction(async (manager) => {
          state.manager = manager;
          await this.access.open(manager, principal, requirement, request.params?.tenantId, { readOnly });
          return lastValueFrom(next.handle(), { defaultValue: undefined });
        }),
      ),
    );
  }
}
