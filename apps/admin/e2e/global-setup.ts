/**
 * Global setup of the browser suite: checks for Chromium, starts the real API (which serves the
 * built SPA from apps/admin/dist) on a free port, waits until it is ready, and stops it afterwards.
 *
 * Environment:
 *   CHROMIUM_PATH           browser executable (default /usr/bin/chromium)
 *   RUMBO_REQUIRE_BROWSER=1 fail instead of skipping when the browser is missing
 *   DATABASE_URL            when set, a fresh database is created beside it on the same server for
 *                           this run (and dropped afterwards), so the API's first start seeds the
 *                           demo there whatever other suites left in DATABASE_URL's database; when
 *                           unset the API starts an embedded PostgreSQL in a fresh temporary
 *                           RUMBO_DATA_DIR (removed afterwards)
 *   RUMBO_E2E_BASE_URL      test an already running server instead of starting the API (it must
 *                           have the demo data and the platform administrator of ./context.ts)
 *
 * The API is started with RUMBO_ADMIN_EMAIL/RUMBO_ADMIN_PASSWORD from ./context.ts. Its first start
 * on an empty database seeds the demo region and users; the tests create what they change under
 * unique codes and emails, so they can run again on the same DATABASE_URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { PLATFORM_ADMIN, type E2eContext } from './context';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const API_MAIN = join(REPO_ROOT, 'apps/api/dist/main.js');
const SPA_INDEX = join(REPO_ROOT, 'apps/admin/dist/index.html');
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 15_000;
const OUTPUT_LINES_KEPT = 200;

export default async function setup(project: TestProject) {
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

  if (!existsSync(chromiumPath)) {
    const reason =
      `Browser tests skipped: no Chromium at ${chromiumPath} ` + '(install it with `apt-get install -y chromium` or set CHROMIUM_PATH).';
    if (process.env.RUMBO_REQUIRE_BROWSER === '1') {
      throw new Error(`${reason} RUMBO_REQUIRE_BROWSER=1 makes this a failure.`);
    }
    console.warn(`\n[e2e] ${reason}\n`);
    provide(project, { baseUrl: '', chromiumPath, skipReason: reason });
    return;
  }

  const external = process.env.RUMBO_E2E_BASE_URL?.replace(/\/+$/, '');
  if (external) {
    await waitUntilReady(external, null, () => '');
    provide(project, { baseUrl: external, chromiumPath });
    return;
  }

  if (!existsSync(API_MAIN)) {
    throw new Error(`[e2e] ${API_MAIN} is missing: run \`npm run build -w @rumbo/api\` first.`);
  }
  if (!existsSync(SPA_INDEX)) {
    throw new Error(`[e2e] ${SPA_INDEX} is missing: run \`npm run build -w @rumbo/admin\` first.`);
  }

  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    // A known platform administrator (created on first start if that email does not exist yet).
    RUMBO_ADMIN_EMAIL: PLATFORM_ADMIN.email,
    RUMBO_ADMIN_PASSWORD: PLATFORM_ADMIN.password,
  };
  let dataDir: string | null = null;
  let scratch: ScratchDatabase | null = null;
  if (process.env.DATABASE_URL) {
    scratch = await createScratchDatabase(process.env.DATABASE_URL);
    env.DATABASE_URL = scratch.url;
  } else {
    dataDir = await mkdtemp(join(tmpdir(), 'rumbo-admin-e2e-'));
    env.RUMBO_DATA_DIR = dataDir;
  }

  // Own process group, so the embedded PostgreSQL it starts can be killed with it if need be.
  const api = spawn(process.execPath, [API_MAIN], {
    cwd: REPO_ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = keepOutput(api);

  try {
    await waitUntilReady(baseUrl, api, output);
  } catch (error) {
    await stop(api);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    await scratch?.drop();
    throw error;
  }
  provide(project, { baseUrl, chromiumPath });

  return async () => {
    await stop(api);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    await scratch?.drop();
  };
}

interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new, empty database on DATABASE_URL's server, named after it, for this run only. */
async function createScratchDatabase(baseUrl: string): Promise<ScratchDatabase> {
  const url = new URL(baseUrl);
  const name = `${decodeURIComponent(url.pathname.slice(1)) || 'rumbo'}_e2e_${Date.now().toString(36)}`.slice(0, 63);
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: baseUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  await admin((client) => client.query(`CREATE DATABASE "${name}"`));
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

function provide(project: TestProject, context: E2eContext): void {
  project.provide('rumboE2e', context);
}

/** Asks the OS for a free port on the loopback interface. */
function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Keeps the last lines the API printed, to explain a failed start. */
function keepOutput(child: ChildProcess): () => string {
  const lines: string[] = [];
  const collect = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - OUTPUT_LINES_KEPT));
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return () => lines.join('\n');
}

/** Polls GET /health/ready until it answers 200, the process dies, or the time runs out. */
async function waitUntilReady(baseUrl: string, api: ChildProcess | null, output: () => string) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (api && api.exitCode !== null) {
      throw new Error(`[e2e] the API exited with code ${api.exitCode} before it was ready:\n${output()}`);
    }
    try {
      const response = await fetch(`${baseUrl}/health/ready`, { signal: AbortSignal.timeout(5_000) });
      if (response.status === 200) return;
      last = `HTTP ${response.status}: ${await response.text()}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`[e2e] ${baseUrl}/health/ready was not 200 within ${READY_TIMEOUT_MS / 1000} s (last: ${last}):\n${output()}`);
}

/** SIGTERM to the API (it stops its embedded PostgreSQL), then SIGKILL to its whole group. */
async function stop(api: ChildProcess): Promise<void> {
  if (api.exitCode !== null || api.signalCode !== null || api.pid === undefined) return;
  const exited = new Promise<void>((r) => api.once('exit', () => r()));
  api.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    exited.then(() => false),
    new Promise<boolean>((r) => (timer = setTimeout(() => r(true), STOP_TIMEOUT_MS))),
  ]);
  clearTimeout(timer);
  try {
    // Also reaps anything the API left behind in its process group (e.g. a PostgreSQL child).
    process.kill(-api.pid, 'SIGKILL');
  } catch {
    /* the group is already gone */
  }
  if (timedOut) await exited;
}
