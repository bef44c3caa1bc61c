import { QueryFailedError } from 'typeorm';
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
 * Translates PostgreSQL errors that clients can act on into problems. The constraint name is kept
 * (it names the rule, e.g. `uq_tenants_code`) but never the SQL text or the driver's message, which
 * can echo other tenants' values.
 */
export function problemFromPostgres(error: unknown): ProblemError | undefined {
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
      return platformProblems.raise(PlatformProblem.Busy);
    default:
      return undefined;
  }
}
