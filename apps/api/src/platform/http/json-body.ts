import { isUtf8 } from 'node:buffer';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ProblemFieldError } from '../errors/problem';
import { HttpProblem, httpProblems, MAX_JSON_DEPTH } from './http.problems';

/**
 * The API's one JSON body parser. Before the text reaches JSON.parse (and, after it, the
 * class-transformer/class-validator recursion of the validation pipe) one linear pass refuses what
 * no later layer can handle safely:
 *
 * - nesting deeper than MAX_JSON_DEPTH (class-transformer recurses per level: depth 10,000 crashed it);
 * - `\u0000` and lone surrogate escapes (`\ud800` alone): PostgreSQL text cannot hold NUL (22021) and
 *   jsonb refuses unpaired surrogates (22P05), so they are a 400 naming the field, not a 500;
 * - bytes that are not UTF-8, and a `charset` other than UTF-8 (RFC 8259 JSON is UTF-8).
 *
 * An empty body is no body (many clients send `Content-Type: application/json` on every request);
 * a route that needs one then fails validation like any missing field. Prototype poisoning is
 * refused by Fastify's own parser, which does the parsing itself.
 */

/** Why a JSON text is refused before parsing, or null when the pass found nothing. */
export type JsonFlaw = 'depth' | 'nul' | 'surrogate';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const U = 0x75;

/** The value of the four hex digits at `at`, or -1 (JSON.parse then refuses the text itself). */
function hex4(text: string, at: number): number {
  let value = 0;
  for (let i = at; i < at + 4; i++) {
    const c = text.charCodeAt(i);
    const digit = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

/**
 * One pass over a JSON text: the first flaw it has, or null. Outside strings it counts nesting;
 * inside them it jumps from quote to backslash with indexOf (native), looking only at `\u` escapes.
 * Raw NULs and raw lone surrogates need no look: raw control characters are invalid JSON, and text
 * decoded from UTF-8 has no lone surrogates.
 */
export function findJsonFlaw(text: string, maxDepth = MAX_JSON_DEPTH): JsonFlaw | null {
  let depth = 0;
  let nextBackslash = text.indexOf('\\');
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      // Inside a string: find its end, looking at each escape before it. (A backslash before the
      // string was outside any string: invalid JSON, which JSON.parse refuses; look past it.)
      if (nextBackslash !== -1 && nextBackslash < i) nextBackslash = text.indexOf('\\', i);
      for (;;) {
        const close = text.indexOf('"', i + 1);
        if (close === -1) return null; // unterminated: JSON.parse refuses it
        if (nextBackslash === -1 || nextBackslash > close) {
          i = close;
          break;
        }
        const escaped = text.charCodeAt(nextBackslash + 1);
        let after = nextBackslash + 2;
        if (escaped === U) {
          const code = hex4(text, nextBackslash + 2);
          if (code === 0) return 'nul';
          if (code >= 0xdc00 && code <= 0xdfff) return 'surrogate';
          if (code >= 0xd800 && code <= 0xdbff) {
            const low =
              text.charCodeAt(nextBackslash + 6) === BACKSLASH && text.charCodeAt(nextBackslash + 7) === U
                ? hex4(text, nextBackslash + 8)
                : -1;
            if (low < 0xdc00 || low > 0xdfff) return 'surrogate';
            after = nextBackslash + 12;
          } else {
            after = nextBackslash + 6;
          }
        }
        nextBackslash = text.indexOf('\\', after);
        // The quote found was escaped (`\"`): keep looking from after the escape.
        i = after - 1;
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) return 'depth';
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return null;
}

const UNSTORABLE = /[\0\uD800-\uDFFF]/u; // in `u` mode a surrogate pair is one code point: only lone ones match

/** Whether a string holds a character PostgreSQL text or jsonb cannot store (NUL, a lone surrogate). */
export function hasUnstorableCharacter(value: string): boolean {
  return UNSTORABLE.test(value);
}

function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

/**
 * Where in a parsed body the flaw is: the path of the first string (value or key) holding an
 * unstorable character, or of the first container nested deeper than `maxDepth`, in the notation of
 * validation errors (`answers[2].comment`). Walks with its own stack, so any depth is safe; only
 * called once the pass above found a flaw, so it is off the hot path.
 */
export function locateFlaw(value: unknown, maxDepth = MAX_JSON_DEPTH): { path: string; flaw: JsonFlaw } | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop() as { value: unknown; path: string; depth: number };
    if (typeof item.value === 'string') {
      if (hasUnstorableCharacter(item.value)) return { path: item.path, flaw: item.value.includes('\0') ? 'nul' : 'surrogate' };
      continue;
    }
    if (item.value === null || typeof item.value !== 'object') continue;
    const depth = item.depth + 1;
    if (depth > maxDepth) return { path: item.path, flaw: 'depth' };
    const children: { value: unknown; path: string; depth: number }[] = [];
    if (Array.isArray(item.value)) {
      item.value.forEach((child, index) => children.push({ value: child, path: childPath(item.path, index), depth }));
    } else {
      for (const [key, child] of Object.entries(item.value)) {
        if (hasUnstorableCharacter(key)) return { path: childPath(item.path, key), flaw: key.includes('\0') ? 'nul' : 'surrogate' };
        children.push({ value: child, path: childPath(item.path, key), depth });
      }
    }
    // Depth-first in document order: the first flaw found is the first one in the text.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return null;
}

const FLAW_MESSAGES: Record<JsonFlaw, { code: string; message: { es: string; en: string } }> = {
  nul: { code: 'nulCharacter', message: { es: 'contiene un carácter NUL (\\u0000)', en: 'contains a NUL character (\\u0000)' } },
  surrogate: {
    code: 'loneSurrogate',
    message: { es: 'contiene un suplente UTF-16 suelto', en: 'contains a lone UTF-16 surrogate' },
  },
  depth: {
    code: 'maxDepth',
    message: { es: `anida más de ${MAX_JSON_DEPTH} niveles`, en: `nests more than ${MAX_JSON_DEPTH} levels` },
  },
};

/** The field error for a flaw at a path (`body` when the flaw is the body itself). */
export function flawError(path: string, flaw: JsonFlaw): ProblemFieldError {
  return { path: path === '' ? 'body' : path, code: FLAW_MESSAGES[flaw].code, message: FLAW_MESSAGES[flaw].message };
}

function flawProblem(path: string, flaw: JsonFlaw): Error {
  return httpProblems.raise(flaw === 'depth' ? HttpProblem.JsonTooDeep : HttpProblem.InvalidCharacters, {
    errors: [flawError(path, flaw)],
  });
}

const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)/i;

