import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionError, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { uuidv7 } from '../database/uuid';
import { instanceOf, problemDocument, problemForStatus, problemFromError, sendProblem } from '../errors/problem-exception.filter';
import { PROBLEM_CONTENT_TYPE, type ProblemError, type ProblemFieldError } from '../errors/problem';
import { HttpProblem, httpProblems } from './http.problems';
import { negotiateLanguage } from './language';
import { REQUEST_ID_HEADER } from './request-id';
import { securityHeaders } from './security-headers';

/**
 * Errors that happen before a request reaches Nest, rendered as the same problem+json as every other
 * error:
 *
 * - Node's HTTP parser (`clientError`: malformed request line, oversize headers → 431, conflicting
 *   `Transfer-Encoding` and `Content-Length`, timeouts → 408): no request object exists yet, so the
 *   problem is written to the socket directly;
 * - the router (`frameworkErrors`: bad percent-encoding in the path → 400 naming the parameter, a
 *   parameter over `maxParamLength` → 414), whose replies skip every hook;
 * - any reply a framework sends with an error status in another format (Nest's 503 while the
 *   application shuts down, Fastify's own JSON errors): an onSend hook converts it. On every other
 *   response that hook costs one comparison of the status code.
 */

const MAX_PARAM_LENGTH = 100;

/** Error replies a route sends in a documented format of its own (the readiness report's 503). */
const OWN_ERROR_BODIES = new WeakSet<FastifyReply>();

/** Keeps this reply's error body as the route wrote it: the problem net below leaves it alone. */
export function keepErrorBody(reply: FastifyReply): void {
  OWN_ERROR_BODIES.add(reply);
}

/** Which path parameter a URL segment is, from the routes' templates (`/v1/tenants/:tenantId`). */
class RouteTemplates {
  private readonly templates: string[][] = [];

  add(url: string): void {
    this.templates.push(url.split('/'));
  }

  /** The parameter at segment `index` of a path with `count` segments, if a route has one there. */
  parameterAt(index: number, count: number): string | undefined {
    for (const template of this.templates) {
      if (template.length !== count) continue;
      const segment = template[index];
      if (segment?.startsWith(':')) return segment.slice(1);
    }
    return undefined;
  }
}

function decodes(segment: string): boolean {
  try {
    decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

/** The router's refusal of a URL, naming the parameter (or `path`) whose segment it refused. */
function routerProblem(error: FastifyError, url: string, templates: RouteTemplates): ProblemError {
  const segments = instanceOf(url).split('/');
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  const index = tooLong
    ? segments.reduce((longest, s, i) => (s.length > (segments[longest]?.length ?? 0) ? i : longest), 0)
    : segments.findIndex((s) => !decodes(s));
  const path = (index >= 0 && templates.parameterAt(index, segments.length)) || 'path';
  const errors: ProblemFieldError[] = [
    tooLong
      ? {
          path,
          code: 'maxLength',
          message: { es: `supera ${MAX_PARAM_LENGTH} caracteres`, en: `is longer than ${MAX_PARAM_LENGTH} characters` },
        }
      : { path, code: 'badEncoding', message: { es: 'tiene una codificación por porcentaje incorrecta', en: 'has bad percent-encoding' } },
  ];
  return httpProblems.raise(tooLong ? HttpProblem.UriTooLong : HttpProblem.InvalidEncoding, { errors });
}

/** The parser's refusal of a connection's request, by its llhttp code. */
function clientProblem(error: ConnectionError): ProblemError {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return httpProblems.raise(HttpProblem.HeadersTooLarge);
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return httpProblems.raise(HttpProblem.RequestTimeout);
    default:
      return problemForStatus(400);
  }
}

/** What can be read of a request that never parsed: its path and language, from the raw bytes. */
function readRawRequest(raw: unknown): { instance: string; language: ReturnType<typeof negotiateLanguage> } {
  // A Buffer at run time (Fastify's type says its JSON form).
  const head = Buffer.isBuffer(raw) ? raw.subarray(0, 8192).toString('latin1') : '';
  const target = /^[A-Z]+ (\/[^\s?]*)/.exec(head)?.[1];
  const acceptLanguage = /\r\naccept-language:[ \t]*([^\r\n]*)/i.exec(head)?.[1];
  return { instance: target && target.length <= 2048 ? target : '/', language: negotiateLanguage(acceptLanguage) };
}

export interface FrameworkErrorHandling {
  /** Spread into the FastifyAdapter's options. */
  adapterOptions: {
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => void;
    clientErrorHandler: (error: ConnectionError, socket: Socket) => void;
  };
  /** Call on the Fastify instance before the routes are registered. */
  install(fastify: FastifyInstance): void;
}

export function frameworkErrorHandling(): FrameworkErrorHandling {
  const templates = new RouteTemplates();
  const headers = securityHeaders();

  const frameworkErrors = (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    const problem =
      error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? routerProblem(error, request.url, templates)
        : problemFromError(error);
    request.log.debug({ status: problem.status, code: problem.code }, 'request refused by the router');
    void reply.headers(headers).header(REQUEST_ID_HEADER, request.id);
    sendProblem(request, reply, problem);
  };

  const clientErrorHandler = (error: ConnectionError, socket: Socket): void => {
    // A reset connection has nobody to answer; a socket already answered needs nothing more.
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    if (!socket.writable || socket.bytesWritten > 0) {
      socket.destroy();
      return;
    }
    const problem = clientProblem(error);
    const requestId = uuidv7();
    const { instance, language } = readRawRequest(error.rawPacket);
    const body = JSON.stringify(problemDocument(problem, instance, requestId, language));
    const lines = [
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? 'Error'}`,
      `Content-Type: ${PROBLEM_CONTENT_TYPE}; charset=utf-8`,
      `Content-Length: ${Buffer.byteLength(body)}`,
      `Content-Language: ${language}`,
      `X-Request-Id: ${requestId}`,
      'Connection: close',
      ...Object.entries({ ...headers, ...problem.headers }).map(([name, value]) => `${name}: ${value}`),
    ];
    socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
  };

  const install = (fastify: FastifyInstance): void => {
    fastify.addHook('onRoute', (route) => templates.add(route.url));
    fastify.addHook('onSend', (request, reply, payload, done) => {
      if (reply.statusCode < 400 || OWN_ERROR_BODIES.has(reply)) {
        done(null, payload);
        return;
      }
      const type = reply.getHeader('content-type');
      if (typeof type === 'string' && type.startsWith(PROBLEM_CONTENT_TYPE)) {
        done(null, payload);
        return;
      }
      // A framework's error reply in its own format: the same status as a problem document. (A
      // stream it would have sent, a file's, is closed unread.)
      if (payload && typeof (payload as { destroy?: unknown }).destroy === 'function') (payload as { destroy(): void }).destroy();
      const problem = problemForStatus(reply.statusCode);
      const language = negotiateLanguage(request.headers['accept-language']);
      void reply
        .code(problem.status)
        .headers(problem.headers)
        .header('Content-Language', language)
        .header('Vary', 'Accept-Language')
        .header('content-type', PROBLEM_CONTENT_TYPE);
      done(null, JSON.stringify(problemDocument(problem, instanceOf(request.url), String(request.id), language)));
    });
  };

  return { adapterOptions: { frameworkErrors, clientErrorHandler }, install };
}
