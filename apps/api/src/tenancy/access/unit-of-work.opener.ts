import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AuthRequirement } from '../../platform/auth/auth.decorators';
import { RequestContext } from '../../platform/context/request-context';
import { DbSession } from '../../platform/database/db-session';
import { actorOf, type Principal } from '../auth/principal';
import { TenantAccessService } from './tenant-access.service';

/**
 * One request, one unit of work: every authenticated route runs inside a single transaction whose
 * first statement, sent together with BEGIN, resolves the caller's access and sets the
 * row-level-security context (DbSession.begin). Read-only routes run in a READ ONLY transaction
 * (switched by that same statement), so a read can never write, whatever the code below does.
 * Opened by the AuthGuard, so before pipes: the access check answers 404 for another tenant's route
 * before validation could answer 400 and so tell that the tenant exists. Ended by the route's
 * wrapper (BindUnitOfWork), or by the answer when the handler never ran (runHandlersInRequestContext).
 */
@Injectable()
export class UnitOfWorkOpener {
  constructor(
    private readonly db: DbSession,
    private readonly access: TenantAccessService,
  ) {}

  async open(request: FastifyRequest & { params: unknown }, principal: Principal, requirement: AuthRequirement): Promise<void> {
    const state = RequestContext.current();
    // Every app is built by createApp, whose preHandler hook sets the context: its absence is a bug.
    if (!state) throw new Error('no request context: the unit of work needs runHandlersInRequestContext');
    if (state.unitOfWork || state.manager) throw new Error('the request already has a unit of work');
    state.actor = actorOf(principal);
    const readOnly = request.method === 'GET' || request.method === 'HEAD';
    const opening = this.access.opening(principal, requirement, (request.params as { tenantId?: string } | undefined)?.tenantId, {
      readOnly,
    });
    const transaction = await this.db.begin(opening.statement, { readOnly });
    state.manager = transaction.manager;
    try {
      opening.decide(transaction.rows);
    } catch (error) {
      state.manager = undefined;
      await transaction.end(true);
      throw error;
    }
    state.unitOfWork = { entered: false, end: (failed) => transaction.end(failed) };
  }
}
