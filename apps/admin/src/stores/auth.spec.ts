import { createPinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from 'vue';
import { REFRESH_MARGIN_MS } from '@/api/auth-session';
import { createApiPlugin } from '@/api/client';
import { call } from '@/api/problem';
import { createTestConnection, demoMe, problem, tokens, type FakeReply, type FakeRequest } from '@/testing/fake-api';
import { useAuthStore } from './auth';

type Routes = Parameters<typeof createTestConnection>[0];

/** The auth store on the real client and session, over a fake network. */
function setup(routes: Routes, options: { refreshToken?: string } = {}) {
  const connection = createTestConnection(routes, options);
  const app = createApp({});
  app.use(createApiPlugin(connection));
  const pinia = createPinia();
  app.use(pinia);
  return { ...connection, auth: useAuthStore(pinia) };
}

/** A fake refresh endpoint with rotation and reuse detection, like the API's. */
function rotatingRefresh(firstValid = 1) {
  let current = `refresh-${firstValid}`;
  let issued = firstValid;
  let revoked = false;
  const calls: string[] = [];
  let gate: Promise<void> = Promise.resolve();
  const handler = async (request: FakeRequest): Promise<FakeReply> => {
    const { refreshToken } = request.body as { refreshToken: string };
    calls.push(refreshToken);
    await gate;
    if (revoked || refreshToken !== current) {
      revoked = true; // reuse of a spent token revokes the whole family
      return { status: 401, body: problem(401, 'The refresh token was already used') };
    }
    issued += 1;
    current = `refresh-${issued}`;
    return { status: 200, body: tokens(issued) };
  };
  return {
    handler,
    calls,
    hold: (p: Promise<void>) => {
      gate = p;
    },
  };
}

const bearer = (request: FakeRequest) => request.headers.get('Authorization');

afterEach(() => {
  vi.useRealTimers();
});

describe('auth store and session', () => {
  it('signs in, keeps only the refresh token in storage, and sends the access token', async () => {
    const { auth, storage, api } = setup({
      'POST /v1/auth/login': () => ({ status: 200, body: tokens(1) }),
      'GET /v1/auth/me': (r) => (bearer(r) === 'Bearer access-1' ? { status: 200, body: demoMe() } : { status: 401, body: problem(401) }),
    });

    await expect(auth.login('admin@demo.example', 'rumbo-demo-2026')).resolves.toBe(true);

    expect(auth.isSignedIn).toBe(true);
    expect(auth.me?.name).toBe('Ana Administradora');
    expect([...storage.map.entries()]).toEqual([['rumbo.refreshToken', 'refresh-1']]);
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/auth/login', 'GET /v1/auth/me']);
    expect(api.requests[0].headers.get('Authorization')).toBeNull();
  });

  it('reports wrong credentials and the Retry-After of a throttled login', async () => {
    let attempts = 0;
    const { auth } = setup({
      'POST /v1/auth/login': () =>
        ++attempts === 1
          ? { status: 401, body: problem(401, 'Wrong email or password') }
          : { status: 429, body: problem(429, 'Too many failed sign-ins'), headers: { 'Retry-After': '900' } },
    });

    expect(await auth.login('a@b.example', 'x')).toBe(false);
    expect(auth.loginError?.status).toBe(401);
    expect(auth.loginError?.requestId).toBe('req-401');

    expect(await auth.login('a@b.example', 'x')).toBe(false);
    expect(auth.loginError?.status).toBe(429);
    expect(auth.loginError?.retryAfterSeconds).toBe(900);
    expect(auth.isSignedIn).toBe(false);
    expect(auth.loggingIn).toBe(false);
  });

  it('refreshes once for concurrent 401s and retries every request with the new token', async () => {
    const refresh = rotatingRefresh();
    let release!: () => void;
    refresh.hold(new Promise<void>((r) => (release = r)));
    const { client, session, api } = setup({
      'POST /v1/auth/refresh': refresh.handler,
      'GET /v1/tenants': (r) =>
        bearer(r) === 'Bearer access-2' ? { status: 200, body: { data: [], nextCursor: null } } : { status: 401, body: problem(401) },
    });
    session.adopt(tokens(1));

    const results = Promise.all([1, 2, 3].map(() => call(client.GET('/v1/tenants'))));
    // Let every request reach the API and get its 401 before the refresh answers.
    await vi.waitFor(() => expect(refresh.calls).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 10));
    release();

    const answers = await results;
    expect(answers.map((a) => a.response.status)).toEqual([200, 200, 200]);
    expect(refresh.calls).toEqual(['refresh-1']); // one refresh, never a reuse
    const tenantCalls = api.requests.filter((r) => r.path === '/v1/tenants');
    expect(tenantCalls.map(bearer)).toEqual([
      'Bearer access-1',
      'Bearer access-1',
      'Bearer access-1',
      'Bearer access-2',
      'Bearer access-2',
      'Bearer access-2',
    ]);
  });

  it('retries a 401 that arrives after another request already refreshed, without refreshing again', async () => {
    const refresh = rotatingRefresh();
    let releaseSlow!: () => void;
    const slowGate = new Promise<void>((r) => (releaseSlow = r));
    const { client, session } = setup({
      'POST /v1/auth/refresh': refresh.handler,
      'GET /v1/tenants': async (r) => {
        if (r.query.get('search') === 'slow' && bearer(r) === 'Bearer access-1') await slowGate;
        return bearer(r) === 'Bearer access-2'
          ? { status: 200, body: { data: [], nextCursor: null } }
          : { status: 401, body: problem(401) };
      },
    });
    session.adopt(tokens(1));

    const slow = call(client.GET('/v1/tenants', { params: { query: { search: 'slow' } } }));
    await call(client.GET('/v1/tenants')); // 401 → refresh → retried with access-2
    releaseSlow(); // the slow one now gets its 401 for access-1
    await expect(slow).resolves.toMatchObject({ response: { status: 200 } });
    expect(refresh.calls).toEqual(['refresh-1']);
  });

  it('refreshes before a request when the access token is about to expire', async () => {
    const refresh = rotatingRefresh();
    const { client, session, api } = setup({
      'POST /v1/auth/refresh': refresh.handler,
      'GET /v1/tenants': () => ({ status: 200, body: { data: [], nextCursor: null } }),
    });
    session.adopt(tokens(1, 900));
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 900_000 - REFRESH_MARGIN_MS + 1000); // inside the margin

    await call(client.GET('/v1/tenants'));
    expect(refresh.calls).toEqual(['refresh-1']);
    expect(bearer(api.requests.at(-1)!)).toBe('Bearer access-2');
  });

  it('refreshes on a timer shortly before expiry', async () => {
    vi.useFakeTimers();
    const refresh = rotatingRefresh();
    const connection = createTestConnection({ 'POST /v1/auth/refresh': refresh.handler });
    const { AuthSession } = await import('@/api/auth-session');
    const session = new AuthSession({ baseUrl: 'http://api.test', fetch: connection.api.fetch, storage: connection.storage });
    session.adopt(tokens(1, 900));

    await vi.advanceTimersByTimeAsync(900_000 - REFRESH_MARGIN_MS - 1000);
    expect(refresh.calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(2000);
    expect(refresh.calls).toEqual(['refresh-1']);
    expect(connection.storage.getItem('rumbo.refreshToken')).toBe('refresh-2');
    session.clear();
  });

  it('signs out when the refresh token was reused (family revoked) and reports why', async () => {
    const { auth, session, client, storage } = setup(
      {
        // Another holder already spent refresh-1: the API answers 401 and revokes the family.
        'POST /v1/auth/refresh': () => ({ status: 401, body: problem(401, 'The refresh token was already used') }),
        'GET /v1/auth/me': (r) => (bearer(r) === 'Bearer access-1' ? { status: 200, body: demoMe() } : { status: 401, body: problem(401) }),
        'GET /v1/tenants': () => ({ status: 401, body: problem(401, 'expired') }),
      },
      { refreshToken: 'refresh-1' },
    );
    session.adopt(tokens(1));
    await auth.restore();
    expect(auth.isSignedIn).toBe(true);

    const ended = vi.fn();
    session.onSignedOut(ended);
    const error = await call(client.GET('/v1/tenants')).catch((e: unknown) => e);

    expect(error).toMatchObject({ status: 401 });
    expect(ended).toHaveBeenCalledWith('expired');
    expect(auth.isSignedIn).toBe(false);
    expect(auth.status).toBe('signedOut');
    expect(auth.endedReason).toBe('expired');
    expect(session.hasSession).toBe(false);
    expect(storage.getItem('rumbo.refreshToken')).toBeNull();
  });

  it('resumes the sign-in after a reload from the stored refresh token', async () => {
    const refresh = rotatingRefresh(7);
    const { auth, api } = setup(
      {
        'POST /v1/auth/refresh': refresh.handler,
        'GET /v1/auth/me': (r) => (bearer(r) === 'Bearer access-8' ? { status: 200, body: demoMe() } : { status: 401, body: problem(401) }),
      },
      { refreshToken: 'refresh-7' },
    );

    await Promise.all([auth.restore(), auth.restore()]);
    expect(auth.isSignedIn).toBe(true);
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/auth/refresh', 'GET /v1/auth/me']);
  });

  it('stays signed out after a reload without a stored token, without calling the API', async () => {
    const { auth, api } = setup({});
    await auth.restore();
    expect(auth.status).toBe('signedOut');
    expect(api.requests).toEqual([]);
  });

  it('keeps the session when the refresh fails for lack of network', async () => {
    let offline = true;
    const refresh = rotatingRefresh();
    const { session, client, auth } = setup({
      'POST /v1/auth/refresh': async (r) => {
        if (offline) throw new TypeError('Failed to fetch');
        return refresh.handler(r);
      },
      'GET /v1/tenants': (r) =>
        bearer(r) === 'Bearer access-2' ? { status: 200, body: { data: [], nextCursor: null } } : { status: 401, body: problem(401) },
    });
    session.adopt(tokens(1));
    auth.status = 'signedIn';

    await expect(call(client.GET('/v1/tenants'))).rejects.toMatchObject({ status: 401 });
    expect(session.hasSession).toBe(true);

    offline = false;
    await expect(call(client.GET('/v1/tenants'))).resolves.toMatchObject({ response: { status: 200 } });
  });

  it('logs out: revokes the refresh token at the API and forgets it', async () => {
    const { auth, session, api, storage } = setup({
      'POST /v1/auth/logout': () => ({ status: 204 }),
    });
    session.adopt(tokens(3));
    auth.status = 'signedIn';

    await auth.logout();

    expect(api.requests.at(-1)).toMatchObject({ method: 'POST', path: '/v1/auth/logout', body: { refreshToken: 'refresh-3' } });
    expect(storage.getItem('rumbo.refreshToken')).toBeNull();
    expect(auth.status).toBe('signedOut');
    expect(auth.endedReason).toBeNull();
    expect(auth.loggingOut).toBe(false);
  });
});

