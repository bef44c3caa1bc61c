import { createApiConnection, type ApiConnection } from '@/api/client';

export const TEST_BASE_URL = 'http://api.test';

/** What a fake route answers. */
export interface FakeReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FakeRequest {
  method: string;
  /** Path without the base URL, e.g. `/v1/tenants/abc`. */
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
}

type Handler = (request: FakeRequest) => FakeReply | Promise<FakeReply>;

/** An in-memory Storage (the session's refresh token). */
export function memoryStorage(initial: Record<string, string> = {}) {
  const map = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    removeItem: (key: string) => void map.delete(key),
    map,
  };
}

/**
 * A fake network for the real client: routes are `'METHOD /path/:param'` patterns, every request
 * is recorded, unknown routes answer 404 problems. Tests exercise the real openapi-fetch client,
 * the auth session and its refresh logic against it.
 */
export function createFakeApi(routes: Record<string, Handler>) {
  const requests: FakeRequest[] = [];
  const compiled = Object.entries(routes).map(([pattern, handler]) => {
    const [method, path] = pattern.split(' ');
    const names: string[] = [];
    const source = path.replace(/:[a-zA-Z]+/g, (name) => {
      names.push(name.slice(1));
      return '([^/]+)';
    });
    return { method, regex: new RegExp(`^${source}$`), names, handler };
  });

  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const text = await request.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    const fake: FakeRequest = {
      method: request.method,
      path: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      body,
    };
    requests.push(fake);
    const route = compiled.find((r) => r.method === request.method && r.regex.test(url.pathname));
    const reply = route ? await route.handler(fake) : { status: 404, body: problem(404, `no fake for ${request.method} ${url.pathname}`) };
    const hasBody = reply.body !== undefined && reply.status !== 204;
    // A text body with its own content-type (a CSV) goes as it is; anything else as JSON.
    const raw = typeof reply.body === 'string' && reply.headers?.['content-type'] !== undefined;
    return new Response(hasBody ? (raw ? (reply.body as string) : JSON.stringify(reply.body)) : null, {
      status: reply.status,
      headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...reply.headers },
    });
  };

  return { fetch: fetch as typeof globalThis.fetch, requests };
}

/** A problem document like the API's. */
export function problem(status: number, detail = 'problem', extra: Record<string, unknown> = {}) {
  return { type: `urn:rumbo:problem:${status}`, title: 'Problem', status, detail, instance: '/x', requestId: `req-${status}`, ...extra };
}

/** The real connection (client + session) on a fake network and in-memory storage. */
export function createTestConnection(
  routes: Record<string, Handler>,
  options: { refreshToken?: string } = {},
): ApiConnection & { api: ReturnType<typeof createFakeApi>; storage: ReturnType<typeof memoryStorage> } {
  const api = createFakeApi(routes);
  const storage = memoryStorage(options.refreshToken ? { 'rumbo.refreshToken': options.refreshToken } : {});
  const connection = createApiConnection({ baseUrl: TEST_BASE_URL, fetch: api.fetch, storage, scheduleRefresh: false });
  return { ...connection, api, storage };
}

/** Token answers: `tokens(2)` is the second pair the fake issued. */
export const tokens = (n: number, expiresIn = 900) => ({
  accessToken: `access-${n}`,
  refreshToken: `refresh-${n}`,
  expiresIn,
  tokenType: 'Bearer' as const,
});

export const demoMe = (overrides: Record<string, unknown> = {}) => ({
  id: 'user-1',
  email: 'admin' + '@demo.example',
  name: 'Ana Administradora',
  locale: 'es',
  platformAdmin: false,
  memberships: [{ tenantId: 'region', tenantCode: 'ES-DEMO', tenantName: 'Comunidad Demo', tenantKind: 'region', role: 'admin' }],
  ...overrides,
});

/** A tenant summary as GET /v1/tenants answers. */
export function tenantSummary(id: string, name: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    code: id.toUpperCase(),
    name,
    kind: 'municipality',
    parentId: null,
    ancestors: [],
    pathNames: [],
    depth: 0,
    childCount: 0,
    population: null,
    locale: 'es-ES',
    timezone: 'Europe/Madrid',
    currency: 'EUR',
    archivedAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: 1,
    ...overrides,
  };
}
