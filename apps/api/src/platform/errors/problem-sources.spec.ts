import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
// The application's module graph declares every catalogue.
import { AppModule } from '../../app.module';
import { registeredProblems } from './catalogue';

const SRC = join(__dirname, '../..');

/**
 * Ways of raising an error whose text exists in one language only. Modules raise through their
 * catalogue (`xProblems.raise(Code, params)`) and give field messages as `{ es, en }`.
 */
const PLAIN_TEXT_RAISES: { rule: string; pattern: RegExp }[] = [
  { rule: 'new ProblemError(…) outside the platform: raise a catalogue code', pattern: /new ProblemError\(/ },
  { rule: 'deprecated ProblemError helper', pattern: /ProblemError\.(badRequest|notFound|conflict|unprocessable|validation)\(/ },
  { rule: 'a message that is a plain string literal: give { es, en }', pattern: /\bmessage:\s*['"`]/ },
  { rule: 'describeConstraint with a plain string: give { es, en }', pattern: /describeConstraint\([^,]+,[^,]+,\s*['"`]/ },
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** `file:line rule` for every plain-text raise in a module (the platform defines the mechanism itself). */
function plainTextRaises(): string[] {
  const found: string[] = [];
  for (const file of sources(SRC)) {
    const name = relative(SRC, file).split('\\').join('/');
    if (name.startsWith('platform/') || name.startsWith('migrations/')) continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        for (const { rule, pattern } of PLAIN_TEXT_RAISES) if (pattern.test(line)) found.push(`${name}:${i + 1} ${rule}`);
      });
  }
  return found;
}

describe('errors in the caller’s language', () => {
  it('no module raises a problem or a field message in one language only', () => {
    expect(plainTextRaises()).toEqual([]);
  });

  it('finds what it looks for (the check itself)', () => {
    const line = (text: string) => PLAIN_TEXT_RAISES.filter(({ pattern }) => pattern.test(text)).length;
    expect(line("throw new ProblemError(409, 'x', 'Prose.')")).toBe(1);
    expect(line("throw ProblemError.notFound('tenant')")).toBe(1);
    expect(line("errors: [{ path: 'email', code: 'taken', message: 'already taken' }]")).toBe(1);
    expect(line("describeConstraint('uq_x', 'code', 'taken')")).toBe(1);
    expect(line('throw authProblems.raise(AuthProblem.Forbidden, { reason: "role" })')).toBe(0);
    expect(line("describeConstraint('uq_x', 'code', TEXTS.codeTaken)")).toBe(0);
  });

  it('every catalogue code has its detail in Spanish and in English, as sentences that differ', () => {
    expect(AppModule).toBeDefined();
    const problems = [...registeredProblems().values()].filter((p) => p.module !== 'sample');
    expect(problems.length).toBeGreaterThan(20);
    for (const { code, status, texts } of problems) {
      expect({ code, kebab: /^[a-z]+(-[a-z]+)*$/.test(code), error: status >= 400 && status < 600 }).toEqual({
        code,
        kebab: true,
        error: true,
      });
      expect({ code, differ: texts.es !== texts.en }).toEqual({ code, differ: true });
      expect({ code, es: /^[¿¡A-ZÁÉÍÓÚÑ].*[.?!]$/s.test(texts.es), en: /^[A-Z].*[.?!]$/s.test(texts.en) }).toEqual({
        code,
        es: true,
        en: true,
      });
    }
  });
});
