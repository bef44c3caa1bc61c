import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pino from 'pino';
import { createApp, type CreateAppOptions } from '../../src/app.factory';
import { loadConfig, type AppConfig } from '../../src/platform/config/app-config';
import { testDatabaseUrls } from './test-env';
import { storedJwtSecret } from '../../src/tenancy/auth/secrets';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  /** The Node server for supertest. */
  server: Parameters<typeof import('supertest')>[0];
  close(): Promise<void>;
}

/** The real application on the test database, not listening; supertest drives its server. */
export async function createTestApp(
  env: Record<string, string> = {},
  extraModules: NonNullable<CreateAppOptions['extraModules']> = [],
): Promise<TestApp> {
  const { appUrl, ownerUrl } = testDatabaseUrls();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ADMIN_DIST_DIR: '/nonexistent', ...env });
  config.auth.jwtSecret ??= await storedJwtSecret(ownerUrl);
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const app = await createApp({ config, logger, appUrl, extraModules });
  await app.getHttpAdapter().getInstance().ready();
  return { app, config, server: app.getHttpServer(), close: () => app.close() };
}
