import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { from, lastValueFrom, Observable } from 'rxjs';
import { RequestContext } from '../../platform/context/request-context';
import { requestStateOf } from '../../platform/context/request-state';
import { DbSession } from '../../platform/database/db-session';
import { actorOf, type Principal } from '../auth/principal';
import { requirementOf } from './auth.guard';
import { TenantAccessService } from './tenant-access.service';

type Request = FastifyRequest & { user?: Principal; params: Record<string, string> };

/**
 * One request, one unit of work: every authenticated route runs inside a single transaction whose
 * first statement, sent together with BEGIN, resolves the caller's access and sets the
 * row-level-security context (DbSession.unitOfWork). Read-only routes run in a READ ONLY transaction
 * (switched by that same statement), so a read can never write, whatever the code below does.
 * An interceptor because it must run before pipes: the access check answers 404 for another
 * tenant's route before validation could answer 400 and so tell that the tenant exists (the
 * isolation matrix sends invalid bodies to prove it); and its transaction wraps the handler.
 * It runs only on authenticated routes (the auth decorators bind it: UnitOfWorkBinding); the request
 * context is already set by the preHandler hook (runHandlersInRequestContext), and the fallbacks
 * below only serve an app built without it.
 */
@Injectable()
export class UnitOfWorkInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly db: DbSession,
    private readonly access: TenantAccessService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const requirement = requirementOf(this.reflector, context);
    const current = RequestContext.current();
    // Public, or already inside this request's unit of work (bound at both class and method level).
    if (requirement.kind === 'public' || !request.user || current?.manager) {
      if (current) return next.handle();
      return new Observable((subscriber) => RequestContext.run(requestStateOf(request), () => next.handle().subscribe(subscriber)));
    }
    const state = current ?? requestStateOf(request);
    const principal = request.user;
    state.actor = actorOf(principal);
    const readOnly = request.method === 'GET' || request.method === 'HEAD';
    const work = async () => {
      const opening = this.access.opening(principal, requirement, request.params?.tenantId, { readOnly });
      return this.db.unitOfWork(opening.statement, { readOnly }, async (manager, rows) => {
        state.manager = manager;
        opening.decide(rows);
        return lastValueFrom(next.handle(), { defaultValue: undefined });
      });
    };
    return from(current ? work() : RequestContext.run(state, work));
  }
}
