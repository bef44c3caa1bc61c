import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../../src/platform/database/embedded-postgres';
import { call } from './http-client';

/** The built API, exactly what `npm start` runs. `npm test` builds it first. */
export const API_MAIN = resolve(__dirname, '../../../dist/main.js');
export const REPO_ROOT = resolve(__dirname, '../../../../..');

/** RUMBO_LONG_TESTS=1 (set by .ci/run): the heavy repetitions of these tests. */
export const LONG = process.env.RUMBO_LONG_TESTS === '1';

export const ADMIN = { email: 'lifecycle-admin@test.example', password: 'lifecycle-password-1' };

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  at: number;
}

export interface ApiProcess {
  url: string;
  pid: number;
  /** Milliseconds from spawn to the first 200 of /health/ready. */
  readyMs: number;
  /** The process's JSON log lines so far. */
  logs: Record<string, unknown>[];
  exited: Promise<Exit>;
  signal(name: NodeJS.Signals): void;
  /** SIGTERM, then the exit. */
  stop(): Promise<Exit>;
}

/** A newest source file newer than the build means the test would run yesterday's code. */
export function assertBuilt(): void {
  if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run \`npm run build -w @rumbo/api\` (npm test does)`);
  const built = statSync(API_MAIN).mtimeMs;
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((max, entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return Math.max(max, newest(path));
      return /\.spec\.ts$/.test(entry.name) || !/\.(ts|json)$/.test(entry.name) ? max : Math.max(max, statSync(path).mtimeMs);
    }, 0);
  if (newest(resolve(__dirname, '../../../src')) > built) {
    throw new Error('apps/api/dist is older than apps/api/src: run `npm run build -w @rumbo/api` (npm test does)');
  }
}

/** A temporary directory the embedded server's OS user (postgres, when tests run as root) can enter. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Starts `node apps/api/dist/main.js` as a separate process, the way `npm start` ends, and waits for
 * /health/ready. It runs in `cwd` (a temporary directory: no developer's .env is picked up) with a
 * free port, the first platform administrator from ADMIN and no demo data.
 */
export async function startApi(env: Record<string, string>, cwd: string, readyTimeoutMs = 60_000): Promise<ApiProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^(DATABASE_|RUMBO_|EMBEDDED_PG_|JWT_SECRET|PORT|HOST|LOG_LEVEL|NODE_ENV|SHUTDOWN_)/.test(key),
    ),
  );
  const started = Date.now();
  const child: ChildProcess = spawn(process.execPath, [API_MAIN], {
    cwd,
    env: {
      ...inherited,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'info',
      ADMIN_DIST_DIR: '/nonexistent',
      RUMBO_DEMO_DATA: 'false',
      RUMBO_ADMIN_EMAIL: ADMIN.email,
      RUMBO_ADMIN_PASSWORD: ADMIN.password,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  let partial = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        logs.push({ msg: line });
      }
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<Exit>((done) => child.once('exit', (code, signal) => done({ code, signal, at: Date.now() })));
  const pid = child.pid ?? 0;
  const describe = () => `${logs.map((l) => JSON.stringify(l)).join('\n')}\n${stderr}`.slice(-6_000);

  let ready = false;
  let gone = false;
  const early = exited.then((exit) => {
    gone = true;
    if (!ready) throw new Error(`the API exited before it was ready (${JSON.stringify(exit)}):\n${describe()}`);
  });
  const poll = (async () => {
    while (Date.now() - started < readyTimeoutMs && !gone) {
      const outcome = await call(`${url}/health/ready`, { timeoutMs: 2_000 });
      if (outcome.status === 200) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    if (gone) return;
    child.kill('SIGKILL');
    throw new Error(`the API was not ready within ${readyTimeoutMs} ms:\n${describe()}`);
  })();
  await Promise.race([poll, early]);
  ready = true;
  return {
    url,
    pid,
    readyMs: Date.now() - started,
    logs,
    exited,
    signal: (name) => child.kill(name),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Signs in through the API; returns the access token. */
export async function signIn(url: string, user: { email: string; password: string } = ADMIN): Promise<string> {
  const res = await call(`${url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(user),
  });
  if (res.status !== 200) throw new Error(`login answered ${res.status ?? res.error}: ${JSON.stringify(res.body)}`);
  return (res.body as { accessToken: string }).accessToken;
}

/** Creates a root tenant through the API (as the platform administrator); returns its id. */
export async function createTenant(url: string, token: string, code: string): Promise<string> {
  const res = await call(`${url}/v1/tenants`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ code, kind: 'country', name: `Tenant ${code}` }),
  });
  if (res.status !== 201) throw new Error(`creating tenant ${code} answered ${res.status ?? res.error}: ${JSON.stringify(res.body)}`);
  return (res.body as { id: string }).id;
}

/** A tenant import CSV of `rows` municipalities directly under the target, codes `<prefix>-<n>`. */
export function importCsv(prefix: string, rows: number): string {
  const lines = ['code,parentCode,kind,name,population'];
  for (let i = 1; i <= rows; i += 1) lines.push(`${prefix}-${i},,municipality,Municipio ${prefix} ${i},${1000 + i}`);
  return `${lines.join('\r\n')}\r\n`;
}
