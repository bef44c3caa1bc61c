import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Observable } from 'rxjs';

/** The token under which tenancy provides the interceptor that runs a request's unit of work. */
export const UNIT_OF_WORK = Symbol('UNIT_OF_WORK');

/**
 * Bound by the auth decorators to every authenticated route, and only to those: a public route
 * (health probes, metrics, sign-in) goes through no interceptor at all, and so skips Nest's
 * per-request Observable pipeline. It hands over to the unit of work tenancy provides under
 * UNIT_OF_WORK (UnitOfWorkInterceptor), looked up once: the platform does not import tenancy.
 */
@Injectable()
export class UnitOfWorkBinding implements NestInterceptor {
  private target?: NestInterceptor;

  constructor(private readonly moduleRef: ModuleRef) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> | Promise<Observable<unknown>> {
    this.target ??= this.moduleRef.get<NestInterceptor>(UNIT_OF_WORK, { strict: false });
    return this.target.intercept(context, next);
  }
}
