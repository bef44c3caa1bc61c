import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './platform/config/app-config';
import { prepareDatabase } from './platform/database/database-bootstrap';
import { createLogger } from './platform/logging/logger';
import { schema } from './schema';
import { storedJwtSecret } from './tenancy/auth/secrets';
import { firstRun } from './tenancy/bootstrap/first-run';
import { seedMaturity } from './maturity/bootstrap/seed-maturity';
import { DataSource } from 'typeorm';

async function bootstrap(): Promise<void> {
  // A local .env is a convenience for development; real environments set variables directly.
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const database = await prepareDatabase(config, schema, logger);
  config.auth.jwtSecret ??= await storedJwtSecret(database.ownerUrl);
  const app = await createApp({ config, logger, appUrl: database.appUrl });
  await firstRun(app.get(DataSource), config, logger);
  await seedMaturity(app.get(DataSource), logger, { demo: config.demoData });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  logger.info({ url, docs: `${url}/docs`, admin: `${url}/` }, `Rumbo listening on ${url} (docs at ${url}/docs)`);
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`Rumbo failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
