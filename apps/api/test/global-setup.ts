import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/platform/config/app-config';
import { prepareDatabase } from '../src/platform/database/database-bootstrap';
import { schema } from '../src/schema';
import { TEST_APP_URL, TEST_OWNER_URL } from './helpers/test-env';

/**
 * One database for the whole run: the one DATABASE_URL names, or a throwaway embedded PostgreSQL.
 * Migrations run once here, exactly as at API start.
 */
export default async function globalSetup(): Promise<void> {
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'warn' });
  const dataDir = process.env.DATABASE_URL ? undefined : mkdtempSync(join(tmpdir(), 'rumbo-test-'));
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', ...(dataDir ? { RUMBO_DATA_DIR: dataDir } : {}) });
  const database = await prepareDatabase(config, schema, logger);
  process.env[TEST_OWNER_URL] = database.ownerUrl;
  process.env[TEST_APP_URL] = database.appUrl;
  (globalThis as { __rumboTestDb?: typeof database }).__rumboTestDb = database;
  if (!process.env.DATABASE_URL) process.stdout.write(`\nAPI tests use a throwaway embedded PostgreSQL in ${dataDir}\n`);
}
