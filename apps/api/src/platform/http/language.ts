import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The languages the content of the API (model texts, level names) is written in. */
export const CONTENT_LANGUAGES = ['es', 'en'] as const;
export type ContentLanguage = (typeof CONTENT_LANGUAGES)[number];

/**
 * The best of our languages for an Accept-Language header (RFC 9110 §12.5.4): the highest q-value
 * wins, ties go to the earlier entry, `es-ES`/`en-GB` match by primary tag, `*` matches the default.
 * Spanish when nothing matches (the administrations the platform serves write in Spanish).
 */
export function negotiateLanguage(header: string | undefined, fallback: ContentLanguage = 'es'): ContentLanguage {
  if (!header) return fallback;
  let best: { language: ContentLanguage; q: number } | null = null;
  for (const part of header.split(',')) {
    const [range, ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!range || !Number.isFinite(q) || q <= 0) continue;
    const primary = range.split('-')[0];
    const language = primary === '*' ? fallback : CONTENT_LANGUAGES.find((l) => l === primary);
    if (language && (!best || q > best.q)) best = { language, q };
  }
  return best?.language ?? fallback;
}

/**
 * Route parameter: the negotiated content language. The answer says which one it used
 * (Content-Language) and that it depends on the header (Vary), so caches keep one per language.
 */
export const NegotiatedLanguage = createParamDecorator((_: unknown, context: ExecutionContext): ContentLanguage => {
  const http = context.switchToHttp();
  const request = http.getRequest<FastifyRequest>();
  const reply = http.getResponse<FastifyReply>();
  const language = negotiateLanguage(request.headers['accept-language']);
  reply.header('Content-Language', language);
  const vary = reply.getHeader('vary');
  const existing = typeof vary === 'string' && vary ? `${vary}, ` : '';
  if (!/(^|,\s*)accept-language(\s*,|$)/i.test(String(vary ?? ''))) reply.header('Vary', `${existing}Accept-Language`);
  return language;
});

/** Documents the Accept-Language header on a route that negotiates (with NegotiatedLanguage). */
export const ApiAcceptLanguage = () =>
  ApiHeader({
    name: 'Accept-Language',
    required: false,
    description: 'Language of the level names: `es` (default) or `en`; the answer says which in Content-Language.',
  });
