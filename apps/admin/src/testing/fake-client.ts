import { AuthSession } from '@/api/auth-session';
import type { ApiConnection, RumboClient } from '@/api/client';

/** What a fake endpoint answers: an HTTP status with a JSON body, or a network failure. */
export type FakeAnswer = { status: number; body?: unknown } | { networkError: true };

/**
 * A stand-in for the typed client: same call shape as openapi-fetch (`{ data | error, response }`,
 * throwing on network failure), answers decided by the test. Records every requested path.
 */
export function createFakeClient(answer: (path: string) => FakeAnswer | Promise<FakeAnswer>) {
  const calls: string[] = [];
  const GET = async (path: string) => {
    calls.push(path);
    const result = await answer(path);
    if ('networkError' in result) throw new TypeError('Failed to fetch');
    const response = new Response(JSON.stringify(result.body ?? null), {
      status: result.status,
      headers: { 'content-type': 'application/json' },
    });
    return result.status < 400 ? { data: result.body, response } : { error: result.body, response };
  };
  return { client: { GET } as unknown as RumboClient, calls };
}

/** A readiness report as the API sends it. */
export function readyReport(overrides: { status?: 'ok' | 'error'; database?: 'up' | 'down' } = {}) {
  return {
    status: overrides.status ?? 'ok',
    version: '1.2.3',
    uptimeSeconds: 3665,
    checks: { database: { status: overrides.database ?? 'up', latencyMs: 3.25 } },
  };
}

/** Wraps a fake client as the app's connection (no session: nobody signed in). */
export function connectionFor(client: RumboClient): ApiConnection {
  let language = () => 'es';
  return {
    client,
    session: new AuthSession({ baseUrl: '', storage: null, scheduleRefresh: false }),
    baseUrl: '',
    acceptLanguage: () => language(),
    followLanguage: (source) => {
      language = source;
    },
  };
}
