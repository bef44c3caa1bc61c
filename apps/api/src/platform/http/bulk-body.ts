import { TextDecoder } from 'node:util';
import { applyDecorators } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BulkProblem, bulkProblems } from '../bulk/bulk.problems';

/** Route config flag set by @BulkBody(); read by the hooks enableBulkBodies() installs. */
export const BULK_BODY_CONFIG = 'rumboBulkBody';

/** Media types only bulk routes accept, decoded to a string (the route parses the text itself). */
export const BULK_TEXT_TYPES = ['text/csv'] as const;

/**
 * A bulk endpoint (imports, ingestion): its body may be as large as BULK_BODY_LIMIT instead of
 * BODY_LIMIT, and besides JSON it accepts `text/csv`, handed to the handler as a string (UTF-8 by
 * default; another `charset` parameter, e.g. `windows-1252` as Spanish Excel saves CSV, is decoded).
 *
 * Implemented with Fastify's own per-route `bodyLimit` (set from this route config by an onRoute hook,
 * see enableBulkBodies), so the limit is enforced while the body streams in, never after. Uses
 * @RouteConfig: do not combine it with another @RouteConfig on the same handler.
 */
export const BulkBody = (): MethodDecorator => applyDecorators(RouteConfig({ [BULK_BODY_CONFIG]: true }));

function isBulkRoute(config: unknown): boolean {
  return Boolean(config && typeof config === 'object' && (config as Record<string, unknown>)[BULK_BODY_CONFIG]);
}

/** The error Fastify raises for an unsupported media type, so the problem filter maps it to 415. */
function unsupportedMediaType(): Error {
  return Object.assign(new Error('Unsupported Media Type'), { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' });
}

/** Decodes a text body by the Content-Type's charset (UTF-8 when absent); undecodable bytes are a 400, an unknown charset a 415. */
export function decodeText(body: Buffer, contentType: string | undefined): string {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1] ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset, { fatal: true });
  } catch {
    throw bulkProblems.raise(BulkProblem.UnsupportedCharset, { charset });
  }
  try {
    return decoder.decode(body);
  } catch {
    throw bulkProblems.raise(BulkProblem.UndecodableText, { encoding: decoder.encoding });
  }
}

/**
 * Installs the bulk-body mechanism on the Fastify instance; call it before the routes are registered
 * (before `app.init()`). Ordinary routes keep the server-wide BODY_LIMIT and JSON only.
 */
export function enableBulkBodies(fastify: FastifyInstance, bulkBodyLimit: number): void {
  fastify.addHook('onRoute', (route) => {
    if (isBulkRoute(route.config)) route.bodyLimit = bulkBodyLimit;
  });
  // Decoded only for bulk routes: elsewhere the type stays unsupported (415), as before.
  fastify.addContentTypeParser([...BULK_TEXT_TYPES], { parseAs: 'buffer' }, (request: FastifyRequest, body: string | Buffer, done) => {
    if (!isBulkRoute(request.routeOptions.config)) {
      done(unsupportedMediaType(), undefined);
      return;
    }
    try {
      done(null, decodeText(Buffer.isBuffer(body) ? body : Buffer.from(body), request.headers['content-type']));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
