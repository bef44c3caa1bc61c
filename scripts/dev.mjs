#!/usr/bin/env node
// `npm run dev`: the API restarted on every change, the SPA with hot reload.
//
// 1. Builds what changed of the method and the API (as `npm start` does) and starts the API.
// 2. `tsc --watch` recompiles libs/method and apps/api as their sources change; after each pass
//    without errors the API is restarted (SIGTERM, so it stops its embedded PostgreSQL cleanly,
//    then started again). A pass with errors leaves the running API alone.
// 3. Vite's dev server serves the SPA from its sources with hot reload, proxying the API's paths.
//
// The watchers keep their incremental state in node_modules/.cache/rumbo-dev, so a second
// `npm run dev` re-emits only what changed. Ctrl-C (or SIGTERM) stops all of it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules/.bin', name);
const cache = join(root, 'node_modules/.cache/rumbo-dev');
const port = process.env.PORT ?? '3000';
const host = process.env.HOST ?? '127.0.0.1';
const say = (line) => console.log(`dev: ${line}`);

if (
  spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--changed', '--only', '@rumbo/api'], { cwd: root, stdio: 'inherit' })
    .status !== 0
) {
  process.exit(1);
}
mkdirSync(cache, { recursive: true });

let api;
let stopping = false;
let restarting = false;
let restartTimer;

function startApi() {
  api = spawn(process.execPath, ['--enable-source-maps', join(root, 'apps/api/dist/main.js')], { cwd: root, stdio: 'inherit' });
  const child = api;
  child.on('exit', (code, signal) => {
    if (api === child) api = undefined;
    if (!stopping && !restarting) say(`the API stopped (${signal ?? `exit ${code}`}); it starts again after the next successful compile`);
  });
}

/** Stops the running API and waits until it has shut its database down. */
function stopApi() {
  const child = api;
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

function scheduleRestart(reason) {
  // One restart for a burst of passes (the method's watcher and then the API's, for one edit).
  clearTimeout(restartTimer);
  restartTimer = setTimeout(async () => {
    say(`restarting the API (${reason})`);
    restarting = true;
    await stopApi();
    restarting = false;
    if (!stopping) startApi();
  }, 300);
}

/**
 * Runs `tsc --watch` on a workspace's build config. Its first pass only confirms what the build
 * above produced; every later pass without errors restarts the API.
 */
function watch(name, project) {
  const tsc = spawn(
    bin('tsc'),
    ['-p', project, '--watch', '--preserveWatchOutput', '--incremental', '--tsBuildInfoFile', join(cache, `${name}.tsbuildinfo`)],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let passes = 0;
  let buffered = '';
  tsc.stdout.on('data', (chunk) => {
    buffered += chunk;
    let newline;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      const done = /Found (\d+) errors?\. Watching for file changes/.exec(line);
      if (!done) {
        // Progress lines are noise; compiler errors are what the developer needs to see.
        if (!/Starting (incremental )?compilation|File change detected/.test(line) && line.trim()) console.log(`${name}: ${line}`);
        continue;
      }
      passes++;
      const errors = Number(done[1]);
      if (errors > 0) say(`${name} has ${errors} error(s): the API keeps running the last good build`);
      else if (passes === 1) watchersReady(name);
      else scheduleRestart(`${name} changed`);
    }
  });
  return tsc;
}

const pendingWatchers = new Set(['method', 'api']);
function watchersReady(name) {
  pendingWatchers.delete(name);
  // The API starts once both watchers have made their first pass, so it never loads a file that a
  // watcher is rewriting.
  if (pendingWatchers.size === 0 && !api && !stopping) {
    startApi();
    say(`API on http://${host}:${port} (restarts on changes to apps/api/src and libs/method/src)`);
  }
}

const children = [
  watch('method', 'libs/method/tsconfig.build.json'),
  watch('api', 'apps/api/tsconfig.build.json'),
  spawn(bin('vite'), [], {
    cwd: join(root, 'apps/admin'),
    stdio: 'inherit',
    env: { ...process.env, RUMBO_API_PROXY: process.env.RUMBO_API_PROXY ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}` },
  }),
];
say('SPA with hot reload on Vite (its URL below); the API serves the last built SPA at / too');

async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  clearTimeout(restartTimer);
  say(`${signal}: stopping`);
  for (const child of children) child.kill('SIGTERM');
  await stopApi();
  process.exit(0);
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
for (const child of children)
  child.on('exit', (code) => !stopping && (say(`a watcher exited (${code}): stopping`), void shutdown('watcher exit')));
