import 'reflect-metadata';
import pino from 'pino';
import { createApp } from './app.factory';
import { loadConfig } from './platform/config/app-config';
import { buildOpenApiDocument } from './platform/openapi/openapi';

/**
 * The OpenAPI contract as committed in libs/api-client/openapi.json: built from an app created in
 * preview mode (no providers instantiated, no database, no listening socket) with default settings,
 * keys sorted, so the same code always yields the same bytes.
 */
export async function generateOpenApiJson(): Promise<string> {
  const config = loadConfig({ NODE_ENV: 'development', ADMIN_DIST_DIR: '/nonexistent' });
  const app = await createApp({ config, logger: pino({ level: 'silent' }), appUrl: 'postgres://unused@127.0.0.1/unused', preview: true });
  try {
    return `${JSON.stringify(buildOpenApiDocument(app, config.version), null, 2)}\n`;
  } finally {
    await app.close();
  }
}
