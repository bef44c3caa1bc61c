import { STATUS_CODES } from 'node:http';

/** One field-level or row-level problem inside a problem document. */
export interface ProblemFieldError {
  /** Where: a dotted field path (`targets[2].value`) or, for bulk rows, `rows[17]`. */
  path: string;
  /** Machine-readable reason, stable across releases (e.g. `isUuid`, `required`, `unique`). */
  code: string;
  message: string;
}

/** RFC 9457 problem details, as every error response of the API carries them. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId: string;
  errors?: ProblemFieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Problem type URIs are URNs so they stay stable whatever host serves the API. */
export function problemType(code: string): string {
  return `urn:rumbo:problem:${code}`;
}

export function statusTitle(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

/**
 * An error the application raises on purpose. The filter renders it as-is; anything that is not a
 * ProblemError (or a known framework/driver error) becomes a generic 500.
 */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors?: ProblemFieldError[],
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'ProblemError';
  }

  static badRequest(detail: string, errors?: ProblemFieldError[]): ProblemError {
    return new ProblemError(400, 'bad-request', detail, errors);
  }

  static validation(errors: ProblemFieldError[], detail = 'The request is not valid; see errors.'): ProblemError {
    return new ProblemError(400, 'validation-error', detail, errors);
  }

  static notFound(what = 'resource'): ProblemError {
    return new ProblemError(404, 'not-found', `The ${what} does not exist or is not visible to you.`);
  }

  static conflict(detail: string, code = 'conflict', errors?: ProblemFieldError[]): ProblemError {
    return new ProblemError(409, code, detail, errors);
  }

  static unprocessable(detail: string, errors?: ProblemFieldError[], code = 'unprocessable'): ProblemError {
    return new ProblemError(422, code, detail, errors);
  }
}
