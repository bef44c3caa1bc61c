import { isProblem, type Problem } from '@rumbo/api-client';

/** One field-level reason from `errors[]` of a problem document. */
export type ProblemFieldError = NonNullable<Problem['errors']>[number];

/**
 * A failed API call as the screens show it: the HTTP status (0 when no answer arrived), the RFC 9457
 * problem document when the API sent one, and the Retry-After delay when it asked to wait.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null = null,
    readonly retryAfterSeconds: number | null = null,
    /** The language the API wrote the problem's texts in (Content-Language), when it said. */
    readonly language: string | null = null,
  ) {
    super(problem?.detail ?? (status === 0 ? 'The API could not be reached' : `HTTP ${status}`));
    this.name = 'ApiError';
  }

  /** No HTTP answer at all (offline, DNS, CORS, server down). */
  get network(): boolean {
    return this.status === 0;
  }

  get requestId(): string | null {
    return this.problem?.requestId ?? null;
  }

  get detail(): string | null {
    return this.problem?.detail ?? null;
  }

  /** The first message per field path (`code`, `rows[3].name`…), for showing next to inputs. */
  fieldErrors(): Record<string, ProblemFieldError> {
    const byPath: Record<string, ProblemFieldError> = {};
    for (const error of this.problem?.errors ?? []) byPath[error.path] ??= error;
    return byPath;
  }
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** Builds the error for a non-2xx answer from its (already parsed) body and headers. */
export function apiErrorFrom(status: number, body: unknown, headers?: Headers): ApiError {
  return new ApiError(
    status,
    isProblem(body) ? body : null,
    parseRetryAfter(headers?.get('Retry-After') ?? null),
    headers?.get('Content-Language')?.trim().toLowerCase() || null,
  );
}

type ClientResult<T> = { data?: T; error?: unknown; response: Response };

/**
 * Awaits an openapi-fetch call and returns its data, or throws an `ApiError` (network failures
 * included), so callers handle one error type in their `catch`.
 */
export async function call<T>(request: Promise<ClientResult<T>>): Promise<{ data: T; response: Response }> {
  let result: ClientResult<T>;
  try {
    result = await request;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(0);
  }
  const { response } = result;
  if (!response.ok) throw apiErrorFrom(response.status, result.error, response.headers);
  return { data: result.data as T, response };
}

/** Any thrown value as an `ApiError` (unexpected exceptions become a network-less 0 status). */
export function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(0);
}