type JsonParser = (request: FastifyRequest, body: string, done: (error: Error | null, value?: unknown) => void) => void;

/**
 * Replaces Fastify's JSON parser with the guarded one. Call after Nest's body parsers are disabled
 * (`bodyParser: false`), so that JSON (this parser) and the bulk routes' CSV are the only media
 * types: form-encoded and any other body is a 415.
 */
export function useGuardedJsonParser(fastify: FastifyInstance): void {
  // Fastify's parser parses (secure-json-parse: `__proto__` and `constructor.prototype` are refused).
  const parse = fastify.getDefaultJsonParser('error', 'error') as unknown as JsonParser;
  fastify.removeContentTypeParser(['application/json', 'text/plain']);
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request: FastifyRequest, raw: string | Buffer, done) => {
    const body = Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
    if (body.length === 0) {
      done(null, undefined);
      return;
    }
    const charset = CHARSET.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase();
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      done(Object.assign(new Error('Unsupported Media Type'), { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' }));
      return;
    }
    if (!isUtf8(body)) {
      done(
        httpProblems.raise(HttpProblem.InvalidEncoding, {
          errors: [{ path: 'body', code: 'badEncoding', message: { es: 'no es UTF-8 válido', en: 'is not valid UTF-8' } }],
        }),
      );
      return;
    }
    const text = body.toString('utf8');
    const flaw = findJsonFlaw(text);
    if (flaw === null) {
      parse(request, text, done);
      return;
    }
    // Rare: parse once more to name the field (JSON.parse itself does not recurse, whatever the depth).
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parse(request, text, done); // malformed anyway: Fastify's parser answers it as such
      return;
    }
    const located = locateFlaw(parsed);
    done(flawProblem(located?.path ?? '', located?.flaw ?? flaw));
  });
}
