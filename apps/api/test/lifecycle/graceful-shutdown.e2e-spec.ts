import { Agent } from 'node:http';
import { Client } from 'pg';
import { Fixtures, unique, type TenantFixture } from '../helpers/fixtures';
import { testDatabaseUrls } from '../helpers/test-env';
import { assertBuilt, importCsv, LONG, removeDir, signIn, startApi, tempDir, type ApiProcess } from './helpers/api-process';
import { call, isRetryableProblem, type Outcome } from './helpers/http-client';

/**
 * Issue 9 item 1, measured as a user would: a real `node apps/api/dist/main.js`, a real SIGTERM, real
 * concurrent clients. The API runs on the suite's database (DATABASE_URL or the throwaway embedded
 * one), so only the HTTP side is under test here; embedded-crash.e2e-spec.ts stops its own server.
 */
describe('graceful shutdown of the API process', () => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  let fx: Fixtures;
  let cwd: string;
  const env = () => ({ DATABASE_URL: testDatabaseUrls().ownerUrl });

  beforeAll(async () => {
    assertBuilt();
    fx = await Fixtures.open();
    cwd = tempDir('rumbo-shutdown-');
  });
  afterAll(async () => {
    await fx?.close();
    if (cwd) removeDir(cwd);
  });

  /** Imports `rows` tenants into `target` with the body sent slowly, so the request stays in flight. */
  function slowImport(api: ApiProcess, token: string, target: TenantFixture, rows: number, ms: number): Promise<Outcome> {
    const pieces = Math.max(2, Math.round(ms / 100));
    return call(`${api.url}/v1/tenants/${target.id}/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: importCsv(target.code, rows),
      trickle: { pieces, everyMs: ms / pieces },
    });
  }

  /** Requests in a loop until the server is gone (a refused connection) or `until` says stop. */
  async function loop(url: string, token: string, agent: Agent | undefined, until: () => boolean, into: Outcome[]): Promise<void> {
    while (!until()) {
      const outcome = await call(url, { headers: { authorization: `Bearer ${token}` }, agent });
      into.push({ ...outcome, kind: agent ? 'keep-alive' : 'new connection' });
      if (outcome.error === 'ECONNREFUSED') return;
    }
  }

  async function drainOnce(round: number): Promise<void> {
    const api = await startApi(env(), cwd);
    const token = await signIn(api.url);
    const targets: TenantFixture[] = [];
    for (let i = 0; i < 12; i += 1) targets.push(await fx.tenant({ code: unique(`DRAIN${round}`) }));
    const fastTenant = targets[0];

    // Many fast requests: keep-alive clients (one connection each) and clients opening a connection per request.
    const fast: Outcome[] = [];
    let exited = false;
    void api.exited.then(() => (exited = true));
    const agents = Array.from({ length: 6 }, () => new Agent({ keepAlive: true, maxSockets: 1 }));
    const loops = [
      ...agents.map((agent) => loop(`${api.url}/v1/tenants/${fastTenant.id}`, token, agent, () => exited, fast)),
      ...Array.from({ length: 4 }, () => loop(`${api.url}/health/ready`, token, undefined, () => exited, fast)),
    ];
    await sleep(200);

    // Slow requests held open across the signal: the uploads end 0.6 to 2.4 s after it.
    const slow = targets.slice(1).map((target, i) => slowImport(api, token, target, 30, 900 + i * 180));
    await sleep(300);
    const signalledAt = Date.now();
    api.signal('SIGTERM');

    const slowOutcomes = await Promise.all(slow);
    const exit = await api.exited;
    await Promise.all(loops);
    for (const agent of agents) agent.destroy();

    // Every slow request, in flight at the signal, finished normally, and its import is stored.
    expect(slowOutcomes.map((o) => ({ status: o.status, error: o.error, created: (o.body as { created?: number })?.created }))).toEqual(
      slowOutcomes.map(() => ({ status: 200, error: undefined, created: 30 })),
    );
    expect(Math.min(...slowOutcomes.map((o) => o.endedAt))).toBeGreaterThan(signalledAt);
    const [{ stored }] = await fx.query<{ stored: number }>(
      'SELECT count(*)::int AS stored FROM tenants WHERE parent_id = ANY ($1::uuid[])',
      [targets.slice(1).map((t) => t.id)],
    );
    expect(stored).toBe(30 * slowOutcomes.length);

    // Fast requests sent well before the signal were answered. After it, each one was answered
    // normally, refused with a retryable 503 problem, or never reached the server: its connection was
    // refused, or (new connections only) reset by the OS because it was still queued in the kernel,
    // not yet accepted, when the listener closed. No request the server had accepted was cut.
    const before = fast.filter((o) => o.startedAt < signalledAt - 250);
    expect(before.length).toBeGreaterThan(0);
    expect(before.filter((o) => o.status !== 200)).toEqual([]);
    const neverAccepted = (o: Outcome) => o.error === 'ECONNREFUSED' || (o.error === 'ECONNRESET' && o.kind === 'new connection');
    const unexpected = fast.filter((o) => !(o.status === 200 || isRetryableProblem(o, 'shutting-down') || neverAccepted(o)));
    expect(unexpected.map((o) => ({ ...o, signalledAt }))).toEqual([]);
    // Keep-alive clients that asked again on their open connection were told to go elsewhere.
    const refused = fast.filter((o) => isRetryableProblem(o, 'shutting-down'));
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((o) => o.headers?.connection === 'close')).toBe(true);

    // Exit 0 once the last slow request was answered, within the drain time.
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.at).toBeGreaterThanOrEqual(Math.max(...slowOutcomes.map((o) => o.endedAt)));
    expect(exit.at - signalledAt).toBeLessThan(10_000);
    const finished = api.logs.find((l) => l.msg === 'every request in flight finished');
    expect(finished).toBeDefined();
    console.log(
      `drain round ${round}: ${slowOutcomes.length} slow requests in flight at SIGTERM all 200, ` +
        `${fast.filter((o) => o.startedAt < signalledAt && o.endedAt > signalledAt).length} fast ones in flight, ` +
        `${refused.length} refused with 503 shutting-down, drained in ${String(finished?.drainMs)} ms, exit ${exit.code} after ${exit.at - signalledAt} ms`,
    );
  }

  it('lets every request in flight at SIGTERM finish, refuses new ones cleanly, then exits 0', async () => {
    for (let round = 1; round <= (LONG ? 3 : 1); round += 1) await drainOnce(round);
  }, 120_000);

  it('cuts what is still running when the drain time is over (an upload, an import in its transaction), and exits 1', async () => {
    const api = await startApi({ ...env(), SHUTDOWN_DRAIN_SECONDS: '1' }, cwd);
    const token = await signIn(api.url);
    const uploading = await fx.tenant({ code: unique('DRAINCUT') });
    const importing = await fx.tenant({ code: unique('DRAINCUT') });
    // An import parked inside its transaction: another session holds the audit table it writes last.
    const holder = new Client({ connectionString: testDatabaseUrls().ownerUrl });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE audit_events IN SHARE MODE');
    try {
      const upload = slowImport(api, token, uploading, 20, 6_000);
      const parked = call(`${api.url}/v1/tenants/${importing.id}/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
        body: importCsv(importing.code, 50),
      });
      for (let waited = 0; ; waited += 20) {
        const [{ n }] = await fx.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'rumbo-api' AND wait_event_type = 'Lock'",
        );
        if (n > 0) break;
        if (waited > 20_000) throw new Error('the import never reached its audit write');
        await sleep(20);
      }
      const signalledAt = Date.now();
      api.signal('SIGTERM');
      const exit = await api.exited;
      const outcomes = await Promise.all([upload, parked]);
      expect(exit.code).toBe(1);
      expect(exit.at - signalledAt).toBeGreaterThanOrEqual(1_000);
      expect(exit.at - signalledAt).toBeLessThan(6_000);
      // Both clients lost their connection without an answer; neither import was stored.
      expect(outcomes.map((o) => o.status)).toEqual([undefined, undefined]);
      expect(api.logs.find((l) => l.msg === 'drain time over: cutting the requests still running')).toMatchObject({ cut: 2 });
      console.log(`drain cut after 1 s: exit ${exit.code} ${exit.at - signalledAt} ms after SIGTERM`);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    await sleep(200);
    expect(await fx.query('SELECT 1 FROM tenants WHERE parent_id = ANY ($1::uuid[])', [[uploading.id, importing.id]])).toEqual([]);
  }, 60_000);

  it('a second signal while draining stops at once with 128 + the signal number', async () => {
    const api = await startApi({ ...env(), SHUTDOWN_DRAIN_SECONDS: '60' }, cwd);
    const token = await signIn(api.url);
    const target = await fx.tenant({ code: unique('DRAIN2') });
    const upload = slowImport(api, token, target, 20, 8_000);
    await sleep(300);
    api.signal('SIGTERM');
    await sleep(300);
    const secondAt = Date.now();
    api.signal('SIGINT');
    const exit = await api.exited;
    await upload;
    expect(exit.code).toBe(130);
    expect(exit.at - secondAt).toBeLessThan(2_000);
    expect(api.logs.some((l) => l.msg === 'second signal while stopping: stopping now')).toBe(true);
  }, 60_000);
});
