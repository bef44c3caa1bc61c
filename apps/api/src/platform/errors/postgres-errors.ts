import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import type { Localised } from './catalogue';
import { PlatformProblem, platformProblems } from './platform.problems';
import type { ProblemError, ProblemFieldError } from './problem';

interface PgDriverError {
  code?: string;
  constraint?: string;
  column?: string;
  table?: string;
}

/** What a named constraint means for clients: the field it guards and a readable reason. */
const CONSTRAINTS = new Map<string, { path: string; message: Localised | string }>();

/** Feature modules describe their constraints so violations name the field, not the index. */
export function describeConstraint(name: string, path: string, message: Localised | string): void {
  CONSTRAINTS.set(name, { path, message });
}

function driverError(error: unknown): PgDriverError | undefined {
  if (error instanceof QueryFailedError) return error.driverError as PgDriverError;
  if (error && typeof error === 'object' && 'code' in error && 'severity' in error) return error as PgDriverError;
  return undefined;
}

/**
 * SQLSTATEs that mean "no database right now", not "your request is wrong": class 08 (connection
 * exceptions), 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up,
 * shutting down, in recovery), 57P05 idle_session_timeout, 25P03 idle_in_transaction_session_timeout.
 */
const UNAVAILABLE_SQLSTATE = /^(08[0-9A-Z]{3}|57P0[1235]|25P03)$/;

/** Socket errors of a connection to the database that is refused, reset or cannot be routed. */
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * node-postgres and pg-pool report a lost connection, a pool that could not hand out a connection in
 * DATABASE_CONNECT_TIMEOUT_MS and a pool already closed (during shutdown) as plain errors without a
 * code: their messages are all there is to recognise them by.
 */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /^Client has encountered a connection error and is not queryable$/,
  /^Client was closed and is not queryable$/,
  /^timeout exceeded when trying to connect$/,
  /^Cannot use a pool after calling end on the pool$/,
  /^Query read timeout$/,
  /^Driver not Connected$/,
];

/** Whether an error says the database cannot be reached (rather than that it refused the request). */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 3) return false;
  // TypeORM releases a query runner as soon as its connection reports an error (the server went
  // away while the unit of work sat between two statements): the next statement of that request
  // meets one of these errors instead of the connection's. (Used after a release by a bug, it would
  // be a 503 too, logged with its stack like every 5xx.)
  if (error instanceof QueryRunnerAlreadyReleasedError || error instanceof QueryRunnerProviderAlreadyReleasedError) return true;
  const inner = error instanceof QueryFailedError ? (error.driverError as unknown) : undefined;
  if (inner && inner !== error && isDatabaseUnavailable(inner, depth + 1)) return true;
  const { code, message, cause } = error as { code?: unknown; message?: unknown; cause?: unknown };
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_SOCKET_CODES.has(code))) return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((m) => m.test(message))) return true;
  // A connection attempt to a host with several addresses fails with one error per address.
  if (error instanceof AggregateError && error.errors.some((e) => isDatabaseUnavailable(e, depth + 1))) return true;
  return cause !== undefined && cause !== error && isDatabaseUnavailable(cause, depth + 1);
}

/**
 * Translates PostgreSQL errors that clients can act on into problems. The constraint name is kept
 * (it names the rule, e.g. `uq_tenants_code`) but never the SQL text or the driver's message, which
 * can echo other tenants' values.
 */
export function problemFromPostgres(error: unknown): ProblemError | undefined {
  if (isDatabaseUnavailable(error)) return platformProblems.raise(PlatformProblem.DatabaseUnavailable);
  const pg = driverError(error);
  if (!pg?.code) return undefined;
  const known = pg.constraint ? CONSTRAINTS.get(pg.constraint) : undefined;
  const errors: ProblemFieldError[] | undefined = pg.constraint
    ? [
        {
          path: known?.path ?? pg.column ?? pg.constraint,
          code: pg.constraint,
          message: known?.message ?? { es: 'restricción incumplida', en: 'constraint violated' },
        },
      ]
    : undefined;
  switch (pg.code) {
    case '23505':
      return platformProblems.raise(PlatformProblem.UniqueViolation, { errors });
    case '23503':
      return platformProblems.raise(PlatformProblem.ForeignKeyViolation, { errors });
    case '23514':
    case '23502':
    case '23P01':
      return platformProblems.raise(PlatformProblem.ConstraintViolation, { errors });
    case '22P02':
    case '22003':
    case '22007':
    case '22008':
      return platformProblems.raise(PlatformProblem.InvalidValue);
    case '42501':
      // Row-level security refused the row: the object is not the caller's to touch.
      return platformProblems.raise(PlatformProblem.NotFound);
    case '40001':
    case '40P01':
      return platformProblems.raise(PlatformProblem.Retry);
    case '55P03':
    case '57014':
    case '53300':
      return platformProblems.raise(PlatformProblem.Busy);
    default:
      return undefined;
  }
}
