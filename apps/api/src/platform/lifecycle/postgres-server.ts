import { spawn, type ChildProcess } from 'node:child_process';
import type { Logger } from 'pino';
import { endOrphanBackends } from './leftover-server';
import type { PostgresBinaries, ServerAccount } from './postgres-binaries';

export interface PostgresServerOptions {
  binaries: PostgresBinaries;
  account?: ServerAccount;
  dataDir: string;
  port: number;
  logger: Logger;
  /** Restart the server when it dies on its own (default true). */
  supervise?: boolean;
}

/** Crash recovery after an unclean stop replays WAL before the server accepts connections. */
const READY_TIMEOUT_MS = 60_000;
/** Fast shutdown normally takes well under a second; a checkpoint of a busy cluster can take longer. */
const STOP_TIMEOUT_MS = 15_000;
const RESTART_BACKOFF_MS = [100, 250, 500, 1_000, 2_000, 5_000];
const READY_LINE = 'database system is ready to accept connections';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether `event` settles within `ms`; the timer never outlives the answer. */
async function settlesWithin(event: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([event.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One embedded PostgreSQL server process, started and supervised by the API.
 *
 * - The server is started in its own process group, so a Ctrl-C in the terminal reaches the API
 *   only: the API drains its requests first and stops the server last (see lifecycle/shutdown.ts).
 * - If the server dies while the API runs (killed, out of memory), it is started again on the same
 *   port, so the connection pool's URL stays valid and service resumes without an API restart.
 *   Meanwhile requests answer 503 `database-unavailable`.
 * - The server cannot outlive the API: on Linux it is started through `setpriv --pdeathsig INT`, so
 *   the kernel itself asks it for a fast shutdown (open transactions roll back) when the API dies,
 *   by SIGKILL or the OOM killer too. SIGINT rather than SIGKILL: a killed postmaster leaves backends
 *   holding its shared memory, which the next start would have to clean up. Where setpriv is
 *   missing, an exit Node can observe (an uncaught error, process.exit) sends the same fast
 *   shutdown, and after a SIGKILL the next start ends the server left behind (leftover-server.ts),
 *   a safety net kept everywhere.
 */
export class PostgresServer {
  private child?: ChildProcess;
  private stopping = false;
  private recovering?: Promise<void>;
  private restartCount = 0;
  private readonly onProcessExit = () => {
    if (this.child?.pid && this.child.exitCode === null && this.child.signalCode === null) {
      try {
        process.kill(this.child.pid, 'SIGINT');
      } catch {
        // Already gone.
      }
    }
  };

  constructor(private readonly options: PostgresServerOptions) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** How many times the supervisor restarted the server since start(). */
  get restarts(): number {
    return this.restartCount;
  }

  async start(): Promise<void> {
    this.stopping = false;
    process.on('exit', this.onProcessExit);
    try {
      await this.launch();
    } catch (error) {
      process.removeListener('exit', this.onProcessExit);
      throw error;
    }
  }

  /** Fast shutdown (open transactions roll back, a checkpoint is written); escalates if it hangs. */
  async stop(): Promise<void> {
    this.stopping = true;
    process.removeListener('exit', this.onProcessExit);
    await this.terminate(this.child);
    // A restart in progress gives up once its server is gone; one that just succeeded left a server.
    await this.recovering?.catch(() => undefined);
    await this.terminate(this.child);
  }

  private async terminate(child: ChildProcess | undefined): Promise<void> {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGINT');
    if (await settlesWithin(exited, STOP_TIMEOUT_MS)) return;
    this.options.logger.warn({ pid: child.pid }, 'embedded PostgreSQL did not stop in time: immediate shutdown');
    child.kill('SIGQUIT');
    if (await settlesWithin(exited, 5_000)) return;
    child.kill('SIGKILL');
    await exited;
  }

  private async launch(): Promise<void> {
    const { binaries, account, dataDir, port, logger } = this.options;
    const [command, ...prefix] = [...(binaries.launcher ?? []), binaries.postgres];
    const child = spawn(
      command,
      [
        ...prefix,
        '-D',
        dataDir,
        '-p',
        String(port),
        // Loopback only, no Unix socket (avoids clashing with a system PostgreSQL's socket).
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        // The readiness line below is matched in English.
        '-c',
        'lc_messages=C',
        // After a crash, PostgreSQL first makes the whole data directory durable. File by file
        // (fsync, the default) that took 1 to 2 s of the restart on a busy machine; syncfs (Linux)
        // flushes the file system in one call.
        ...(process.platform === 'linux' ? ['-c', 'recovery_init_sync_method=syncfs'] : []),
      ],
      {
        ...(account ?? {}),
        detached: true,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, LC_MESSAGES: 'C' },
      },
    );
    this.child = child;
    const recent: string[] = [];
    let ready = false;
    const readiness = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not ready after ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
      let partial = '';
      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (chunk: string) => {
        const lines = (partial + chunk).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) {
          if (!line.trim()) continue;
          logger.debug({ component: 'embedded-postgres' }, line.trim());
          recent.push(line.trim());
          if (recent.length > 20) recent.shift();
          if (!ready && line.includes(READY_LINE)) {
            ready = true;
            clearTimeout(timer);
            resolve();
          }
        }
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`exited before it was ready (code ${code ?? 'none'}, signal ${signal ?? 'none'})`));
      });
    });
    try {
      await readiness;
    } catch (error) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      if (this.child === child) this.child = undefined;
      throw new Error(`embedded PostgreSQL on port ${port}: ${(error as Error).message}\n${recent.join('\n')}`, { cause: error });
    }
    child.once('exit', (code, signal) => {
      if (this.child === child) this.child = undefined;
      if (this.stopping || this.options.supervise === false) return;
      logger.error({ code, signal, pid: child.pid }, 'embedded PostgreSQL stopped unexpectedly: restarting it');
      this.recovering = this.recover().finally(() => (this.recovering = undefined));
    });
  }

  /** Starts the server again on the same port, retrying with backoff until it runs or stop() is called. */
  private async recover(): Promise<void> {
    const { dataDir, logger } = this.options;
    const started = Date.now();
    for (let attempt = 0; !this.stopping; attempt += 1) {
      try {
        await endOrphanBackends(dataDir, logger);
        await this.launch();
        this.restartCount += 1;
        logger.warn({ pid: this.child?.pid, ms: Date.now() - started, attempt: attempt + 1 }, 'embedded PostgreSQL restarted');
        return;
      } catch (error) {
        const wait = RESTART_BACKOFF_MS[Math.min(attempt, RESTART_BACKOFF_MS.length - 1)];
        logger.error({ err: error, retryInMs: wait }, 'embedded PostgreSQL could not be restarted');
        await sleep(wait);
      }
    }
  }
}
