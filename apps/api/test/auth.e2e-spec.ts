import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { uuidv7 } from '../src/platform/database/uuid';
import { signJwt, type AccessClaims } from '../src/tenancy/auth/jwt';
import { compactUuid } from '../src/tenancy/auth/secrets';
import { bearer, expectProblem, Fixtures, login, unique, type TenantFixture, type UserFixture } from './helpers/fixtures';
import { createTestApp, type TestApp } from './helpers/test-app';

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/**
 * Small enough to reach quickly, large enough that the address-wide limit (2 × this distinct
 * unrecognised accounts) is never hit by the other failed sign-ins of this file. One app per file: passport keeps strategies in a
 * process-wide registry, so a second app in the same process would take over the bearer strategy.
 */
const MAX_ATTEMPTS = 4;

describe('authentication', () => {
  let t: TestApp;
  let fx: Fixtures;
  let tenant: TenantFixture;
  let user: UserFixture;

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_MAX_ATTEMPTS: String(MAX_ATTEMPTS) });
    fx = await Fixtures.open();
    tenant = await fx.tenant({ kind: 'region' });
    user = await fx.user({ memberships: [{ tenantId: tenant.id, role: 'admin' }] });
  });
  afterAll(async () => {
    await fx?.close();
    await t?.close();
  });

  const me = (authorization: string) => request(t.server).get('/v1/auth/me').set('Authorization', authorization);
  const refresh = (refreshToken: string) => request(t.server).post('/v1/auth/refresh').send({ refreshToken });

  describe('sign-in', () => {
    it('returns an access JWT and a refresh token for the right password', async () => {
      const res = await request(t.server).post('/v1/auth/login').send({ email: user.email, password: user.password });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
        refreshToken: expect.stringMatching(/^rft_[0-9a-f]{32}_[\w-]{20,}$/),
        expiresIn: t.config.auth.accessTokenTtlSeconds,
        tokenType: 'Bearer',
      });
      expect((await me(bearer(res.body))).status).toBe(200);
    });

    it('accepts the email in any case', async () => {
      const res = await request(t.server).post('/v1/auth/login').send({ email: user.email.toUpperCase(), password: user.password });
      expect(res.status).toBe(200);
    });

    it('answers a wrong password and an unknown email with the same 401 problem', async () => {
      const wrong = await request(t.server).post('/v1/auth/login').send({ email: user.email, password: 'not the password at all' });
      expectProblem(wrong, 401, 'invalid-credentials');
      const unknown = await request(t.server)
        .post('/v1/auth/login')
        .send({ email: `${unique('nobody')}@test.example`, password: 'not the password at all' });
      expectProblem(unknown, 401, 'invalid-credentials');
      expect(unknown.body.detail).toBe(wrong.body.detail);
    });

    it('refuses a disabled account', async () => {
      const disabled = await fx.user();
      await fx.query('UPDATE users SET disabled_at = now() WHERE id = $1', [disabled.id]);
      const res = await request(t.server).post('/v1/auth/login').send({ email: disabled.email, password: disabled.password });
      expectProblem(res, 401, 'invalid-credentials');
    });

    it('throttles: after LOGIN_MAX_ATTEMPTS failures, 429 with Retry-After, even for the right password', async () => {
      const victim = await fx.user();
      const attempt = (password: string) => request(t.server).post('/v1/auth/login').send({ email: victim.email, password });
      for (let i = 0; i < MAX_ATTEMPTS; i++) expectProblem(await attempt('wrong password, guessing'), 401, 'invalid-credentials');
      const blocked = await attempt('wrong password, guessing');
      expectProblem(blocked, 429, 'too-many-attempts');
      const retryAfter = Number(blocked.headers['retry-after']);
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      expect(blocked.body.retryAfter).toBe(retryAfter);
      expectProblem(await attempt(victim.password), 429, 'too-many-attempts');
      // Another account from the same address is not locked out by it.
      const other = await fx.user();
      expect((await request(t.server).post('/v1/auth/login').send({ email: other.email, password: other.password })).status).toBe(200);
    });
  });

  describe('access tokens', () => {
    let claims: AccessClaims;
    let valid: string;

    beforeAll(async () => {
      valid = (await login(t, user)).accessToken;
      claims = JSON.parse(Buffer.from(valid.split('.')[1], 'base64url').toString('utf8')) as AccessClaims;
    });

    const secret = () => t.config.auth.jwtSecret as string;
    const now = () => Math.floor(Date.now() / 1000);

    it('a genuine token works', async () => {
      expect((await me(bearer(valid))).status).toBe(200);
    });

    it.each<[string, () => string]>([
      [
        'a tampered payload (platform admin claimed) under the original signature',
        () => {
          const [header, , signature] = valid.split('.');
          return `${header}.${b64({ ...claims, pa: true })}.${signature}`;
        },
      ],
      ['a token signed with another secret', () => signJwt({ ...claims }, randomBytes(32).toString('hex'))],
      ['alg none without a signature', () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`],
      ['alg none with the original signature', () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.${valid.split('.')[2]}`],
      [
        'HS512 header with a matching HS512 signature',
        () => {
          const head = `${b64({ alg: 'HS512', typ: 'JWT' })}.${b64(claims)}`;
          return `${head}.${createHmac('sha512', secret()).update(head).digest('base64url')}`;
        },
      ],
      ['an expired token signed with the real secret', () => signJwt({ ...claims, iat: now() - 3600, exp: now() - 60 }, secret())],
      ['a token of another type signed with the real secret', () => signJwt({ ...claims, typ: 'refresh' as 'access' }, secret())],
      ['a truncated token', () => valid.split('.').slice(0, 2).join('.')],
    ])('%s → 401', async (_label, forge) => {
      const res = await me(`Bearer ${forge()}`);
      expectProblem(res, 401, 'unauthorized');
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    });

    it.each([
      ['no Authorization header', undefined],
      ['an empty bearer', 'Bearer '],
      ['another scheme', `Basic ${Buffer.from('someone@test.example:secret').toString('base64')}`],
      ['garbage', 'Bearer !!!not-a-token!!!'],
      ['a bare token without the scheme', 'rmb_0123'],
      ['two tokens', 'Bearer a.b.c d.e.f'],
    ])('malformed Authorization (%s) → 401', async (_label, header) => {
      const req = request(t.server).get('/v1/auth/me');
      if (header !== undefined) req.set('Authorization', header);
      expectProblem(await req, 401, 'unauthorized');
    });
  });

  describe('refresh tokens', () => {
    it('rotate: each is single-use, and reusing a spent one revokes the whole sign-in (including its successor)', async () => {
      const first = await login(t, user);
      const rotated = await refresh(first.refreshToken);
      expect(rotated.status).toBe(200);
      expect(rotated.body.refreshToken).not.toBe(first.refreshToken);
      expect((await me(bearer(rotated.body))).status).toBe(200);

      expectProblem(await refresh(first.refreshToken), 401, 'invalid-credentials');
      // The successor issued by the rotation died with the family.
      expectProblem(await refresh(rotated.body.refreshToken), 401, 'invalid-credentials');
    });

    it('reuse detection does not touch other sign-ins of the same user', async () => {
      const stolen = await login(t, user);
      const other = await login(t, user);
      await refresh(stolen.refreshToken);
      await refresh(stolen.refreshToken);
      expect((await refresh(other.refreshToken)).status).toBe(200);
    });

    it('logout revokes the refresh token (and answers 204 even for an unknown one)', async () => {
      const session = await login(t, user);
      const out = await request(t.server).post('/v1/auth/logout').send({ refreshToken: session.refreshToken });
      expect(out.status).toBe(204);
      expectProblem(await refresh(session.refreshToken), 401, 'invalid-credentials');
      const unknown = await request(t.server)
        .post('/v1/auth/logout')
        .send({ refreshToken: `rft_${compactUuid(uuidv7())}_${randomBytes(32).toString('base64url')}` });
      expect(unknown.status).toBe(204);
    });

    it('refuses to refresh for a disabled account', async () => {
      const leaving = await fx.user();
      const session = await login(t, leaving);
      await fx.query('UPDATE users SET disabled_at = now() WHERE id = $1', [leaving.id]);
      expectProblem(await refresh(session.refreshToken), 401, 'invalid-credentials');
    });

    it('refuses a forged, malformed or expired refresh token', async () => {
      const session = await login(t, user);
      const [prefix, id] = session.refreshToken.split('_');
      expectProblem(await refresh(`${prefix}_${id}_${randomBytes(32).toString('base64url')}`), 401, 'invalid-credentials');
      expectProblem(await refresh('not-a-refresh-token'), 401, 'invalid-credentials');
      await fx.query(`UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`, [
        id.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'),
      ]);
      expectProblem(await refresh(session.refreshToken), 401, 'invalid-credentials');
    });
  });

  describe('/v1/auth/me and password change', () => {
    it('/v1/auth/me shows the user and the tenants where it holds a role', async () => {
      const res = await me(bearer(await login(t, user)));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        id: user.id,
        email: user.email,
        name: expect.any(String),
        locale: 'es',
        platformAdmin: false,
        memberships: [{ tenantId: tenant.id, tenantCode: tenant.code, tenantName: tenant.name, tenantKind: 'region', role: 'admin' }],
      });
    });

    it('changing the password revokes every refresh token and retires the old password', async () => {
      const mover = await fx.user();
      const a = await login(t, mover);
      const b = await login(t, mover);
      const change = (currentPassword: string, newPassword: string) =>
        request(t.server).post('/v1/auth/password').set('Authorization', bearer(a)).send({ currentPassword, newPassword });

      expectProblem(await change('this is not my password', 'a brand new password'), 401, 'invalid-credentials');
      expectProblem(await change(mover.password, 'short'), 400, 'validation-error');
      expect((await change(mover.password, 'a brand new password')).status).toBe(204);

      expectProblem(await refresh(a.refreshToken), 401, 'invalid-credentials');
      expectProblem(await refresh(b.refreshToken), 401, 'invalid-credentials');
      expectProblem(
        await request(t.server).post('/v1/auth/login').send({ email: mover.email, password: mover.password }),
        401,
        'invalid-credentials',
      );
      expect((await login(t, { email: mover.email, password: 'a brand new password' })).accessToken).toEqual(expect.any(String));
    });

    it('a signed token for a user that does not exist is refused, not a server error', async () => {
      const now = Math.floor(Date.now() / 1000);
      const ghost = signJwt(
        { sub: uuidv7(), email: 'ghost@test.example', pa: false, typ: 'access', iat: now, exp: now + 60, jti: randomUUID(), sid: uuidv7() },
        t.config.auth.jwtSecret as string,
      );
      expectProblem(await me(bearer(ghost)), 401, 'unauthorized');
      const change = await request(t.server)
        .post('/v1/auth/password')
        .set('Authorization', bearer(ghost))
        .send({ currentPassword: 'whatever it was', newPassword: 'a brand new password' });
      expectProblem(change, 401, 'unauthorized');
    });
  });

  describe("sessions end with their sign-in, not at the token's expiry", () => {
    it('logout: the access token of that session is refused on the next request; other sessions go on', async () => {
      const session = await login(t, user);
      const other = await login(t, user);
      expect((await me(bearer(session))).status).toBe(200);
      expect((await request(t.server).post('/v1/auth/logout').send({ refreshToken: session.refreshToken })).status).toBe(204);
      const refused = await me(bearer(session));
      expectProblem(refused, 401, 'unauthorized');
      expect(refused.body.detail).toMatch(/sesión/);
      // Tenant-scoped routes too: the check is part of the request's one access statement.
      expectProblem(await request(t.server).get(`/v1/tenants/${tenant.id}`).set('Authorization', bearer(session)), 401, 'unauthorized');
      expect((await me(bearer(other))).status).toBe(200);
    });

    it('password change: every access token of the user is refused, the changing one included', async () => {
      const mover = await fx.user({ memberships: [{ tenantId: tenant.id, role: 'viewer' }] });
      const a = await login(t, mover);
      const b = await login(t, mover);
      const changed = await request(t.server)
        .post('/v1/auth/password')
        .set('Authorization', bearer(a))
        .send({ currentPassword: mover.password, newPassword: 'a brand new password' });
      expect(changed.status).toBe(204);
      expectProblem(await me(bearer(a)), 401, 'unauthorized');
      expectProblem(await me(bearer(b)), 401, 'unauthorized');
      const fresh = await login(t, { email: mover.email, password: 'a brand new password' });
      expect((await me(bearer(fresh))).status).toBe(200);
    });

    it("reuse detection: the revoked family's access tokens, old and new, are refused", async () => {
      const stolen = await login(t, user);
      const rotated = await refresh(stolen.refreshToken);
      expect(rotated.status).toBe(200);
      expect((await me(bearer(rotated.body))).status).toBe(200);
      expectProblem(await refresh(stolen.refreshToken), 401, 'invalid-credentials');
      expectProblem(await me(bearer(stolen)), 401, 'unauthorized');
      expectProblem(await me(bearer(rotated.body)), 401, 'unauthorized');
    });

    it('a disabled account: its access tokens are refused at once', async () => {
      const leaving = await fx.user();
      const session = await login(t, leaving);
      expect((await me(bearer(session))).status).toBe(200);
      await fx.query('UPDATE users SET disabled_at = now() WHERE id = $1', [leaving.id]);
      expectProblem(await me(bearer(session)), 401, 'unauthorized');
    });

    it('a token without a session claim is refused', async () => {
      const now = Math.floor(Date.now() / 1000);
      const claims = { sub: user.id, email: user.email, pa: false, typ: 'access', iat: now, exp: now + 60, jti: randomUUID() };
      const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
      const legacy = `${head}.${createHmac('sha256', t.config.auth.jwtSecret as string)
        .update(head)
        .digest('base64url')}`;
      expectProblem(await me(bearer(legacy)), 401, 'unauthorized');
    });
  });

  describe('credentials are read from the Authorization header only', () => {
    it('?access_token= → 401, even with a valid token, on authenticated and public routes', async () => {
      const { accessToken } = await login(t, user);
      const inQuery = await request(t.server).get('/v1/auth/me').query({ access_token: accessToken });
      expectProblem(inQuery, 401, 'credential-outside-header');
      expect(inQuery.headers['www-authenticate']).toMatch(/^Bearer/);
      // Even beside a valid header: the credential in the URL has leaked already, say so.
      const both = await request(t.server)
        .get('/v1/auth/me')
        .query({ access_token: accessToken })
        .set('Authorization', bearer(accessToken));
      expectProblem(both, 401, 'credential-outside-header');
      const key = await fx.apiKey(tenant.id, ['read']);
      expectProblem(
        await request(t.server).get(`/v1/tenants/${tenant.id}`).query({ access_token: key.key }),
        401,
        'credential-outside-header',
      );
      expectProblem(await request(t.server).get('/health/live').query({ access_token: 'x' }), 401, 'credential-outside-header');
    });

    it('a body access_token → 401', async () => {
      const { accessToken } = await login(t, user);
      const res = await request(t.server)
        .post('/v1/auth/password')
        .send({ access_token: accessToken, currentPassword: user.password, newPassword: 'never applied at all' });
      expectProblem(res, 401, 'credential-outside-header');
      const key = await fx.apiKey(tenant.id, ['read', 'write', 'admin']);
      const child = await request(t.server)
        .post(`/v1/tenants/${tenant.id}/children`)
        .send({ access_token: key.key, code: 'x', name: 'x', kind: 'other' });
      expectProblem(child, 401, 'credential-outside-header');
    });

    it('form-encoded bodies are refused (415), login included', async () => {
      const form = await request(t.server).post('/v1/auth/login').type('form').send({ email: user.email, password: user.password });
      expectProblem(form, 415, 'unsupported-media-type');
    });
  });

  describe('Cache-Control: no-store', () => {
    it('on token answers, key answers, authenticated reads and their errors', async () => {
      const signIn = await request(t.server).post('/v1/auth/login').send({ email: user.email, password: user.password });
      expect(signIn.status).toBe(200);
      expect(signIn.headers['cache-control']).toBe('no-store');
      const rotated = await refresh(signIn.body.refreshToken);
      expect(rotated.headers['cache-control']).toBe('no-store');
      const auth = bearer(rotated.body);
      const key = await request(t.server)
        .post(`/v1/tenants/${tenant.id}/api-keys`)
        .set('Authorization', auth)
        .send({ name: unique('k'), scopes: ['read'] });
      expect(key.status).toBe(201);
      expect(key.headers['cache-control']).toBe('no-store');
      const read = await request(t.server).get(`/v1/tenants/${tenant.id}`).set('Authorization', auth);
      expect(read.status).toBe(200);
      expect(read.headers['cache-control']).toBe('no-store');
      const missing = await request(t.server).get(`/v1/tenants/${uuidv7()}`).set('Authorization', auth);
      expectProblem(missing, 404);
      expect(missing.headers['cache-control']).toBe('no-store');
      expect((await me(bearer(key.body.key))).headers['cache-control']).toBe('no-store');
    });
  });

  describe('API keys', () => {
    const asKey = (key: string) => request(t.server).get(`/v1/tenants/${tenant.id}`).set('Authorization', bearer(key));

    it('a valid key reads its tenant', async () => {
      const key = await fx.apiKey(tenant.id, ['read']);
      expect((await asKey(key.key)).status).toBe(200);
    });

    it('a revoked key → 401', async () => {
      const admin = await login(t, user);
      const created = await request(t.server)
        .post(`/v1/tenants/${tenant.id}/api-keys`)
        .set('Authorization', bearer(admin))
        .send({ name: 'to revoke', scopes: ['read'] });
      expect(created.status).toBe(201);
      expect((await asKey(created.body.key)).status).toBe(200);
      const revoked = await request(t.server)
        .delete(`/v1/tenants/${tenant.id}/api-keys/${created.body.id}`)
        .set('Authorization', bearer(admin));
      expect(revoked.status).toBe(204);
      expectProblem(await asKey(created.body.key), 401, 'unauthorized');
    });

    it('an expired key → 401 (and a key cannot be issued already expired)', async () => {
      const admin = await login(t, user);
      const soon = await request(t.server)
        .post(`/v1/tenants/${tenant.id}/api-keys`)
        .set('Authorization', bearer(admin))
        .send({ name: 'short-lived', scopes: ['read'], expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
      expect(soon.status).toBe(201);
      expect((await asKey(soon.body.key)).status).toBe(200);
      await fx.query(`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`, [soon.body.id]);
      expectProblem(await asKey(soon.body.key), 401, 'unauthorized');

      const past = await request(t.server)
        .post(`/v1/tenants/${tenant.id}/api-keys`)
        .set('Authorization', bearer(admin))
        .send({ name: 'born expired', scopes: ['read'], expiresAt: new Date(Date.now() - 1000).toISOString() });
      expectProblem(past, 400, 'validation-error');
      expect(past.body.errors[0].path).toBe('expiresAt');
    });

    it('an unknown key, or a known id with a wrong secret → 401', async () => {
      expectProblem(await asKey(`rmb_${compactUuid(uuidv7())}_${randomBytes(32).toString('base64url')}`), 401, 'unauthorized');
      const key = await fx.apiKey(tenant.id, ['read']);
      const [, id] = key.key.split('_');
      expectProblem(await asKey(`rmb_${id}_${randomBytes(32).toString('base64url')}`), 401, 'unauthorized');
    });

    it('an API key on a staff-only (SignedIn) route → 403', async () => {
      const key = await fx.apiKey(tenant.id, ['read', 'write', 'admin']);
      expectProblem(await me(bearer(key)), 403, 'forbidden');
      const password = await request(t.server)
        .post('/v1/auth/password')
        .set('Authorization', bearer(key))
        .send({ currentPassword: 'whatever it is', newPassword: 'a brand new password' });
      expectProblem(password, 403, 'forbidden');
    });

    it('records when a key was last used', async () => {
      const key = await fx.apiKey(tenant.id, ['read']);
      expect((await asKey(key.key)).status).toBe(200);
      // Written outside the request's transaction, shortly after.
      let lastUsed: Date | null = null;
      for (let i = 0; i < 50 && !lastUsed; i++) {
        [{ last_used_at: lastUsed }] = await fx.query<{ last_used_at: Date | null }>('SELECT last_used_at FROM api_keys WHERE id = $1', [
          key.id,
        ]);
        if (!lastUsed) await new Promise((r) => setTimeout(r, 20));
      }
      expect(lastUsed).toBeInstanceOf(Date);
    });
  });
});
