import { describe, expect, it } from 'vitest';
import { createFakeClient, readyReport } from '@/testing/fake-client';
import { fetchHealthReport, HealthCheckError, parseHealthReport } from './health';

describe('parseHealthReport', () => {
  it('accepts the readiness report the API sends', () => {
    expect(parseHealthReport(readyReport())).toEqual(readyReport());
  });

  it.each([
    ['null', null],
    ['a liveness answer', { status: 'ok' }],
    ['an unknown status', { ...readyReport(), status: 'degraded' }],
    ['a version that is not text', { ...readyReport(), version: 1 }],
    ['a non-finite uptime', { ...readyReport(), uptimeSeconds: Number.NaN }],
    ['an unknown database status', { ...readyReport(), checks: { database: { status: 'maybe', latencyMs: 1 } } }],
    ['a missing latency', { ...readyReport(), checks: { database: { status: 'up' } } }],
  ])('rejects %s', (_name, body) => {
    expect(parseHealthReport(body)).toBeNull();
  });
});

describe('fetchHealthReport', () => {
  it('asks GET /health/ready and returns the report on 200', async () => {
    const { client, calls } = createFakeClient(() => ({ status: 200, body: readyReport() }));
    await expect(fetchHealthReport(client)).resolves.toEqual(readyReport());
    expect(calls).toEqual(['/health/ready']);
  });

  it('treats a 503 with a report as an answer, not a failure', async () => {
    const body = readyReport({ status: 'error', database: 'down' });
    const { client } = createFakeClient(() => ({ status: 503, body }));
    await expect(fetchHealthReport(client)).resolves.toEqual(body);
  });

  it.each([
    ['a network error', { networkError: true as const }, { kind: 'unreachable' }],
    ['a 502', { status: 502, body: null }, { kind: 'http', status: 502 }],
    ['a 503 without a report', { status: 503, body: { title: 'down' } }, { kind: 'invalid' }],
  ])('fails with a typed reason on %s', async (_name, answer, failure) => {
    const { client } = createFakeClient(() => answer);
    const error = await fetchHealthReport(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HealthCheckError);
    expect((error as HealthCheckError).failure).toEqual(failure);
  });
});
