import { join } from 'node:path';
import { Client } from 'pg';
import pino from 'pino';
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/platform/database/embedded-postgres';
import { withCredentials } from '../../src/platform/database/connection-url';
import { RUN } from '../helpers/fixtures';
import { ADMIN, assertBuilt, createTenant, LONG, removeDir, signIn, startApi, tempDir, type ApiProcess } from './helpers/api-process';
import { call, isRetryableProblem, type Outcome } from './helpers/http-client';

/**
 * Issue 9 item 3 with an external database: the API on DATABASE_URL, and that PostgreSQL stopped and
 * started under it. Never the machine's PostgreSQL, which others use: a throwaway server of our own
 * (the embedded binaries, unsupervised, in a temporary directory on a free port) plays the part.
 */
describe('an external database that goes away and comes back', () => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const logger = pino({ level: 'silent' });
  let dir: string;
  let port: number;
  let server: EmbeddedDatabase | undefined;
  let api: ApiProcess | undefined;
  let token: string;
  let tenantId: string;
  const auth = () => ({ authorization: `Bearer ${token}` });

  const startServer = async () => {
    server = await startEmbeddedPostgres(join(dir, 'external'), logger, { port, supervise: false });
  };

  beforeAll(async () => {
    assertBuilt();
    dir = tempDir('rumbo-external-');
    port = await freePort();
    await startServer();
    const maintenance = new Client({ connectionString: (server as EmbeddedDatabase).ownerUrl });
    await maintenance.connect();
    await maintenance.query('CREATE DATABASE rumbo_external');
    await maintenance.end();
    api = await startApi(
      { DATABASE_URL: withCredentials((server as EmbeddedDatabase).ownerUrl, { database: 'rumbo_external' }) },
      dir,
      120_000,
    );
    token = await signIn(api.url);
    tenantId = await createTenant(api.url, token, `EXT-${RUN}`);
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
    await server?.stop();
    if (dir) removeDir(dir);
  });

  /** What a client gets while the database is down: each kind of request once. */
  async function probe(url: string): Promise<Record<string, Outcome>> {
    return {
      read: await call(`${url}/v1/tenants/${tenantId}`, { headers: auth() }),
      write: await call(`${url}/v1/tenants/${tenantId}`, {
        method: 'PATCH',
        headers: { ...auth(), 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Renamed while the database is away' }),
      }),
      login: await call(`${url}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': 'en' },
        body: JSON.stringify(ADMIN),
      }),
    };
  }

  async function outageOnce(round: number, how: 'stopped' | 'killed'): Promise<void> {
    const running = api as ApiProcess;
    expect((await call(`${running.url}/v1/tenants/${tenantId}`, { headers: auth() })).status).toBe(200);
    if (how === 'stopped') {
      await (server as EmbeddedDatabase).stop();
    } else {
      process.kill((server as EmbeddedDatabase).pid as number, 'SIGKILL');
      await sleep(200);
    }

    // While it is away: 503 problem+json with Retry-After for every request that needs it, at once.
    const probeStarted = Date.now();
    const down = await probe(running.url);
    const probeMs = Date.now() - probeStarted;
    for (const [name, outcome] of Object.entries(down)) {
      expect({ name, ok: isRetryableProblem(outcome, 'database-unavailable'), outcome }).toMatchObject({ name, ok: true });
    }
    expect((down.login.body as { detail: string }).detail).toMatch(/database is unavailable/);
    const ready = await call(`${running.url}/health/ready`);
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'error', checks: { database: { status: 'down' } } });
    expect((await call(`${running.url}/health/live`)).status).toBe(200);
    // ...and it stays that way: a few seconds later, still 503, never a 500.
    await sleep(LONG ? 3_000 : 1_000);
    const later = await probe(running.url);
    expect(Object.values(later).every((o) => isRetryableProblem(o, 'database-unavailable'))).toBe(true);

    // Back: service resumes by itself, within 5 s.
    await startServer();
    const back = Date.now();
    let readMs: number | undefined;
    let readyMs: number | undefined;
    while ((readMs === undefined || readyMs === undefined) && Date.now() - back < 15_000) {
      if (readMs === undefined && (await call(`${running.url}/v1/tenants/${tenantId}`, { headers: auth() })).status === 200)
        readMs = Date.now() - back;
      if (readyMs === undefined && (await call(`${running.url}/health/ready`)).status === 200) readyMs = Date.now() - back;
      await sleep(20);
    }
    expect(readMs).toBeLessThan(5_000);
    expect(readyMs).toBeLessThan(5_000);
    expect(
      isRetryableProblem(
        await call(`${running.url}/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(ADMIN),
        }),
        'database-unavailable',
      ),
    ).toBe(false);
    console.log(
      `external database ${how} (round ${round}): 503 database-unavailable for read, write and login in ${probeMs} ms; ` +
        `back: a read answered 200 after ${readMs} ms, /health/ready after ${readyMs} ms`,
    );
  }

  it('answers 503 problem+json with Retry-After while it is stopped, and 200 within 5 s of its return', async () => {
    for (let round = 1; round <= (LONG ? 3 : 1); round += 1) await outageOnce(round, 'stopped');
  }, 120_000);

  it('the same when its server is killed outright (connections reset, not closed)', async () => {
    for (let round = 1; round <= (LONG ? 3 : 1); round += 1) await outageOnce(round, 'killed');
  }, 120_000);
});
