import type { FastifyInstance } from 'fastify';
import type { ProblemError, ProblemFieldError } from '../errors/problem';
import { HttpProblem, httpProblems } from './http.problems';
import { flawError, hasUnstorableCharacter } from './json-body';

/**
 * Refuses, before any route runs, text that no layer below can store or decode: a NUL (`%00`) in a
 * path parameter or a query parameter, bad percent-encoding in the query string (the router already
 * refuses it in the path), and a NUL in a text body (CSV). Each is a 400 naming the parameter.
 * JSON bodies are checked by their parser (json-body.ts).
 *
 * On an ordinary request it costs a loop over the path parameters and two `indexOf` on the URL; the
 * query string is decoded once more (natively) only when it holds a `%`.
 */

const BAD_ENCODING = {
  code: 'badEncoding',
  message: { es: 'tiene una codificación por porcentaje incorrecta', en: 'has bad percent-encoding' },
};

function decodes(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

function decodedOr(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text.length > 100 ? `${text.slice(0, 100)}…` : text;
  }
}

/** The query string's problems, naming each parameter: bad percent-encoding, then NUL characters. */
export function queryStringProblem(query: string): ProblemError | undefined {
  if (!query.includes('%')) return undefined;
  const wellEncoded = decodes(query);
  if (wellEncoded && !query.includes('%00')) return undefined;
  const encoding: ProblemFieldError[] = [];
  const characters: ProblemFieldError[] = [];
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? '' : pair.slice(eq + 1);
    const path = decodedOr(rawKey);
    if (!decodes(rawKey) || !decodes(rawValue)) encoding.push({ path, ...BAD_ENCODING });
    else if (hasUnstorableCharacter(decodeURIComponent(rawKey)) || hasUnstorableCharacter(decodeURIComponent(rawValue))) {
      characters.push(flawError(path, 'nul'));
    }
  }
  if (encoding.length > 0) return httpProblems.raise(HttpProblem.InvalidEncoding, { errors: encoding });
  if (characters.length > 0) return httpProblems.raise(HttpProblem.InvalidCharacters, { errors: characters });
  return undefined;
}

/** The path parameters holding an unstorable character, or undefined. */
export function pathParameterProblem(params: unknown): ProblemError | undefined {
  if (!params || typeof params !== 'object') return undefined;
  let errors: ProblemFieldError[] | undefined;
  for (const name in params) {
    const value = (params as Record<string, unknown>)[name];
    if (typeof value === 'string' && hasUnstorableCharacter(value))
      (errors ??= []).push(flawError(name, value.includes('\0') ? 'nul' : 'surrogate'));
  }
  return errors ? httpProblems.raise(HttpProblem.InvalidCharacters, { errors }) : undefined;
}

/** A text body (CSV) holding an unstorable character: named by its line, counting from 1. */
export function textBodyProblem(body: string): ProblemError | undefined {
  if (!hasUnstorableCharacter(body)) return undefined;
  const at = body.search(/[\0\uD800-\uDFFF]/u);
  const line = body.slice(0, at).split('\n').length;
  return httpProblems.raise(HttpProblem.InvalidCharacters, {
    errors: [{ ...flawError('body', body.includes('\0') ? 'nul' : 'surrogate'), line }],
  });
}

/** Installs the guard on every route (a preValidation hook: after routing and body parsing, before Nest). */
export function installInputGuard(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', (request, _reply, done) => {
    const url = request.url;
    const q = url.indexOf('?');
    const problem =
      pathParameterProblem(request.params) ??
      (q === -1 ? undefined : queryStringProblem(url.slice(q + 1))) ??
      (typeof request.body === 'string' ? textBodyProblem(request.body) : undefined);
    done(problem);
  });
}
