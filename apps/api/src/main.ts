import 'reflect-metadata';
import { existsSync } from 'node:fs';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { createApp } from './app.factory';
import { ConfigError, loadConfig, type AppConfig } from './platform/config/app-config';
import { prepareDatabase } from './platform/database/database-bootstrap';
import { ServerLifecycle } from './platform/lifecycle/server-lifecycle';
import { ProcessShutdown } from './platform/lifecycle/shutdown';
import { createLogger } from './platform/logging/logger';
import { schema } from './schema';
import { storedJwtSecret } from './tenancy/auth/secrets';
import { firstRun } from './tenancy/bootstrap/first-run';
import { seedFrictions } from './frictions/bootstrap/seed-frictions';
import { seedPrioritisation } from './frictions/prioritisation/bootstrap/seed-prioritisation';
import { seedMaturity } from './maturity/bootstrap/seed-maturity';

function configOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

/**
 * Starts Rumbo. The signal handlers come first (ProcessShutdown): a SIGTERM or Ctrl-C at any moment
 * drains the requests in flight, closes the pool and stops the embedded PostgreSQL, in that order.
 */
async function bootstrap(): Promise<void> {
  // A local .env is a convenience for development; real environments set variables directly.
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = configOrExit();
  const logger = createLogger(config.logLevel);
  const shutdown = new ProcessShutdown(logger, config.shutdownDrainMs);
  await shutdown.starting(start(config, logger, shutdown));
}

async function start(config: AppConfig, logger: Logger, shutdown: ProcessShutdown): Promise<void> {
  const database = await prepareDatabase(config, schema, logger);
  shutdown.onStop('embedded PostgreSQL', () => database.close());
  let app: NestFastifyApplication | undefined;
  try {
    config.auth.jwtSecret ??= await storedJwtSecret(database.ownerUrl);
    const created = await createApp({ config, logger, appUrl: database.appUrl });
    app = created;
    shutdown.onStop('application', () => created.close());
    shutdown.drainWith(created.get(ServerLifecycle));
    await firstRun(created.get(DataSource), config, logger);
    await seedMaturity(created.get(DataSource), logger, { demo: config.demoData });
    await seedFrictions(created, logger, { demo: config.demoData });
    await seedPrioritisation(created, logger, { demo: config.demoData });
    if (shutdown.isStopping) return;
    await created.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app?.close().catch(() => undefined);
    await database.close();
    throw error;
  }
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  logger.info({ url, docs: `${url}/docs`, admin: `${url}/` }, `Rumbo listening on ${url} (docs at ${url}/docs)`);
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`Rumbo failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
