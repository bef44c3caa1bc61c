import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

/** What the limits are and how long their memory lasts. */
export interface ThrottleRules {
  /** Failed sign-ins of one account from one address within the window before 429. */
  perAccountAddress: number;
  /** Accounts not recognised at an address that may fail there within the window before 429. */
  unrecognisedPerAddress: number;
  windowMs: number;
  /** How long a successful sign-in makes an account recognised at its address. */
  recognisedMs: number;
}

/** Milliseconds to wait, per limit (0 when the attempt may go ahead). */
export interface ThrottleWait {
  accountAddress: number;
  address: number;
}

/**
 * Where the throttle keeps its counts: in memory (one instance) or in Redis (shared by every
 * instance, REDIS_URL). Both implement the same rule; see LoginThrottle for what it is and why.
 * `account` is the normalised email, `address` the client's IP.
 */
export interface ThrottleStore {
  check(account: string, address: string, now: number): Promise<ThrottleWait>;
  recordFailure(account: string, address: string, now: number): Promise<void>;
  recordSuccess(account: string, address: string, now: number): Promise<void>;
  close(): Promise<void>;
}

const MAX_ENTRIES = 100_000;

/** The throttle's memory in one process: bounded maps, pruned of expired entries when they grow. */
export class MemoryThrottleStore implements ThrottleStore {
  /** account|address → failure times, oldest first. */
  private readonly failures = new Map<string, number[]>();
  /** address → (unrecognised account → its latest failure time). */
  private readonly unrecognised = new Map<string, Map<string, number>>();
  /** account|address → until when it is recognised. */
  private readonly recognised = new Map<string, number>();

  constructor(private readonly rules: ThrottleRules) {}

  async check(account: string, address: string, now: number): Promise<ThrottleWait> {
    const { windowMs, perAccountAddress, unrecognisedPerAddress } = this.rules;
    const list = this.recentFailures(`${account}|${address}`, now);
    const accountAddress = list.length >= perAccountAddress ? list[list.length - perAccountAddress] + windowMs - now : 0;
    let addressWait = 0;
    if (!this.isRecognised(account, address, now)) {
      const failing = this.recentUnrecognised(address, now);
      if (failing.size >= unrecognisedPerAddress && !failing.has(account)) addressWait = Math.min(...failing.values()) + windowMs - now;
    }
    return { accountAddress, address: addressWait };
  }

  async recordFailure(account: string, address: string, now: number): Promise<void> {
    if (this.failures.size + this.unrecognised.size > MAX_ENTRIES) this.prune(now);
    const key = `${account}|${address}`;
    this.failures.set(key, [...this.recentFailures(key, now), now]);
    if (!this.isRecognised(account, address, now)) {
      const failing = this.recentUnrecognised(address, now);
      failing.set(account, now);
      this.unrecognised.set(address, failing);
    }
  }

  async recordSuccess(account: string, address: string, now: number): Promise<void> {
    const key = `${account}|${address}`;
    this.failures.delete(key);
    this.unrecognised.get(address)?.delete(account);
    if (this.recognised.size > MAX_ENTRIES) {
      for (const [k, until] of this.recognised) if (until <= now) this.recognised.delete(k);
      // Still full of live entries: forget the oldest (Map keeps insertion order).
      if (this.recognised.size > MAX_ENTRIES) this.recognised.delete(this.recognised.keys().next().value as string);
    }
    this.recognised.delete(key);
    this.recognised.set(key, now + this.rules.recognisedMs);
  }

  async close(): Promise<void> {
    this.failures.clear();
    this.unrecognised.clear();
    this.recognised.clear();
  }

  private isRecognised(account: string, address: string, now: number): boolean {
    return (this.recognised.get(`${account}|${address}`) ?? 0) > now;
  }

  private recentFailures(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => t > now - this.rules.windowMs);
    if (list.length === 0) this.failures.delete(key);
    return list;
  }

  private recentUnrecognised(address: string, now: number): Map<string, number> {
    const failing = this.unrecognised.get(address) ?? new Map<string, number>();
    for (const [account, at] of failing) if (at <= now - this.rules.windowMs) failing.delete(account);
    if (failing.size === 0) this.unrecognised.delete(address);
    return failing;
  }

  private prune(now: number): void {
    for (const key of [...this.failures.keys()]) this.recentFailures(key, now);
    for (const address of [...this.unrecognised.keys()]) this.recentUnrecognised(address, now);
  }
}

// Each script runs atomically in Redis: instances racing on the same account see one sequence.
// KEYS: 1 failures of account|address (sorted set of times), 2 unrecognised accounts failing at the
// address (sorted set, score = latest failure), 3 recognised marker of account|address.
const CHECK = `
local now, window = tonumber(ARGV[1]), tonumber(ARGV[2])
local perPair, perAddress, account = tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5]
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local n = redis.call('ZCARD', KEYS[1])
local pairWait = 0
if n >= perPair then
  local oldest = redis.call('ZRANGE', KEYS[1], n - perPair, n - perPair, 'WITHSCORES')
  pairWait = tonumber(oldest[2]) + window - now
end
local addressWait = 0
if redis.call('EXISTS', KEYS[3]) == 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - window)
  if redis.call('ZCARD', KEYS[2]) >= perAddress and not redis.call('ZSCORE', KEYS[2], account) then
    local oldest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
    addressWait = tonumber(oldest[2]) + window - now
  end
end
return { pairWait, addressWait }`;

const FAIL = `
local now, window, account, member = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3], ARGV[4]
redis.call('ZADD', KEYS[1], now, member)
redis.call('PEXPIRE', KEYS[1], window)
if redis.call('EXISTS', KEYS[3]) == 0 then
  redis.call('ZADD', KEYS[2], now, account)
  redis.call('PEXPIRE', KEYS[2], window)
end
return 1`;

const SUCCEED = `
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('SET', KEYS[3], '1', 'PX', ARGV[2])
return 1`;

/** The throttle's memory in Redis, shared by every instance; keys under `<prefix>login:`. */
export class RedisThrottleStore implements ThrottleStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly rules: ThrottleRules,
  ) {}

  async check(account: string, address: string, now: number): Promise<ThrottleWait> {
    const { windowMs, perAccountAddress, unrecognisedPerAddress } = this.rules;
    const [pair, addr] = (await this.redis.eval(
      CHECK,
      3,
      ...this.keys(account, address),
      now,
      windowMs,
      perAccountAddress,
      unrecognisedPerAddress,
      account,
    )) as [number, number];
    return { accountAddress: Number(pair), address: Number(addr) };
  }

  async recordFailure(account: string, address: string, now: number): Promise<void> {
    const member = `${now}:${randomBytes(6).toString('hex')}`;
    await this.redis.eval(FAIL, 3, ...this.keys(account, address), now, this.rules.windowMs, account, member);
  }

  async recordSuccess(account: string, address: string): Promise<void> {
    await this.redis.eval(SUCCEED, 3, ...this.keys(account, address), account, this.rules.recognisedMs);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private keys(account: string, address: string): [string, string, string] {
    const base = `${this.prefix}login:`;
    return [`${base}failures:${account}|${address}`, `${base}unrecognised:${address}`, `${base}recognised:${account}|${address}`];
  }
}
