#!/usr/bin/env node
// Builds the workspaces in dependency order, each through its own `build` script.
//
//   node scripts/build.mjs            every workspace, unconditionally (`npm run build`)
//   node scripts/build.mjs --changed  only those whose inputs changed since their last build
//                                     (`npm start`, `npm run dev`, `npm test`)
//   … --only @rumbo/api               just that workspace and those it builds on
//
// A workspace's inputs are hashed (see lib/incremental-build.mjs) and compared with the key its
// last successful build recorded in `dist/.build-manifest.json`; equal keys and present outputs mean
// the build would produce what is already there, so it is skipped.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWorkspaces } from './lib/incremental-build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Read by every build: dependency versions and the shared compiler settings. */
const SHARED = ['package-lock.json', 'tsconfig.base.json'];
/** Specs are never compiled into a build: editing one rebuilds nothing. */
const TESTS = /(\.spec\.ts|\.e2e-spec\.ts)$/;

/** @type {import('./lib/incremental-build.mjs').Workspace[]} */
const WORKSPACES = [
  {
    name: '@rumbo/method',
    dir: 'libs/method',
    inputs: [...SHARED, 'libs/method/src', 'libs/method/package.json', 'libs/method/tsconfig.json', 'libs/method/tsconfig.build.json'],
    exclude: TESTS,
    outputs: ['dist/index.js', 'dist/index.d.ts'],
    clean: true,
  },
  {
    name: '@rumbo/api-client',
    dir: 'libs/api-client',
    inputs: [
      ...SHARED,
      'libs/api-client/src',
      'libs/api-client/scripts',
      'libs/api-client/package.json',
      'libs/api-client/tsconfig.json',
      'libs/api-client/tsconfig.build.json',
      'libs/api-client/tsconfig.esm.json',
    ],
    exclude: TESTS,
    outputs: ['dist/index.js', 'dist/index.mjs', 'dist/index.d.ts'],
    clean: true,
  },
  {
    // Vite has no incremental mode; it bundles the client and the method from their sources (see
    // vite.config.ts), so those sources are inputs here too. Vite empties dist itself.
    name: '@rumbo/admin',
    dir: 'apps/admin',
    inputs: [
      ...SHARED,
      'apps/admin/src',
      'apps/admin/public',
      'apps/admin/index.html',
      'apps/admin/vite.config.ts',
      'apps/admin/tsconfig.json',
      'apps/admin/package.json',
      'apps/admin/.env',
      'apps/admin/.env.local',
      'apps/admin/.env.production',
      'apps/admin/.env.production.local',
      'libs/api-client/src',
      'libs/method/src',
    ],
    exclude: TESTS,
    env: /^VITE_/,
    // Always the production bundle the API serves, whatever NODE_ENV the caller runs with (Jest sets
    // `test`, a shell may say `development`): Vite would otherwise build something else, and the
    // stamp would flip between callers. `npm run dev` has Vite's dev server for development.
    buildEnv: { NODE_ENV: 'production' },
    outputs: ['dist/index.html'],
  },
  {
    name: '@rumbo/api',
    dir: 'apps/api',
    inputs: [...SHARED, 'apps/api/src', 'apps/api/package.json', 'apps/api/tsconfig.build.json'],
    exclude: TESTS,
    dependsOn: ['@rumbo/method'],
    outputs: ['dist/main.js'],
    clean: true,
  },
];

const argv = process.argv.slice(2);
const changedOnly = argv.includes('--changed');
const only = argv.flatMap((arg, i) => (argv[i - 1] === '--only' ? [arg] : []));
const unknown = only.filter((name) => !WORKSPACES.some((w) => w.name === name));
if (unknown.length) {
  console.error(`build: unknown workspace ${unknown.join(', ')}`);
  process.exit(2);
}
/** The named workspaces and, transitively, those they build on; all of them without --only. */
const wanted = new Set(only);
for (const w of [...WORKSPACES].reverse()) if (wanted.has(w.name)) for (const dep of w.dependsOn ?? []) wanted.add(dep);
const selected = only.length ? WORKSPACES.filter((w) => wanted.has(w.name)) : WORKSPACES;
const started = performance.now();
const results = buildWorkspaces(root, selected, {
  changedOnly,
  log: (line) => console.log(`build: ${line}`),
  run: (workspace) =>
    spawnSync('npm', ['run', 'build', '-w', workspace.name], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...workspace.buildEnv },
    }).status ?? 1,
});
const seconds = ((performance.now() - started) / 1000).toFixed(2);
const failed = results.find((r) => r.status === 'failed');
if (failed) {
  console.error(`build: ${failed.name} failed (${failed.reason})`);
  process.exit(1);
}
const built = results.filter((r) => r.status === 'built').map((r) => r.name);
console.log(`build: ${built.length ? `built ${built.join(', ')}` : 'everything up to date'} in ${seconds} s`);
