import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import pino from 'pino';
import { startEmbeddedPostgres } from '../../src/platform/database/embedded-postgres';
import { isAlive } from '../../src/platform/lifecycle/leftover-server';
import { removeDir, tempDir } from './helpers/api-process';

/**
 * The start-up clean-up signals nothing but a server of its own data directory: a postmaster.pid
 * whose PID now belongs to someone else (after a reboot, in a new container) is only a stale file.
 */
describe('a stale postmaster.pid', () => {
  const logger = pino({ level: 'silent' });
  let dir: string;

  beforeAll(() => {
    dir = tempDir('rumbo-leftover-');
  });
  afterAll(() => removeDir(dir));

  it('naming another live PostgreSQL or a process that is not PostgreSQL: left alone, and the server starts', async () => {
    const first = await startEmbeddedPostgres(dir, logger, { supervise: false });
    await first.stop();
    const lockFile = join(dir, 'pg', 'postmaster.pid');
    const stale = (pid: number) => writeFileSync(lockFile, `${pid}\n${join(dir, 'pg')}\n0\n5432\n\n127.0.0.1\n`);

    // Another live PostgreSQL, on another directory (a throwaway one: never the machine's own).
    const other = await startEmbeddedPostgres(join(dir, 'other'), logger, { supervise: false });
    for (const pid of [other.pid as number, process.pid]) {
      stale(pid);
      const server = await startEmbeddedPostgres(dir, logger, { supervise: false });
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
    try {
      const client = new Client({ connectionString: other.ownerUrl });
      await client.connect();
      expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      await client.end();
    } finally {
      await other.stop();
    }
  }, 120_000);
});
