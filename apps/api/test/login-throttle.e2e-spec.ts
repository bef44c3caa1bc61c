import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import request from 'supertest';
import { MemoryThrottleStore, RedisThrottleStore, type ThrottleRules, type ThrottleStore } from '../src/tenancy/auth/throttle-stores';
import { expectProblem, Fixtures } from './helpers/fixtures';
import { createTestApp, type TestApp } from './helpers/test-app';

/** The machine's Redis (CI and development machines run one); each run uses keys of its own. */
const REDIS_URL = process.env.RUMBO_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = () => `rumbo-test:${Date.now().toString(36)}${randomBytes(4).toString('hex')}:`;

const RULES: ThrottleRules = { perAccountAddress: 3, unrecognisedPerAddress: 4, windowMs: 60_000, recognisedMs: 3_600_000 };
const OFFICE = '198.51.100.7';
const ELSEWHERE = '203.0.113.9';

async function deleteKeys(redis: Redis, keyPrefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 500);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** The same rule, whichever store keeps the counts. */
describe.each([
  ['memory', () => ({ store: new MemoryThrottleStore(RULES) as ThrottleStore, cleanup: async () => undefined })],
  [
    'Redis',
    () => {
      const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
      const keyPrefix = prefix();
      return {
        store: new RedisThrottleStore(redis, keyPrefix, RULES) as ThrottleStore,
        cleanup: async () => {
          await deleteKeys(redis, keyPrefix);
          await redis.quit();
        },
      };
    },
  ],
])('sign-in throttle rule (%s store)', (_name, make) => {
  let store: ThrottleStore;
  let cleanup: () => Promise<void>;
  const t0 = 1_800_000_000_000;

  beforeEach(() => ({ store, cleanup } = make()));
  afterEach(() => cleanup());

  const fail = (account: string, address: string, times: number, at = t0) =>
    Promise.all(Array.from({ length: times }, (_, i) => store.recordFailure(account, address, at + i)));

  it('locks one account at one address after its own failures, and nothing else', async () => {
    await fail('ana@ayto.es', OFFICE, 3);
    const wait = await store.check('ana@ayto.es', OFFICE, t0 + 10);
    expect(wait.accountAddress).toBeGreaterThan(0);
    expect(wait.accountAddress).toBeLessThanOrEqual(RULES.windowMs);
    // Not from another address, not another account from this one.
    expect(await store.check('ana@ayto.es', ELSEWHERE, t0 + 10)).toEqual({ accountAddress: 0, address: 0 });
    expect(await store.check('luis@ayto.es', OFFICE, t0 + 10)).toEqual({ accountAddress: 0, address: 0 });
    // The window passes.
    expect((await store.check('ana@ayto.es', OFFICE, t0 + RULES.windowMs + 10)).accountAddress).toBe(0);
  });

  it("a success clears the account's failures at that address", async () => {
    await fail('ana@ayto.es', OFFICE, 2);
    await store.recordSuccess('ana@ayto.es', OFFICE, t0 + 5);
    await fail('ana@ayto.es', OFFICE, 2, t0 + 10);
    expect((await store.check('ana@ayto.es', OFFICE, t0 + 20)).accountAddress).toBe(0);
  });

  it("an office: recognised colleagues are never stopped by each other's typos", async () => {
    const staff = Array.from({ length: 50 }, (_, i) => `staff${i}@ayto.es`);
    for (const [i, email] of staff.entries()) await store.recordSuccess(email, OFFICE, t0 + i);
    // Next morning, every one of the 50 mistypes twice.
    const morning = t0 + 1000;
    for (const [i, email] of staff.entries()) await fail(email, OFFICE, 2, morning + i * 10);
    for (const email of staff) expect(await store.check(email, OFFICE, morning + 1000)).toEqual({ accountAddress: 0, address: 0 });
  });

  it('one address spraying unknown accounts is stopped after the limit; counted accounts and colleagues go on', async () => {
    await store.recordSuccess('colleague@ayto.es', OFFICE, t0);
    for (let i = 0; i < RULES.unrecognisedPerAddress; i++) await fail(`victim${i}@ayto.es`, OFFICE, 1, t0 + 10 + i);
    const next = await store.check('victim-next@ayto.es', OFFICE, t0 + 100);
    expect(next.address).toBeGreaterThan(0);
    expect(next.address).toBeLessThanOrEqual(RULES.windowMs);
    // An account already counted retries within its own limit (a newcomer's second try).
    expect(await store.check('victim0@ayto.es', OFFICE, t0 + 100)).toEqual({ accountAddress: 0, address: 0 });
    expect(await store.check('colleague@ayto.es', OFFICE, t0 + 100)).toEqual({ accountAddress: 0, address: 0 });
    // Another address is not concerned; the window passes.
    expect((await store.check('victim-next@ayto.es', ELSEWHERE, t0 + 100)).address).toBe(0);
    expect((await store.check('victim-next@ayto.es', OFFICE, t0 + 10 + RULES.windowMs + 10)).address).toBe(0);
  });
});

describe('sign-in throttling shared across instances through REDIS_URL', () => {
  let a: TestApp;
  let b: TestApp;
  let fx: Fixtures;
  let redis: Redis;
  const keyPrefix = prefix();

  beforeAll(async () => {
    const env = { LOGIN_MAX_ATTEMPTS: '3', REDIS_URL, REDIS_KEY_PREFIX: keyPrefix };
    // Two instances of the API, as behind a load balancer (sign-in is public: no bearer strategy involved).
    a = await createTestApp(env);
    b = await createTestApp(env);
    fx = await Fixtures.open();
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    await deleteKeys(redis, keyPrefix);
    await redis.quit();
    await fx?.close();
    await a?.close();
    await b?.close();
  });

  it('failures on one instance count on the other', async () => {
    const user = await fx.user();
    const attempt = (t: TestApp, password: string) => request(t.server).post('/v1/auth/login').send({ email: user.email, password });
    expectProblem(await attempt(a, 'wrong one'), 401, 'invalid-credentials');
    expectProblem(await attempt(b, 'wrong two'), 401, 'invalid-credentials');
    expectProblem(await attempt(a, 'wrong three'), 401, 'invalid-credentials');
    const blocked = await attempt(b, user.password);
    expectProblem(blocked, 429, 'too-many-attempts');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(await redis.keys(`${keyPrefix}login:*`)).not.toEqual([]);
  });
});

describe('sign-in throttling while Redis does not answer', () => {
  let t: TestApp;
  let fx: Fixtures;

  beforeAll(async () => {
    // Nothing listens on port 1: the instance falls back to its own memory.
    t = await createTestApp({ LOGIN_MAX_ATTEMPTS: '2', REDIS_URL: 'redis://127.0.0.1:1', REDIS_KEY_PREFIX: prefix() });
    fx = await Fixtures.open();
  });
  afterAll(async () => {
    await fx?.close();
    await t?.close();
  });

  it('still signs in and still throttles, in memory', async () => {
    const user = await fx.user();
    const attempt = (password: string) => request(t.server).post('/v1/auth/login').send({ email: user.email, password });
    expect((await attempt(user.password)).status).toBe(200);
    expectProblem(await attempt('wrong one'), 401, 'invalid-credentials');
    expectProblem(await attempt('wrong two'), 401, 'invalid-credentials');
    expectProblem(await attempt(user.password), 429, 'too-many-attempts');
  });
});