describe('roles', () => {
  it('applies a membership on an ancestor to the whole subtree, strongest first; platform admins do everything', () => {
    const { auth } = setup({});
    auth.me = demoMe({
      memberships: [
        { tenantId: 'region', tenantCode: 'R', tenantName: 'R', tenantKind: 'region', role: 'auditor' },
        { tenantId: 'province', tenantCode: 'P', tenantName: 'P', tenantKind: 'province', role: 'analyst' },
      ],
    }) as never;
    const municipality = { id: 'm1', ancestors: ['country', 'region', 'province'] };

    expect(auth.roleIn(municipality)).toBe('analyst');
    expect(auth.roleIn({ id: 'other-province', ancestors: ['country', 'region'] })).toBe('auditor');
    expect(auth.roleIn({ id: 'elsewhere', ancestors: ['country'] })).toBeNull();
    expect(auth.can(municipality, 'write')).toBe(true);
    expect(auth.can(municipality, 'admin')).toBe(false);
    expect(auth.can({ id: 'region', ancestors: [] }, 'audit')).toBe(true);
    expect(auth.can({ id: 'region', ancestors: [] }, 'write')).toBe(false);

    auth.me = demoMe({ platformAdmin: true, memberships: [] }) as never;
    expect(auth.can({ id: 'anything', ancestors: [] }, 'admin')).toBe(true);
  });
});
