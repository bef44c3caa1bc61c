import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/app-config';
import { createDataSource, type DatabaseSchema } from './data-source';
import { databaseName, derivedAppPassword, redactUrl, withCredentials } from './connection-url';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres';
import { quoteIdent } from './rls';

/**
 * Tables the runtime role may only insert into and read (the audit trail). Modules register theirs
 * here; the grants below are re-applied at every start, so the rule cannot drift.
 */
export const APPEND_ONLY_TABLES: string[] = ['audit_events'];

/** Advisory lock key serialising migrations and grants across API instances starting together. */
const BOOTSTRAP_LOCK = 72_656_873;

export interface PreparedDatabase {
  ownerUrl: string;
  appUrl: string;
  embedded?: EmbeddedDatabase;
  close(): Promise<void>;
}

/**
 * Makes the database ready for the API: starts the embedded PostgreSQL when DATABASE_URL is unset,
 * creates the runtime role (not superuser, not BYPASSRLS, owning nothing), runs pending migrations as
 * the owner and re-applies the runtime role's grants.
 */
export async function prepareDatabase(config: AppConfig, schema: DatabaseSchema, logger: Logger): Promise<PreparedDatabase> {
  let ownerUrl = config.database.ownerUrl;
  let embedded: EmbeddedDatabase | undefined;
  if (!ownerUrl) {
    embedded = await startEmbeddedPostgres(config.dataDir, logger, { port: config.database.embeddedPort });
    ownerUrl = withCredentials(embedded.ownerUrl, { database: 'rumbo' });
    await ensureDatabase(embedded.ownerUrl, 'rumbo');
    logger.info({ dataDir: embedded.dataDir, url: redactUrl(ownerUrl) }, `embedded PostgreSQL listening on 127.0.0.1:${embedded.port}`);
  }
  try {
    const appUrl = await migrateAndGrant(ownerUrl, schema, config, logger);
    await assertRuntimeRoleIsSafe(appUrl);
    return {
      ownerUrl,
      appUrl,
      embedded,
      close: async () => {
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

/**
 * A random secret of the installation, created on first use and kept in the database (table
 * `platform_secrets`, readable by the owner role only): every API instance on this database, and
 * every restart, reads the same value, whatever its connection string or the embedded server's port.
 */
export async function platformSecret(ownerUrl: string, name: string): Promise<string> {
  const client = new Client({ connectionString: ownerUrl, application_name: 'rumbo-bootstrap' });
  await client.connect();
  try {
    await client.query('INSERT INTO platform_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [
      name,
      randomBytes(32).toString('base64url'),
    ]);
    const { rows } = await client.query<{ value: string }>('SELECT value FROM platform_secrets WHERE name = $1', [name]);
    return rows[0].value;
  } finally {
    await client.end();
  }
}

async function ensureDatabase(maintenanceUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
  } finally {
    await client.end();
  }
}

async function migrateAndGrant(ownerUrl: string, schema: DatabaseSchema, config: AppConfig, logger: Logger): Promise<string> {
  const explicitAppUrl = config.database.appUrl;
  const appRole = explicitAppUrl ? decodeURIComponent(new URL(explicitAppUrl).username) : config.database.appRole;
  const appPassword = config.database.appPassword ?? derivedAppPassword(ownerUrl, appRole);
  const appUrl = explicitAppUrl ?? withCredentials(ownerUrl, { user: appRole, password: appPassword });

  const client = new Client({ connectionString: ownerUrl, application_name: 'rumbo-bootstrap' });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [BOOTSTRAP_LOCK]);
    if (!explicitAppUrl) await ensureAppRole(client, appRole, appPassword);

    const dataSource = createDataSource(ownerUrl, schema, { poolSize: 1, applicationName: 'rumbo-migrations' });
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      for (const m of applied) logger.info({ migration: m.name }, 'migration applied');
    } finally {
      await dataSource.destroy();
    }
    await grantRuntimePrivileges(client, databaseName(ownerUrl), appRole);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [BOOTSTRAP_LOCK]).catch(() => undefined);
    await client.end();
  }
  return appUrl;
}

async function ensureAppRole(client: Client, role: string, password: string): Promise<void> {
  const r = quoteIdent(role);
  const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  // Password literals cannot be bind parameters in DDL; the value is quoted with the driver's escaper.
  const pw = client.escapeLiteral(password);
  if (!rowCount) {
    try {
      await client.query(`CREATE ROLE ${r} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD ${pw}`);
      return;
    } catch (error) {
      // Another instance created it between our check and our CREATE: fall through to ALTER.
      if ((error as { code?: string }).code !== '42710') throw error;
    }
  }
  // Only the password is kept in sync: an owner with CREATEROLE but no superuser may not restate
  // superuser-related attributes, and assertRuntimeRoleIsSafe refuses a role that gained any.
  await client.query(`ALTER ROLE ${r} WITH LOGIN PASSWORD ${pw}`);
}

async function grantRuntimePrivileges(client: Client, database: string, role: string): Promise<void> {
  const r = quoteIdent(role);
  const statements = [
    `GRANT CONNECT ON DATABASE ${client.escapeIdentifier(database)} TO ${r}`,
    `GRANT USAGE ON SCHEMA public TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
    `REVOKE ALL ON typeorm_migrations FROM ${r}`,
    // Row-level security without a policy already hides its rows from this role; it may not write either.
    `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON platform_secrets FROM ${r}`,
    // Sign-in look-ups are SECURITY DEFINER functions, revoked from PUBLIC by their migration.
    `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${r}`,
    ...APPEND_ONLY_TABLES.map((t) => `REVOKE UPDATE, DELETE, TRUNCATE ON ${quoteIdent(t)} FROM ${r}`),
  ];
  for (const sql of statements) await client.query(sql);
}

/** Refuses to run the API through a role that could see past row-level security. */
async function assertRuntimeRoleIsSafe(appUrl: string): Promise<void> {
  const client = new Client({ connectionString: appUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ rolsuper: boolean; rolbypassrls: boolean; owns: number }>(
      `SELECT r.rolsuper, r.rolbypassrls,
              (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid AND c.relnamespace = 'public'::regnamespace) AS owns
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    const role = rows[0];
    if (!role || role.rolsuper || role.rolbypassrls || role.owns > 0) {
      throw new Error(
        'the runtime database role must not be superuser, must not have BYPASSRLS and must own no table: ' +
          'point DATABASE_APP_URL at a plain login role, or leave it unset to let Rumbo create one',
      );
    }
  } finally {
    await client.end();
  }
}
