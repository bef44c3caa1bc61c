import type { RumboClient } from './client';

export type DatabaseStatus = 'up' | 'down';

/** Readiness report of the API (`GET /health/ready`): same shape on 200 (ok) and 503 (error). */
export interface HealthReport {
  status: 'ok' | 'error';
  version: string;
  uptimeSeconds: number;
  checks: {
    database: { status: DatabaseStatus; latencyMs: number };
  };
}

/** Why a readiness check produced no report. */
export type HealthFailure =
  | { kind: 'unreachable' } // network error: no HTTP answer at all
  | { kind: 'http'; status: number } // an HTTP answer other than 200/503-with-report
  | { kind: 'invalid' }; // 200/503 whose body is not a readiness report

export class HealthCheckError extends Error {
  constructor(readonly failure: HealthFailure) {
    super(`Health check failed: ${failure.kind}${failure.kind === 'http' ? ` ${failure.status}` : ''}`);
    this.name = 'HealthCheckError';
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * Checks a response body at runtime: the screen shows what the API said, never a guess, so a body
 * that is not a readiness report is reported as such instead of half-rendered.
 */
export function parseHealthReport(body: unknown): HealthReport | null {
  if (!isRecord(body) || !isRecord(body.checks) || !isRecord(body.checks.database)) return null;
  const { status, version, uptimeSeconds } = body;
  const database = body.checks.database;
  if (status !== 'ok' && status !== 'error') return null;
  if (typeof version !== 'string' || !isFiniteNumber(uptimeSeconds)) return null;
  if (database.status !== 'up' && database.status !== 'down') return null;
  if (!isFiniteNumber(database.latencyMs)) return null;
  return {
    status,
    version,
    uptimeSeconds,
    checks: { database: { status: database.status, latencyMs: database.latencyMs } },
  };
}

/**
 * Asks the API whether it is ready. A 503 carrying a report is an answer ("not ready"), not a
 * failure; anything else that is not a report throws a `HealthCheckError`.
 */
export async function fetchHealthReport(client: RumboClient): Promise<HealthReport> {
  let result: { data?: unknown; error?: unknown; response: Response };
  try {
    result = await client.GET('/health/ready');
  } catch {
    throw new HealthCheckError({ kind: 'unreachable' });
  }
  const { response } = result;
  if (response.status !== 200 && response.status !== 503) {
    throw new HealthCheckError({ kind: 'http', status: response.status });
  }
  const report = parseHealthReport(response.status === 200 ? result.data : result.error);
  if (!report) throw new HealthCheckError({ kind: 'invalid' });
  return report;
}
