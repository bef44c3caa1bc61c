import type { FastifyInstance, FastifyRequest } from 'fastify';
import { negotiateLanguage } from '../http/language';
import { RequestContext, type RequestState } from './request-context';

/** The state a request starts with: its id, the caller's address and language. */
export function requestStateOf(request: FastifyRequest): RequestState {
  return { requestId: String(request.id), ip: request.ip ?? null, language: negotiateLanguage(request.headers['accept-language']) };
}

const STATE = Symbol('rumbo.requestState');

declare module 'fastify' {
  interface FastifyRequest {
    [STATE]: RequestState | null;
  }
}

/**
 * Runs every route handler (Nest's guards, pipes and the controller) inside its request's
 * RequestContext. A preHandler hook, not onRequest: body parsing resumes in the socket's own async
 * context and would lose it. One AsyncLocalStorage.run per request, and no Observable wrapping it.
 *
 * The answer ends a unit of work the route's handler never took over (a pipe, or a guard after the
 * auth guard, refused the request): ROLLBACK, and the connection back to the pool, before the
 * refusal goes out. A handler that ran ends its own (BindUnitOfWork), even if it sent the answer itself.
 */
export function runHandlersInRequestContext(fastify: FastifyInstance): void {
  fastify.decorateRequest(STATE, null);
  fastify.addHook('preHandler', (request, _reply, done) => {
    const state = requestStateOf(request);
    request[STATE] = state;
    RequestContext.run(state, done);
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const unitOfWork = request[STATE]?.unitOfWork;
    if (!unitOfWork || unitOfWork.entered) return done(null, payload);
    unitOfWork.entered = true;
    // A success here means an authenticated route ran without its wrapper: undo, and answer 500.
    const unbound = reply.statusCode < 400 ? new Error(`${request.method} ${request.url} answered outside its unit of work`) : null;
    unitOfWork.end(true).then(
      () => (unbound ? done(unbound) : done(null, payload)),
      (error: unknown) => done(error as Error),
    );
  });
}
