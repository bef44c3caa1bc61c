#!/usr/bin/env node
// `npm test`: builds what the tests run against (the SPA served by the API, the API the browser
// tests start), then runs every suite of the workspace, and closes with one summary line.
// Without DATABASE_URL each suite that needs PostgreSQL starts a throwaway embedded one.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = mkdtempSync(join(tmpdir(), 'rumbo-test-results-'));
const bin = (name) => join(root, 'node_modules/.bin', name);

/** Each suite writes a Jest-format JSON report; the closing line adds them up. */
const suites = [
  { name: 'libs/method', cwd: 'libs/method', cmd: bin('jest'), args: ['--ci'], runner: 'jest' },
  { name: 'libs/api-client (contract drift, Spectral, SDK)', cwd: 'libs/api-client', cmd: bin('jest'), args: ['--ci'], runner: 'jest' },
  { name: 'apps/api (real PostgreSQL)', cwd: 'apps/api', cmd: bin('jest'), args: ['--ci', '--runInBand'], runner: 'jest' },
  { name: 'apps/admin (components)', cwd: 'apps/admin', cmd: bin('vitest'), args: ['run'], runner: 'vitest' },
  {
    name: 'apps/admin (browser e2e)',
    cwd: 'apps/admin',
    cmd: bin('vitest'),
    args: ['run', '-c', 'vitest.e2e.config.ts'],
    runner: 'vitest',
  },
];

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd: join(root, cwd), stdio: 'inherit', env: process.env });
  return r.status ?? 1;
}

const only = process.argv.slice(2);
// Only what changed since the last build (content hashes, see scripts/build.mjs): the second
// `npm test` of a CI run, or one after `npm start`, rebuilds nothing.
console.log('\n== build (libs, SPA, API: what changed) ==');
if (run(process.execPath, ['scripts/build.mjs', '--changed'], '.') !== 0) {
  console.error('build failed: no tests run');
  console.log('tests: 0 passed, 1 failed');
  process.exit(1);
}

let passed = 0;
let failed = 0;
const failures = [];
for (const [i, suite] of suites.entries()) {
  if (only.length && !only.some((o) => suite.name.includes(o))) continue;
  console.log(`\n== ${suite.name} ==`);
  const report = join(results, `${i}.json`);
  const reportArgs =
    suite.runner === 'jest'
      ? ['--json', `--outputFile=${report}`]
      : ['--reporter=default', '--reporter=json', `--outputFile.json=${report}`];
  const status = run(suite.cmd, [...suite.args, ...reportArgs], suite.cwd);
  let p = 0;
  let f = 0;
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    p = json.numPassedTests ?? 0;
    f = json.numFailedTests ?? 0;
  }
  // A runner that failed without failing a test (setup error, no report) still fails the run.
  if (status !== 0 && f === 0) f = 1;
  passed += p;
  failed += f;
  if (status !== 0) failures.push(suite.name);
}
rmSync(results, { recursive: true, force: true });

console.log('');
if (failures.length) console.error(`failed suites: ${failures.join('; ')}`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failures.length ? 1 : 0);
