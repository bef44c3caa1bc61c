import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `npm start` as a person runs it: start, Ctrl-C, start again. The second start finds every workspace
 * up to date and is ready quickly. In `npm test` this runs once, without timing; with
 * RUMBO_LONG_TESTS=1 it restarts several times and each restart must be ready in under 10 s.
 * It runs the default setup (embedded PostgreSQL, here in a throwaway directory) whatever
 * DATABASE_URL the suite itself uses.
 */
const LONG = process.env.RUMBO_LONG_TESTS === '1';
const ROOT = join(__dirname, '../../..');
const RESTART_BUDGET_MS = 10_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function get(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers, timeout: 2000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

interface Started {
  child: ChildProcess;
  readyMs: number;
  output: () => string;
}

describe('npm start after a stop', () => {
  let dataDir: string;
  let port: number;
  let env: NodeJS.ProcessEnv;
  let running: ChildProcess | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'rumbo-restart-'));
    port = await freePort();
    const { DATABASE_URL: _owner, DATABASE_APP_URL: _app, EMBEDDED_PG_PORT: _pg, ...inherited } = process.env;
    env = { ...inherited, NODE_ENV: 'development', HOST: '127.0.0.1', PORT: String(port), RUMBO_DATA_DIR: dataDir, LOG_LEVEL: 'info' };
  });

  afterAll(async () => {
    if (running?.exitCode === null) await stop(running, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Runs `npm start` in its own process group and waits until /health/ready answers 200. */
  async function start(timeoutMs: number): Promise<Started> {
    const t0 = performance.now();
    const child = spawn('npm', ['start'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    running = child;
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    while (performance.now() - t0 < timeoutMs) {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output}`);
      const ready = await get(port, '/health/ready').catch(() => undefined);
      if (ready?.status === 200) return { child, readyMs: performance.now() - t0, output: () => output };
      await new Promise((r) => setTimeout(r, 100));
    }
    await stop(child, 'SIGKILL');
    throw new Error(`npm start was not ready within ${timeoutMs} ms:\n${output}`);
  }

  /** Ctrl-C: SIGINT to the whole process group (npm, the shell, the API), then waits for the exit. */
  async function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGINT'): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid!, signal);
    await exited;
    // The API is gone once its port is closed.
    for (let i = 0; i < 100 && (await get(port, '/health/live').catch(() => undefined)); i++) await new Promise((r) => setTimeout(r, 100));
  }

  it(
    'starts again with nothing to rebuild, serving the built SPA precompressed and the favicon',
    async () => {
      // The first start may build (a fresh checkout) and initialises the database: not timed.
      const first = await start(15 * 60_000);
      await stop(first.child);

      const second = await start(LONG ? RESTART_BUDGET_MS : 120_000);
      try {
        expect(second.output()).toContain('build: everything up to date');
        const favicon = await get(port, '/favicon.ico');
        expect(favicon.status).toBe(200);
        expect(favicon.headers['content-type']).toBe('image/x-icon');

        const assets = join(ROOT, 'apps/admin/dist/assets');
        const entry = readdirSync(assets).find((f) => /^index-.*\.js$/.test(f));
        expect(entry && existsSync(join(assets, `${entry}.br`))).toBe(true);
        const js = await get(port, `/assets/${entry}`, { 'accept-encoding': 'br' });
        expect(js.status).toBe(200);
        expect(js.headers['content-encoding']).toBe('br');
        expect(js.body.equals(readFileSync(join(assets, `${entry}.br`)))).toBe(true);
      } finally {
        await stop(second.child);
      }
      if (!LONG) return;

      const readyMs = [second.readyMs];
      for (let i = 0; i < 3; i++) {
        const again = await start(RESTART_BUDGET_MS);
        readyMs.push(again.readyMs);
        await stop(again.child);
      }
      console.log(
        `npm start → /health/ready after a stop, nothing changed: ${readyMs.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(', ')}`,
      );
      for (const ms of readyMs) expect(ms).toBeLessThan(RESTART_BUDGET_MS);
    },
    20 * 60_000,
  );
});
