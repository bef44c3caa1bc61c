import { QueryFailedError } from 'typeorm';
import { ProblemError, type ProblemFieldError } from './problem';

interface PgDriverError {
  code?: string;
  constraint?: string;
  column?: string;
  table?: string;
}

/** What a named constraint means for clients: the field it guards and a readable reason. */
const CONSTRAINTS = new Map<string, { path: string; message: string }>();

/** Feature modules describe their constraints so violations name the field, not the index. */
export function describeConstraint(name: string, path: string, message: string): void {
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
    ? [{ path: known?.path ?? pg.column ?? pg.constraint, code: pg.constraint, message: known?.message ?? 'constraint violated' }]
    : undefined;
  switch (pg.code) {
    case '23505':
      return ProblemError.conflict('The request conflicts with an existing resource (unique constraint).', 'unique-violation', errors);
    case '23503':
      return ProblemError.unprocessable(
        'The request refers to a resource that does not exist (foreign key).',
        errors,
        'foreign-key-violation',
      );
    case '23514':
    case '23502':
    case '23P01':
      return ProblemError.unprocessable('The request breaks a data rule.', errors, 'constraint-violation');
    case '22P02':
    case '22003':
    case '22007':
    case '22008':
      return ProblemError.badRequest('A value has the wrong format or is out of range.');
    case '42501':
      // Row-level security refused the row: the object is not the caller's to touch.
      return ProblemError.notFound();
    case '40001':
    case '40P01':
      return new ProblemError(503, 'retry', 'A concurrent change interfered; retry the request.', undefined, {}, { 'Retry-After': '1' });
    case '55P03':
    case '57014':
      return new ProblemError(503, 'busy', 'The database is busy; retry the request.', undefined, {}, { 'Retry-After': '1' });
    default:
      return undefined;
  }
}
