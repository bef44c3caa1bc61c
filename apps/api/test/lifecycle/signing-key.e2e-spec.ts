import { Client } from 'pg';
import request from 'supertest';
import { storedJwtSecret } from '../../src/tenancy/auth/secrets';
import { bearer, Fixtures, login } from '../helpers/fixtures';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { testDatabaseUrls } from '../helpers/test-env';

/**
 * Issue 9 item 6 (first sentence): without JWT_SECRET, the signing key is one random value kept in
 * the database, so tokens survive restarts (embedded-crash.e2e-spec.ts restarts a real process) and
 * are honoured by every instance on the same database.
 */
describe('the access-token signing key when JWT_SECRET is not set', () => {
  const { ownerUrl, appUrl } = testDatabaseUrls();
  let fx: Fixtures;
  const apps: TestApp[] = [];

  beforeAll(async () => {
    fx = await Fixtures.open();
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await fx?.close();
  });

  it('is generated once and read back identically by every caller, even concurrent ones', async () => {
    const keys = await Promise.all([storedJwtSecret(ownerUrl), storedJwtSecret(ownerUrl), storedJwtSecret(ownerUrl)]);
    expect(new Set(keys).size).toBe(1);
    // 256 random bits, base64url.
    expect(keys[0]).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('a token issued by one instance is accepted by another on the same database', async () => {
    const first = await createTestApp();
    const second = await createTestApp();
    apps.push(first, second);
    expect(first.config.auth.jwtSecret).toBe(second.config.auth.jwtSecret);
    const user = await fx.user();
    const tokens = await login(first, user);
    const me = await request(second.server).get('/v1/auth/me').set('Authorization', bearer(tokens));
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: user.email });
  });

  it('JWT_SECRET, when set, is used instead', async () => {
    const configured = await createTestApp({ JWT_SECRET: 'a configured signing key of 32+ chars' });
    const stored = await createTestApp();
    apps.push(configured, stored);
    expect(configured.config.auth.jwtSecret).toBe('a configured signing key of 32+ chars');
    const tokens = await login(configured, await fx.user());
    expect((await request(stored.server).get('/v1/auth/me').set('Authorization', bearer(tokens))).status).toBe(401);
  });

  it('the runtime role can neither read it nor write one', async () => {
    await storedJwtSecret(ownerUrl);
    const client = new Client({ connectionString: appUrl });
    await client.connect();
    try {
      expect((await client.query('SELECT value FROM platform_secrets')).rows).toEqual([]);
      await expect(client.query("INSERT INTO platform_secrets (name, value) VALUES ('x', 'y')")).rejects.toMatchObject({ code: '42501' });
      await expect(client.query("UPDATE platform_secrets SET value = 'y'")).rejects.toMatchObject({ code: '42501' });
    } finally {
      await client.end();
    }
  });
});
