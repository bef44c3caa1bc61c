import { ArgumentsHost, Catch, HttpException, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { AuthProblem, authProblems } from '../auth/auth.problems';
import { HttpProblem, httpProblems } from '../http/http.problems';
import { negotiateLanguage, type ContentLanguage } from '../http/language';
import { localise } from './catalogue';
import { PlatformProblem, platformProblems } from './platform.problems';
import { problemFromPostgres } from './postgres-errors';
import { PROBLEM_CONTENT_TYPE, problemType, ProblemError, statusTitle, type ProblemDocument } from './problem';

/** Fastify's own errors (body parsing, limits, media types, routing) carry a status and an FST_ code. */
interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
}

/** Fastify error codes with a problem of their own; any other 4xx FST_ code maps by its status. */
const FASTIFY_CODES: Record<string, () => ProblemError> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () => platformProblems.raise(PlatformProblem.UnsupportedMediaType),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => platformProblems.raise(PlatformProblem.BadRequest),
  FST_ERR_CTP_BODY_TOO_LARGE: () => platformProblems.raise(PlatformProblem.PayloadTooLarge),
  FST_ERR_CTP_EMPTY_JSON_BODY: () => platformProblems.raise(PlatformProblem.MalformedJson),
  FST_ERR_CTP_INVALID_JSON_BODY: () => platformProblems.raise(PlatformProblem.MalformedJson),
  FST_ERR_CTP_INVALID_TYPE: () => platformProblems.raise(PlatformProblem.BadRequest),
  FST_ERR_BAD_URL: () => httpProblems.raise(HttpProblem.InvalidEncoding),
  FST_ERR_MAX_PARAM_LENGTH: () => httpProblems.raise(HttpProblem.UriTooLong),
};

/** The problem a framework answers a status with, when nothing more specific is known. */
export function problemForStatus(status: number): ProblemError {
  switch (status) {
    case 401:
      return authProblems.raise(AuthProblem.Unauthorized, { reason: 'missing' });
    case 403:
      return authProblems.raise(AuthProblem.Forbidden, { reason: 'denied' });
    case 404:
      return platformProblems.raise(PlatformProblem.NotFound);
    case 405:
      return httpProblems.raise(HttpProblem.MethodNotAllowed);
    case 406:
      return httpProblems.raise(HttpProblem.NotAcceptable);
    case 408:
      return httpProblems.raise(HttpProblem.RequestTimeout);
    case 413:
      return platformProblems.raise(PlatformProblem.PayloadTooLarge);
    case 414:
      return httpProblems.raise(HttpProblem.UriTooLong);
    case 415:
      return platformProblems.raise(PlatformProblem.UnsupportedMediaType);
    case 431:
      return httpProblems.raise(HttpProblem.HeadersTooLarge);
    case 502:
    case 503:
    case 504:
      return httpProblems.raise(HttpProblem.ServiceUnavailable);
    default:
      return status >= 500 ? platformProblems.raise(PlatformProblem.InternalError) : platformProblems.raise(PlatformProblem.BadRequest);
  }
}

/**
 * What any error becomes for the client: our own problems as raised, PostgreSQL errors a client can
 * act on, the framework's 4xx by code or status; everything else a generic 500.
 */
export function problemFromError(exception: unknown): ProblemError {
  if (exception instanceof ProblemError) return exception;
  // Nest wraps Fastify's 4xx errors in an HttpException; the Fastify error (and its code) is the cause.
  if (exception instanceof HttpException && exception.cause) return problemFromError(exception.cause);
  if (exception instanceof HttpException) return problemForStatus(exception.getStatus());
  const fromPg = problemFromPostgres(exception);
  if (fromPg) return fromPg;
  const fastify = exception as FastifyLikeError | undefined;
  const known = fastify?.code ? FASTIFY_CODES[fastify.code] : undefined;
  if (known) return known();
  if (exception instanceof SyntaxError && fastify?.statusCode === 400) return platformProblems.raise(PlatformProblem.MalformedJson);
  if (typeof fastify?.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500)
    return problemForStatus(fastify.statusCode);
  return platformProblems.raise(PlatformProblem.InternalError);
}

/** The RFC 9457 document of a problem, in the caller's language. */
export function problemDocument(problem: ProblemError, instance: string, requestId: string, language: ContentLanguage): ProblemDocument {
  return {
    type: problemType(problem.code),
    title: statusTitle(problem.status, language),
    status: problem.status,
    detail: localise(problem.detail, language),
    instance,
    requestId,
    ...(problem.errors ? { errors: problem.errors.map((e) => ({ ...e, message: localise(e.message, language) })) } : {}),
    ...problem.extensions,
  };
}

/** The path of a request URL, without its query string. */
export function instanceOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/** Sends a problem on a Fastify reply, with its headers, in the caller's language. */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: ProblemError): void {
  // Title, detail and messages in the caller's language; the code never changes with it.
  const language = negotiateLanguage(request.headers['accept-language']);
  void reply
    .status(problem.status)
    .headers(problem.headers)
    .header('Content-Language', language)
    .header('Vary', 'Accept-Language')
    .type(PROBLEM_CONTENT_TYPE)
    .send(problemDocument(problem, instanceOf(request.url), String(request.id), language));
}

/** Serves the SPA's index.html for deep links the API does not own. Set by the app factory. */
export type SpaFallback = (request: FastifyRequest, reply: FastifyReply) => boolean;

/**
 * The single place where errors become responses: every error leaves as RFC 9457
 * application/problem+json with the request id; unexpected errors are logged with that id and
 * answered with a generic 500 that reveals nothing of the cause. (Errors before routing, which never
 * reach Nest, are rendered the same way by platform/http/framework-errors.ts.)
 */
@Catch()
export class ProblemExceptionFilter implements ExceptionFilter {
  constructor(
    private readonly logger: Logger,
    private readonly spaFallback?: SpaFallback,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = problemFromError(exception);

    if (problem.status === 404 && !(exception instanceof ProblemError) && this.spaFallback?.(request, reply)) return;

    if (problem.status === 500) {
      request.log.error({ err: exception, requestId: request.id }, 'unhandled error');
    } else if (problem.status >= 500) {
      // A known outage (database away, busy, shutting down): one line, not a stack per request.
      request.log.warn({ status: problem.status, code: problem.code, requestId: request.id }, 'request refused: service unavailable');
    } else {
      request.log.debug({ status: problem.status, code: problem.code }, 'request rejected');
    }
    if (reply.sent) {
      this.logger.warn({ requestId: request.id }, 'error after the response was sent');
      return;
    }
    sendProblem(request, reply, problem);
  }
}
