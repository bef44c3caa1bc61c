import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import pino from 'pino';
import { startEmbeddedPostgres } from '../src/platform/database/embedded-postgres';

describe('embedded PostgreSQL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rumbo-embedded-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function query<T>(url: string, sql: string): Promise<T[]> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  }

  it('starts a real server, and a restart on the same directory keeps the data', async () => {
    const logger = pino({ level: 'silent' });
    const first = await startEmbeddedPostgres(dir, logger);
    try {
      const [{ v }] = await query<{ v: string }>(first.ownerUrl, "SELECT current_setting('server_version_num') AS v");
      expect(Number(v)).toBeGreaterThanOrEqual(150000);
      await query(first.ownerUrl, `CREATE TABLE kept (note text); INSERT INTO kept VALUES ('survives restarts')`);
    } finally {
      await first.stop();
    }
    const second = await startEmbeddedPostgres(dir, logger);
    try {
      expect(await query(second.ownerUrl, 'SELECT note FROM kept')).toEqual([{ note: 'survives restarts' }]);
    } finally {
      await second.stop();
    }
  });
});
