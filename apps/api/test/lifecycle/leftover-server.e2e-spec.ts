import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import pino from 'pino';
import { startEmbeddedPostgres } from '../../src/platform/database/embedded-postgres';
import { isAlive } from '../../src/platform/lifecycle/leftover-server';
import { postgresBinaries, serverAccount } from '../../src/platform/lifecycle/postgres-binaries';
import { removeDir, tempDir } from './helpers/api-process';

/**
 * What the next start does with the data directory a dead API left: it ends the server still running
 * on it (where no parent-death signal did already, e.g. on macOS), and it signals nothing else.
 */
describe('the start-up clean-up of a data directory', () => {
  const logger = pino({ level: 'silent' });
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  let dir: string;

  beforeAll(() => {
    dir = tempDir('rumbo-leftover-');
  });
  afterAll(() => removeDir(dir));

  /** A cluster initialised and stopped; returns its owner URL and port. */
  async function cluster(name: string): Promise<{ base: string; url: string; port: number }> {
    const base = join(dir, name);
    const server = await startEmbeddedPostgres(base, logger, { supervise: false });
    await server.stop();
    return { base, url: server.ownerUrl, port: server.port };
  }

  it('a server left running by a dead API is stopped with a fast shutdown: its open transaction rolls back, then the new one starts', async () => {
    const { base, url, port } = await cluster('orphan');
    const dataDir = join(base, 'pg');
    // Started the way a killed API leaves it: by a parent that is gone, with no parent-death signal.
    const { postgres } = await postgresBinaries();
    const args = ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
    const options = { ...((await serverAccount()) ?? {}), detached: true, stdio: 'ignore' };
    const script = `require('node:child_process').spawn(${JSON.stringify(postgres)}, ${JSON.stringify(args)}, ${JSON.stringify(options)}).unref()`;
    expect(spawnSync(process.execPath, ['-e', script]).status).toBe(0);

    // The dead API's work: a committed table, and a row inserted in a transaction never finished.
    let session: Client;
    for (let tries = 0; ; tries += 1) {
      session = new Client({ connectionString: url });
      try {
        await session.connect();
        break;
      } catch (error) {
        if (tries > 200) throw error;
        await sleep(50);
      }
    }
    let sessionError: Error | undefined;
    session.on('error', (error) => (sessionError = error));
    await session.query('CREATE TABLE work (id int)');
    await session.query('BEGIN');
    await session.query('INSERT INTO work VALUES (1)');
    const orphan = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(isAlive(orphan)).toBe(true);

    const server = await startEmbeddedPostgres(base, logger, { port, supervise: false });
    try {
      expect(isAlive(orphan)).toBe(false);
      expect(server.pid).not.toBe(orphan);
      await sleep(100);
      expect(sessionError).toBeDefined();
      const client = new Client({ connectionString: server.ownerUrl });
      await client.connect();
      expect((await client.query('SELECT count(*)::int AS n FROM work')).rows).toEqual([{ n: 0 }]);
      await client.end();
    } finally {
      await session.end().catch(() => undefined);
      await server.stop();
    }
  }, 120_000);

  it('a stale postmaster.pid naming another live PostgreSQL, or a process that is not PostgreSQL, is only removed', async () => {
    const { base } = await cluster('stale');
    const lockFile = join(base, 'pg', 'postmaster.pid');
    // Another live PostgreSQL, on another directory (a throwaway one: never the machine's own).
    const other = await startEmbeddedPostgres(join(dir, 'other'), logger, { supervise: false });
    try {
      for (const pid of [other.pid as number, process.pid]) {
        writeFileSync(lockFile, `${pid}\n${join(base, 'pg')}\n0\n5432\n\n127.0.0.1\n`);
        const server = await startEmbeddedPostgres(base, logger, { supervise: false });
        try {
          expect(isAlive(pid)).toBe(true);
          const client = new Client({ connectionString: server.ownerUrl });
          await client.connect();
          expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
          await client.end();
        } finally {
          await server.stop();
        }
      }
      // The other server never noticed.
      const client = new Client({ connectionString: other.ownerUrl });
      await client.connect();
      expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      await client.end();
    } finally {
      await other.stop();
    }
  }, 120_000);
});
