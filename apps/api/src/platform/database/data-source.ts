import { DataSource, type DataSourceOptions } from 'typeorm';

/** Entities and migrations, provided by the application's composition root (src/schema.ts). */
export interface DatabaseSchema {
  entities: NonNullable<DataSourceOptions['entities']>;
  migrations: NonNullable<DataSourceOptions['migrations']>;
}

/** A TypeORM data source for a connection string with the application's schema. Never synchronises. */
export function createDataSource(
  url: string,
  schema: DatabaseSchema,
  options: { poolSize?: number; applicationName?: string } = {},
): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: schema.entities,
    migrations: schema.migrations,
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    migrationsRun: false,
    poolSize: options.poolSize ?? 10,
    applicationName: options.applicationName ?? 'rumbo',
    logging: false,
  });
}

/** Limits of the runtime pool (AppConfig.database); see runtimeConnectionOptions. */
export interface RuntimeLimits {
  statementTimeoutMs: number;
  connectTimeoutMs: number;
}

/** A transaction may sit idle between statements (the API computing) this long, at least. */
const IDLE_IN_TRANSACTION_FLOOR_MS = 60_000;

/**
 * Connection options of the runtime pool, the one requests use:
 *
 * - `connectTimeoutMS` bounds how long a request waits for a connection, whether a new one is being
 *   opened to a database that does not answer or every pooled one is busy: then 503, not a hang.
 * - `statement_timeout` bounds each query a request runs (57014 → 503 `busy`), and
 *   `idle_in_transaction_session_timeout` ends a transaction left open by a request that stalled.
 *   Both are sent as startup parameters of each connection: no extra round trip, and they hold for
 *   every statement on it. Behind PgBouncer in transaction mode (which refuses unknown startup
 *   parameters) set DATABASE_STATEMENT_TIMEOUT_MS=0 and put the limits on the role instead.
 * - TCP keep-alive notices a database host that vanished without closing the connections.
 *
 * There are no retries on the request path: a request that meets no database fails fast with a 503
 * and `Retry-After`, and the pool opens fresh connections as soon as the database is back.
 */
export function runtimeConnectionOptions(
  limits: RuntimeLimits,
): Pick<DataSourceOptions & { type: 'postgres' }, 'connectTimeoutMS' | 'extra'> {
  const timeouts =
    limits.statementTimeoutMs > 0
      ? {
          statement_timeout: limits.statementTimeoutMs,
          idle_in_transaction_session_timeout: Math.max(IDLE_IN_TRANSACTION_FLOOR_MS, limits.statementTimeoutMs * 2),
        }
      : {};
  return { connectTimeoutMS: limits.connectTimeoutMs, extra: { ...timeouts, keepAlive: true } };
}
