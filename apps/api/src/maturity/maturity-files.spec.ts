import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every source file of the module, recursively. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

// The module other modules copy (ARCHITECTURE.md §1): a file over 350 lines is doing two jobs, unless
// its header says why it is one. (default-model/default-model.json is data, described by its README.)
describe('maturity module files', () => {
  it('are at most 350 lines, or say in their header why not', () => {
    const long = sources(__dirname)
      .map((path) => ({ path: relative(__dirname, path), text: readFileSync(path, 'utf8') }))
      .filter(({ text }) => text.split('\n').length > 350 && !/^\s*(\/\/|\/\*)[^\n]*\b(long|lines)\b/i.test(text))
      .map(({ path }) => path);
    expect(long).toEqual([]);
  });

  it('never query the tenants table: tenants are read through TenancyModule’s TenantReader', () => {
    const offenders = sources(__dirname)
      .filter((path) => !path.endsWith('.spec.ts'))
      .filter((path) => /\b(FROM|JOIN|UPDATE|INTO)\s+"?tenants"?\b/i.test(readFileSync(path, 'utf8')))
      .map((path) => relative(__dirname, path));
    expect(offenders).toEqual([]);
  });
});
