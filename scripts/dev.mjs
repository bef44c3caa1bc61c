#!/usr/bin/env node
// `npm run dev`: the API restarted on every change, the SPA with hot reload.
//
// 1. `tsc --watch` compiles libs/method and apps/api. Their incremental state is kept in
//    node_modules/.cache/rumbo-dev, so the first pass of a later `npm run dev` only re-checks and
//    re-emits what changed since the last one.
// 2. The API starts once both first passes are clean, and restarts (SIGTERM, so it stops its
//    embedded PostgreSQL cleanly) after every later pass that wrote files without errors. A pass
//    with errors leaves the running API alone.
// 3. Vite's dev server serves the SPA from its sources with hot reload, proxying the API's paths.
//
// Ctrl-C (or SIGTERM) stops all of it. What the watchers write is not a stamped build: the next
// `npm start` rebuilds the API once (scripts/build.mjs sees dist rewritten).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules/.bin', name);
const cache = join(root, 'node_modules/.cache/rumbo-dev');
const port = process.env.PORT ?? '3000';
const host = process.env.HOST ?? '127.0.0.1';
const say = (line) => console.log(`dev: ${line}`);
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
    say(`${api ? 'restarting' : 'starting'} the API (${reason})`);
    restarting = true;
    await stopApi();
    restarting = false;
    if (!stopping) startApi();
  }, 300);
}

const firstPassPending = new Set();

/**
 * Runs `tsc --watch` on a workspace's build config and reports each pass: the first clean pass of
 * every watcher starts the API, a later clean pass that wrote files restarts it.
 */
function watch(name, project, output) {
  const buildInfo = join(cache, `${name}.tsbuildinfo`);
  // Incremental state that outlived its output (dist deleted) would emit nothing: start afresh.
  if (!existsSync(join(root, output))) rmSync(buildInfo, { force: true });
  firstPassPending.add(name);
  const tsc = spawn(
    bin('tsc'),
    ['-p', project, '--watch', '--preserveWatchOutput', '--listEmittedFiles', '--incremental', '--tsBuildInfoFile', buildInfo],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let emitted = 0;
  let buffered = '';
  tsc.stdout.on('data', (chunk) => {
    buffered += chunk;
    let newline;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (line.startsWith('TSFILE: ')) {
        emitted++;
        continue;
      }
      const done = /Found (\d+) errors?\. Watching for file changes/.exec(line);
      if (!done) {
        // Progress lines are noise; compiler errors are what the developer needs to see.
        if (!/Starting (incremental )?compilation|File change detected/.test(line) && line.trim()) console.log(`${name}: ${line}`);
        continue;
      }
      const errors = Number(done[1]);
      const wrote = emitted;
      emitted = 0;
      if (errors > 0) {
        say(`${name} has ${errors} error(s): ${api ? 'the API keeps running the last good build' : 'the API starts once they are fixed'}`);
      } else if (firstPassPending.delete(name)) {
        if (firstPassPending.size === 0 && !stopping) {
          startApi();
          say(`API on http://${host}:${port}, restarted on changes to apps/api/src and libs/method/src`);
        }
      } else if (wrote > 0 && firstPassPending.size === 0) {
        scheduleRestart(`${name} changed`);
      }
    }
  });
  return tsc;
}

const children = [
  watch('method', 'libs/method/tsconfig.build.json', 'libs/method/dist/index.js'),
  watch('api', 'apps/api/tsconfig.build.json', 'apps/api/dist/main.js'),
  spawn(bin('vite'), [], {
    cwd: join(root, 'apps/admin'),
    stdio: 'inherit',
    env: { ...process.env, RUMBO_API_PROXY: process.env.RUMBO_API_PROXY ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}` },
  }),
];
say('compiling the method and the API; the SPA gets hot reload on Vite (its URL below)');

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
for (const child of children) {
  child.on('exit', (code) => {
    if (stopping) return;
    say(`a watcher exited (${code}): stopping`);
    void shutdown('watcher exit');
  });
}
