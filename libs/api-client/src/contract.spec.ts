import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../../..');

describe('the committed contract', () => {
  it('matches a fresh generation from the API code (openapi.json and SDK types)', () => {
    const run = spawnSync(process.execPath, [join(root, 'scripts/openapi.mjs'), '--check'], { cwd: root, encoding: 'utf8' });
    expect(`${run.stdout}${run.stderr}`).toContain('up to date');
    expect(run.status).toBe(0);
  });

  it('lints clean with Spectral OpenAPI rules', () => {
    const spectral = join(root, 'node_modules/.bin/spectral');
    const run = spawnSync(spectral, ['lint', 'libs/api-client/openapi.json', '--ruleset', '.spectral.yaml', '--fail-severity', 'warn'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(run.stdout + run.stderr).toMatch(/No results with a severity of 'warn' or higher found!|no results/i);
    expect(run.status).toBe(0);
  });

  it('names every operation after its controller method and documents problems', () => {
    const spec = JSON.parse(readFileSync(join(root, 'libs/api-client/openapi.json'), 'utf8'));
    for (const [path, item] of Object.entries<
      Record<string, { operationId?: string; summary?: string; responses?: Record<string, unknown> }>
    >(spec.paths)) {
      for (const [method, op] of Object.entries(item)) {
        expect({ path, method, operationId: op.operationId }).toEqual({
          path,
          method,
          operationId: expect.stringMatching(/^[a-z][A-Za-z0-9]+$/),
        });
        expect(op.summary).toBeTruthy();
        expect(op.responses?.default).toBeDefined();
      }
    }
  });
});
