import { Client, Pool } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../src/platform/database/data-source';
import { freePort } from '../../src/platform/database/embedded-postgres';
import { isDatabaseUnavailable, problemFromPostgres } from '../../src/platform/errors/postgres-errors';
import { schema } from '../../src/schema';
import { bearer, expectProblem, Fixtures, login } from '../helpers/fixtures';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { testDatabaseUrls } from '../helpers/test-env';

/** Issue 9 item 3: requests never wait without bound on the database, and losing it is a 503. */
describe('database time limits and lost connections', () => {
  const { ownerUrl, appUrl } = testDatabaseUrls();
  let t: TestApp;
  let fx: Fixtures;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp({ DATABASE_STATEMENT_TIMEOUT_MS: '400' });
    fx = await Fixtures.open();
    const admin = await fx.user({ platformAdmin: true });
    token = (await login(t, admin)).accessToken;
  });
  afterAll(async () => {
    await t?.close();
    await fx?.close();
  });

  it('every runtime connection carries the statement timeout and an idle-in-transaction limit', async () => {
    const [statement] = await t.app.get(DataSource).query('SHOW statement_timeout');
    const [idle] = await t.app.get(DataSource).query('SHOW idle_in_transaction_session_timeout');
    expect(statement).toEqual({ statement_timeout: '400ms' });
    expect(idle).toEqual({ idle_in_transaction_session_timeout: '1min' });
  });

  it('a request whose query outlives the statement timeout answers 503 busy, after about that time', async () => {
    const tenant = await fx.tenant();
    // Another session holds the tenant's row: the rename has to wait for it, and may not wait long.
    const holder = new Client({ connectionString: ownerUrl });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM tenants WHERE id = $1 FOR UPDATE', [tenant.id]);
      const started = Date.now();
      const res = await request(t.server)
        .patch(`/v1/tenants/${tenant.id}`)
        .set('Authorization', bearer(token))
        .send({ name: 'Blocked rename' });
      const ms = Date.now() - started;
      expectProblem(res, 503, 'busy');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(ms).toBeGreaterThanOrEqual(400);
      expect(ms).toBeLessThan(5_000);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    const [{ name }] = await fx.query<{ name: string }>('SELECT name FROM tenants WHERE id = $1', [tenant.id]);
    expect(name).toBe(tenant.name);
  });

  /** The problem a real driver error becomes. */
  const problemOf = (error: unknown) => {
    const problem = problemFromPostgres(error);
    return problem && { status: problem.status, code: problem.code, retryAfter: problem.headers['Retry-After'] };
  };
  const UNAVAILABLE = { status: 503, code: 'database-unavailable', retryAfter: expect.stringMatching(/^\d+$/) };

  it('a refused connection is database-unavailable', async () => {
    const client = new Client({ host: '127.0.0.1', port: await freePort(), user: 'nobody', database: 'none' });
    const error = await client.connect().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(problemOf(error)).toEqual(UNAVAILABLE);
  });

  it('no pooled connection within the connect timeout is database-unavailable', async () => {
    const pool = new Pool({ connectionString: appUrl, max: 1, connectionTimeoutMillis: 100 });
    const held = await pool.connect();
    try {
      const error = await pool.connect().then(
        (c) => c.release(),
        (e: unknown) => e,
      );
      expect(problemOf(error)).toEqual(UNAVAILABLE);
    } finally {
      held.release();
      await pool.end();
    }
  });

  it('a connection the server ended (shutdown, restart, terminate) is database-unavailable, through TypeORM too', async () => {
    const dataSource = createDataSource(appUrl, schema, { poolSize: 1 });
    await dataSource.initialize();
    const runner = dataSource.createQueryRunner();
    const owner = new Client({ connectionString: ownerUrl });
    await owner.connect();
    try {
      const [{ pid }] = (await runner.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[];
      await owner.query('SELECT pg_terminate_backend($1)', [pid]);
      // The statement after the loss: as the server's error (57P01), or, once the driver has seen the
      // connection close and TypeORM has released the runner, as QueryRunnerAlreadyReleasedError.
      const first = await runner.query('SELECT 1').then(
        () => undefined,
        (e: unknown) => e,
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      const second = await runner.query('SELECT 1').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(problemOf(first)).toEqual(UNAVAILABLE);
      expect(problemOf(second)).toEqual(UNAVAILABLE);
      // A request's unit of work (one transaction) whose connection dies between two statements.
      const inTransaction = await dataSource
        .transaction(async (manager) => {
          const [row] = (await manager.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[];
          await owner.query('SELECT pg_terminate_backend($1)', [row.pid]);
          await new Promise((resolve) => setTimeout(resolve, 300));
          await manager.query('SELECT 1');
        })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(problemOf(inTransaction)).toEqual(UNAVAILABLE);
    } finally {
      await runner.release();
      await dataSource.destroy();
      await owner.end();
    }
    // A pool used after it was closed (a request finishing during shutdown) is the same.
    const closed = await dataSource.query('SELECT 1').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isDatabaseUnavailable(closed)).toBe(true);
  });

  it('errors that are the request’s fault keep their own meaning', async () => {
    const client = new Client({ connectionString: appUrl });
    await client.connect();
    try {
      const syntax = await client.query('SELEC 1').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isDatabaseUnavailable(syntax)).toBe(false);
      expect(problemOf(syntax)).toBeUndefined();
      const bad = await client.query("SELECT 'x'::uuid").then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(problemOf(bad)).toMatchObject({ status: 400, code: 'invalid-value' });
    } finally {
      await client.end();
    }
  });
});
