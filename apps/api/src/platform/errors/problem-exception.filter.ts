import { ArgumentsHost, Catch, HttpException, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { negotiateLanguage } from '../http/language';
import { localise, type Localised } from './catalogue';
import { PlatformProblem, platformProblems } from './platform.problems';
import { problemFromPostgres } from './postgres-errors';
import { PROBLEM_CONTENT_TYPE, problemType, ProblemError, statusTitle, type ProblemDocument } from './problem';

/** Fastify's own errors (body parsing, limits, media types) carry a status and an FST_ code. */
interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
}

const FASTIFY_CODES: Record<string, { status: number; code: string; detail: Localised }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported-media-type',
    detail: {
      es: 'Este tipo de contenido no se admite aquí: envíe application/json.',
      en: 'This content type is not accepted here; send application/json.',
    },
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'bad-request',
    detail: { es: 'La cabecera Content-Length no coincide con el cuerpo.', en: 'The Content-Length header does not match the body.' },
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'payload-too-large',
    detail: {
      es: 'El cuerpo de la solicitud supera lo que admite esta operación.',
      en: 'The request body is larger than this endpoint accepts.',
    },
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: 'malformed-json',
    detail: { es: 'El cuerpo está vacío pero Content-Type dice JSON.', en: 'The body is empty but Content-Type says JSON.' },
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: 'malformed-json',
    detail: { es: 'El cuerpo no es JSON válido.', en: 'The body is not valid JSON.' },
  },
  FST_ERR_CTP_INVALID_TYPE: {
    status: 400,
    code: 'bad-request',
    detail: { es: 'La cabecera Content-Type no es válida.', en: 'The Content-Type header is not valid.' },
  },
  FST_ERR_BAD_URL: { status: 400, code: 'bad-request', detail: { es: 'La URL no es válida.', en: 'The URL is not valid.' } },
};

/** Serves the SPA's index.html for deep links the API does not own. Set by the app factory. */
export type SpaFallback = (request: FastifyRequest, reply: FastifyReply) => boolean;

/**
 * The single place where errors become responses: every error leaves as RFC 9457
 * application/problem+json with the request id; unexpected errors are logged with that id and
 * answered with a generic 500 that reveals nothing of the cause.
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
    const problem = this.toProblem(exception);

    if (problem.status === 404 && !(exception instanceof ProblemError) && this.spaFallback?.(request, reply)) return;

    if (problem.status >= 500) {
      request.log.error({ err: exception, requestId: request.id }, 'unhandled error');
    } else {
      request.log.debug({ status: problem.status, code: problem.code }, 'request rejected');
    }
    // Title, detail and messages in the caller's language; the code never changes with it.
    const language = negotiateLanguage(request.headers['accept-language']);
    const body: ProblemDocument = {
      type: problemType(problem.code),
      title: statusTitle(problem.status, language),
      status: problem.status,
      detail: localise(problem.detail, language),
      instance: request.url.split('?')[0] ?? request.url,
      requestId: String(request.id),
      ...(problem.errors ? { errors: problem.errors.map((e) => ({ ...e, message: localise(e.message, language) })) } : {}),
      ...problem.extensions,
    };
    if (reply.sent) {
      this.logger.warn({ requestId: request.id }, 'error after the response was sent');
      return;
    }
    void reply
      .status(problem.status)
      .headers(problem.headers)
      .header('Content-Language', language)
      .header('Vary', 'Accept-Language')
      .type(PROBLEM_CONTENT_TYPE)
      .send(body);
  }

  private toProblem(exception: unknown): ProblemError {
    if (exception instanceof ProblemError) return exception;
    // Nest wraps Fastify's 4xx errors in an HttpException; the Fastify error (and its code) is the cause.
    if (exception instanceof HttpException && exception.cause) return this.toProblem(exception.cause);
    if (exception instanceof HttpException) return fromHttpException(exception);
    const fromPg = problemFromPostgres(exception);
    if (fromPg) return fromPg;
    const fastify = exception as FastifyLikeError;
    if (fastify?.code && FASTIFY_CODES[fastify.code]) {
      const known = FASTIFY_CODES[fastify.code];
      return new ProblemError(known.status, known.code, known.detail);
    }
    if (exception instanceof SyntaxError && fastify.statusCode === 400) return platformProblems.raise(PlatformProblem.MalformedJson);
    if (typeof fastify?.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
      return new ProblemError(fastify.statusCode, 'bad-request', statusTitle(fastify.statusCode));
    }
    return platformProblems.raise(PlatformProblem.InternalError);
  }
}

function fromHttpException(exception: HttpException): ProblemError {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const message =
    typeof response === 'string'
      ? response
      : typeof (response as { message?: unknown }).message === 'string'
        ? (response as { message: string }).message
        : exception.message;
  switch (status) {
    case 404:
      return new ProblemError(404, 'not-found', { es: 'No hay ningún recurso en esta dirección.', en: 'No resource at this address.' });
    case 401:
      return new ProblemError(401, 'unauthorized', message || 'Authentication is required.');
    case 403:
      return new ProblemError(403, 'forbidden', message || 'Your role does not allow this.');
    case 413:
      return platformProblems.raise(PlatformProblem.PayloadTooLarge);
    case 415:
      return platformProblems.raise(PlatformProblem.UnsupportedMediaType);
    default:
      return new ProblemError(
        status,
        status >= 500 ? 'internal-error' : 'http-error',
        status >= 500 ? 'An unexpected error occurred.' : message,
      );
  }
}
