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

const code = () =>
  sources(__dirname)
    .filter((path) => !path.endsWith('.spec.ts'))
    .map((path) => ({ path: relative(__dirname, path), text: readFileSync(path, 'utf8') }));

// ARCHITECTURE.md §1: frictions → maturity → tenancy → platform, each read through what it exports.
describe('frictions module files', () => {
  it('are at most 350 lines', () => {
    expect(
      code()
        .filter(({ text }) => text.split('\n').length > 350)
        .map(({ path }) => path),
    ).toEqual([]);
  });

  it('never query tenancy’s or maturity’s tables: they read them through TenantReader, MemberReader and MaturityGapReader', () => {
    const foreign =
      /\b(FROM|JOIN|UPDATE|INTO)\s+"?(tenants|users|memberships|maturity_models|maturity_model_versions|assessments|assessment_\w+)"?\b/i;
    expect(
      code()
        .filter(({ text }) => foreign.test(text))
        .map(({ path }) => path),
    ).toEqual([]);
  });

  it('compute no cost of their own: every cost comes from @rumbo/method', () => {
    // The Standard Cost Model's arithmetic (minutes / 60 × tariff) appears nowhere in the module's code
    // (the contract's descriptions state the formula).
    expect(
      code()
        .filter(({ text }) => text.split('\n').some((line) => /\/\s*60\b/.test(line) && !/description:/.test(line)))
        .map(({ path }) => path),
    ).toEqual([]);
  });
});
