import type { FastifyInstance, FastifyRequest } from 'fastify';
import { negotiateLanguage } from '../http/language';
import { RequestContext, type RequestState } from './request-context';

/** The state a request starts with: its id, the caller's address and language. */
export function requestStateOf(request: FastifyRequest): RequestState {
  return { requestId: String(request.id), ip: request.ip ?? null, language: negotiateLanguage(request.headers['accept-language']) };
}

/**
 * Runs every route handler (Nest's guards, interceptors and the controller) inside its request's
 * RequestContext. A preHandler hook, not onRequest: body parsing resumes in the socket's own async
 * context and would lose it. One AsyncLocalStorage.run per request, and no Observable wrapping it.
 */
export function runHandlersInRequestContext(fastify: FastifyInstance): void {
  fastify.addHook('preHandler', (request, _reply, done) => {
    RequestContext.run(requestStateOf(request), done);
  });
}
