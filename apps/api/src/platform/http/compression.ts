import { constants } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';

/**
 * Bodies smaller than this go out as they are: below about one kilobyte the compressed form saves
 * less than a packet, and compressing costs more than sending.
 */
export const COMPRESSION_THRESHOLD = 1024;

/**
 * Types whose representation is chosen by Accept-Encoding: text, JSON (problem+json included), XML,
 * JavaScript, SVG and icons. Images, fonts in woff/woff2 and archives are compressed already.
 */
const NEGOTIATED_TYPES =
  /^text\/(?!event-stream)|^application\/(?:[\w.+-]*\+)?(?:json|xml|javascript)(?:;|$)|^image\/(?:svg\+xml|x-icon|vnd\.microsoft\.icon)(?:;|$)/i;

export function isCompressibleType(contentType: string): boolean {
  return NEGOTIATED_TYPES.test(contentType);
}

/**
 * Compresses responses with brotli or gzip, whichever the client's Accept-Encoding prefers (q-values
 * honoured; `identity` and `q=0` respected), through @fastify/compress. Buffered bodies under the
 * threshold are left alone; streams (CSV exports) are compressed as they flow. Request bodies are
 * never inflated: a compressed upload would let a small request expand past BODY_LIMIT's intent.
 * Must run before any route is registered, since the plugin attaches itself to routes as they are
 * declared. The SPA's hashed assets do not pass through here: they are compressed at build time and
 * @fastify/static serves the `.br`/`.gz` files (see serveSpa).
 */
export async function enableCompression(app: NestFastifyApplication): Promise<void> {
  await app.register(fastifyCompress, {
    global: true,
    globalDecompression: false,
    encodings: ['br', 'gzip'],
    threshold: COMPRESSION_THRESHOLD,
    customTypes: NEGOTIATED_TYPES,
    // Quality 4 is brotli's sweet spot for responses made per request (11 is for build time).
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  addVaryForNegotiatedTypes(app.getHttpAdapter().getInstance());
}

/**
 * A response of a compressible type depends on Accept-Encoding even when it went out uncompressed
 * (the client did not ask, or it was under the threshold): `Vary` tells shared caches so, or they
 * could hand a stored brotli body to a client that cannot read it. The plugin adds it only to the
 * bodies it compresses. Lower case, as the plugin and @fastify/static write it, so none adds it twice.
 */
function addVaryForNegotiatedTypes(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && isCompressibleType(type) && !reply.getHeader('content-encoding')) {
      const vary = reply.getHeader('vary');
      const current = Array.isArray(vary) ? vary.join(', ') : typeof vary === 'string' ? vary : '';
      if (!/(?:^|,)\s*(?:accept-encoding|\*)\s*(?:,|$)/i.test(current)) {
        void reply.header('vary', current ? `${current}, accept-encoding` : 'accept-encoding');
      }
    }
    done(null, payload);
  });
}
