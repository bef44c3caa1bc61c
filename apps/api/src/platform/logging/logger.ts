import type { LoggerService } from '@nestjs/common';
import type { FastifyBaseLogger } from 'fastify';
import pino, { type Bindings, type ChildLoggerOptions, type Logger } from 'pino';
import type { LogLevel } from '../config/app-config';

/** One JSON logger for the process: Fastify's request logs and Nest's own messages go through it. */
export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    base: { service: 'rumbo-api' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'password', '*.password', '*.refreshToken', '*.accessToken'],
      censor: '[redacted]',
    },
  });
}

/** Adapts pino to Nest's LoggerService so framework messages are JSON lines too. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
type LogMethod = (...args: unknown[]) => void;
interface Leveled extends FastifyBaseLogger {
  isLevelEnabled?(level: string): boolean;
}

/**
 * Fastify gives every request a child logger bound to its request id, and a pino child is not free
 * (its bindings are serialised and redaction is set up: ≈3 % of a `/health/live` request), while
 * most requests never log. This child is made on the request's first line that its level lets
 * through; until then the request holds only the parent and the bindings.
 */
export function lazyRequestLogger(parent: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions): FastifyBaseLogger {
  return new LazyChildLogger(parent as Leveled, bindings, options);
}

class LazyChildLogger implements FastifyBaseLogger {
  private real?: FastifyBaseLogger;

  constructor(
    private readonly parent: Leveled,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  get level(): string {
    return this.real?.level ?? this.options.level ?? this.parent.level;
  }

  set level(level: string) {
    this.resolve().level = level;
  }

  readonly fatal = this.method('fatal');
  readonly error = this.method('error');
  readonly warn = this.method('warn');
  readonly info = this.method('info');
  readonly debug = this.method('debug');
  readonly trace = this.method('trace');
  readonly silent: LogMethod = () => undefined;

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.resolve().child(bindings, options);
  }

  private resolve(): FastifyBaseLogger {
    this.real ??= this.parent.child(this.bindings, this.options);
    return this.real;
  }

  private method(level: Level): LogMethod {
    return (...args: unknown[]) => {
      // Without a level of its own, the child logs what the parent would: ask before making it.
      if (!this.real && !this.options.level && this.parent.isLevelEnabled && !this.parent.isLevelEnabled(level)) return;
      (this.resolve()[level] as LogMethod)(...args);
    };
  }
}
