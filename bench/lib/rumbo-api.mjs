// Starting the real Rumbo API for a scenario, and calling it: shared by the scenarios that measure
// API routes against a raw baseline on the same database.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * Node arguments that start the API: `main.js`, under `--cpu-prof` when BENCH_CPU_PROF_DIR is set
 * (bench/profile.mjs sets it; the profile is written when the API exits on SIGTERM).
 */
export function rumboNodeArgs(mainJs) {
  const dir = process.env.BENCH_CPU_PROF_DIR;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`, mainJs] : [mainJs];
}

/** The platform administrator every bench API starts with (empty database, no demo). */
export const BENCH_ADMIN = { email: 'bench-admin@rumbo.bench', password: 'bench-admin-password-2026' };

/**
 * Calls the API and returns the parsed JSON (undefined when the body is empty or not JSON); any
 * status ≥ 300 throws with the start of the body, so a broken scenario fails loudly.
 */
export async function callApi(base, path, { method = 'GET', token, body, contentType = 'application/json', timeoutMs = 120_000 } = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'Content-Type': contentType } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Starts `apps/api/dist/main.js` on a free port: on DATABASE_URL when set, otherwise on its own
 * embedded PostgreSQL in a fresh temp dir. Returns the API's base URL, the owner's and the runtime
 * role's connection URLs of the same database and the JWT secret it signs with, for the raw sides,
 * and the API's process (for its CPU time).
 */
export async function startRumboApi(ctx) {
  const mainJs = join(ctx.rootDir, 'apps/api/dist/main.js');
  if (!existsSync(mainJs)) throw new Error(`${mainJs} is missing: build the API (npm run bench builds it first)`);

  const apiPort = await ctx.freePort();
  const env = {
    HOST: '127.0.0.1',
    PORT: String(apiPort),
    LOG_LEVEL: 'warn',
    RUMBO_ADMIN_EMAIL: BENCH_ADMIN.email,
    RUMBO_ADMIN_PASSWORD: BENCH_ADMIN.password,
    RUMBO_DEMO_DATA: 'false',
    // Known to the raw baselines that verify the same tokens.
    JWT_SECRET: process.env.JWT_SECRET ?? randomBytes(32).toString('base64url'),
  };
  let dataDir;
  if (!process.env.DATABASE_URL) {
    dataDir = await ctx.tempDir('rumbo-bench-data-');
    env.RUMBO_DATA_DIR = dataDir;
    env.EMBEDDED_PG_PORT = String(await ctx.freePort());
    // The bench's own cluster: the runtime role's password can be given (a shared one's cannot).
    env.DATABASE_APP_PASSWORD = randomBytes(18).toString('base64url');
  }
  const proc = await ctx.startServer({
    name: 'rumbo api',
    args: rumboNodeArgs(mainJs),
    env,
    readyUrl: `http://127.0.0.1:${apiPort}/health/ready`,
    readyTimeoutMs: 90_000,
  });

  let ownerUrl = process.env.DATABASE_URL;
  if (!ownerUrl) {
    const { user, password } = JSON.parse(await readFile(join(dataDir, 'credentials.json'), 'utf8'));
    ownerUrl = `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${env.EMBEDDED_PG_PORT}/rumbo`;
  }
  return {
    base: `http://127.0.0.1:${apiPort}`,
    ownerUrl,
    appUrl: runtimeUrl(ctx, ownerUrl, env),
    jwtSecret: env.JWT_SECRET,
    process: proc,
  };
}

/** The runtime role's connection string, resolved as the API resolves it (apps/api/dist's own helpers). */
function runtimeUrl(ctx, ownerUrl, env) {
  if (process.env.DATABASE_APP_URL) return process.env.DATABASE_APP_URL;
  const require = createRequire(import.meta.url);
  const { derivedAppPassword, withCredentials } = require(join(ctx.rootDir, 'apps/api/dist/platform/database/connection-url.js'));
  const role = process.env.DATABASE_APP_ROLE ?? 'rumbo_app';
  const password = env.DATABASE_APP_PASSWORD ?? process.env.DATABASE_APP_PASSWORD ?? derivedAppPassword(process.env.DATABASE_URL, role);
  return withCredentials(ownerUrl, { user: role, password });
}
