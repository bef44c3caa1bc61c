import { constants } from 'node:os';
import type { Logger } from 'pino';
import type { DrainOutcome } from './server-lifecycle';

/** A close step that hangs (a pool waiting for a connection that never comes back) is given up on. */
const STEP_TIMEOUT_MS = 20_000;

/** Exit codes of a stop, documented in the README. */
export const EXIT = {
  /** Drained: every request in flight finished; pool and database closed. */
  clean: 0,
  /** Stopped, but the drain time ran out (requests were cut) or a close step failed. */
  unclean: 1,
} as const;

interface Step {
  name: string;
  run: () => Promise<void>;
}

/**
 * The process's answer to SIGTERM and SIGINT, installed before anything is started:
 *
 * 1. the first signal drains HTTP (ServerLifecycle.drain, up to SHUTDOWN_DRAIN_SECONDS), then runs
 *    the close steps in reverse order of registration: the application (providers, connection
 *    pool), then the embedded PostgreSQL; then exits 0, or 1 if requests had to be cut;
 * 2. a signal during startup waits for the step in progress and then stops the same way, so a
 *    cluster being started is never left behind;
 * 3. a second signal while stopping means "now": open connections are cut and the process exits
 *    with 128 + the signal number (130 for SIGINT, 143 for SIGTERM), the embedded server getting a
 *    fast shutdown on the way out (PostgresServer's exit hook).
 */
export class ProcessShutdown {
  private readonly steps: Step[] = [];
  private drainer?: { drain: (ms: number) => Promise<DrainOutcome>; abort: () => void };
  private stopping = false;
  private startup: Promise<unknown> = Promise.resolve();
  private readonly listener = (signal: NodeJS.Signals) => this.onSignal(signal);

  constructor(
    private readonly logger: Logger,
    private readonly drainMs: number,
    private readonly exit: (code: number) => void = (code) => process.exit(code),
  ) {
    process.on('SIGTERM', this.listener);
    process.on('SIGINT', this.listener);
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  /** Startup work a signal must wait for before tearing down. */
  starting<T>(work: Promise<T>): Promise<T> {
    this.startup = work.catch(() => undefined);
    return work;
  }

  /** Something to close when stopping; closed in reverse order of registration. */
  onStop(name: string, run: () => Promise<void>): void {
    this.steps.push({ name, run });
  }

  /** The HTTP server to drain before anything is closed. */
  drainWith(drainer: { drain: (ms: number) => Promise<DrainOutcome>; abort: () => void }): void {
    this.drainer = drainer;
  }

  private onSignal(signal: NodeJS.Signals): void {
    if (this.stopping) {
      this.logger.warn({ signal }, 'second signal while stopping: stopping now');
      this.drainer?.abort();
      this.exit(128 + (constants.signals[signal] ?? 15));
      return;
    }
    this.stopping = true;
    void this.stop(signal);
  }

  private async stop(signal: NodeJS.Signals): Promise<void> {
    const started = Date.now();
    let code: number = EXIT.clean;
    try {
      await this.startup;
      this.logger.info({ signal, drainSeconds: this.drainMs / 1000 }, 'shutting down: finishing the requests in flight');
      const outcome = await this.drainer?.drain(this.drainMs);
      if (outcome && !outcome.completed) {
        code = EXIT.unclean;
        this.logger.warn({ cut: outcome.cut, drainMs: outcome.ms }, 'drain time over: cutting the requests still running');
      } else if (outcome) {
        this.logger.info({ drainMs: outcome.ms }, 'every request in flight finished');
      }
      for (const step of [...this.steps].reverse()) {
        try {
          await withTimeout(step.run(), STEP_TIMEOUT_MS, step.name);
        } catch (error) {
          code = EXIT.unclean;
          this.logger.error({ err: error, step: step.name }, 'shutdown step failed');
        }
      }
    } finally {
      process.removeListener('SIGTERM', this.listener);
      process.removeListener('SIGINT', this.listener);
      this.logger.info({ ms: Date.now() - started, exitCode: code }, 'stopped');
      this.exit(code);
    }
  }
}

function withTimeout(work: Promise<void>, ms: number, name: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<void>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${name} did not finish in ${ms / 1000} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
