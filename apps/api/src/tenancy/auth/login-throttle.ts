import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { MemoryThrottleStore, RedisThrottleStore, type ThrottleRules, type ThrottleStore } from './throttle-stores';

const WINDOW_MS = 15 * 60 * 1000;
const RECOGNISED_MS = 30 * 24 * 3600 * 1000;

/**
 * Slows password guessing without locking out a town hall whose staff share one public address.
 *
 * 1. Per account and address: after `max` failed sign-ins of one email from one address within 15
 *    minutes, that email is refused (429) from that address until the oldest failure leaves the
 *    window. One person's typos lock out only that person, and only at that address: a stranger
 *    cannot lock a user out of the office by failing from elsewhere.
 * 2. Per address, counting accounts, not failures, and only accounts the address does not know:
 *    an account is *recognised* at an address for 30 days after signing in there successfully.
 *    When `2 × max` distinct unrecognised emails have failed from one address within 15 minutes,
 *    further unrecognised emails are refused there; the emails already counted may go on (each
 *    within rule 1), and recognised colleagues are never stopped by it.
 *
 * So an office of 50 behind one proxy is never locked out by its own typos (its staff are
 * recognised there, and its newcomers are few), while one address spraying a password over many
 * accounts, which it has never signed in to, is stopped after `2 × max` of them.
 *
 * With REDIS_URL every instance shares the counts (atomic Lua scripts); without it, or while Redis
 * does not answer, each instance counts in its own memory.
 */
@Injectable()
export class LoginThrottle implements OnModuleDestroy {
  private readonly logger = new Logger(LoginThrottle.name);
  private readonly memory: MemoryThrottleStore;
  private readonly shared?: ThrottleStore;
  private sharedFailing = false;

  constructor(max: number, redis?: { url: string; keyPrefix: string }) {
    const rules: ThrottleRules = {
      perAccountAddress: max,
      unrecognisedPerAddress: 2 * max,
      windowMs: WINDOW_MS,
      recognisedMs: RECOGNISED_MS,
    };
    this.memory = new MemoryThrottleStore(rules);
    if (redis) {
      const client = new Redis(redis.url, {
        // A sign-in never waits for Redis to come back: without it, the memory store answers.
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        connectTimeout: 2000,
        commandTimeout: 1000,
        lazyConnect: false,
      });
      client.on('error', (error: Error) => this.sharedDown(error));
      this.shared = new RedisThrottleStore(client, redis.keyPrefix, rules);
    }
  }

  /** Seconds to wait before trying again, or 0 when an attempt is allowed now. */
  async retryAfter(email: string, ip: string, now = Date.now()): Promise<number> {
    const wait = await this.use((store) => store.check(normalise(email), ip, now));
    const ms = Math.max(wait.accountAddress, wait.address);
    return ms > 0 ? Math.max(1, Math.ceil(ms / 1000)) : 0;
  }

  async recordFailure(email: string, ip: string, now = Date.now()): Promise<void> {
    await this.use((store) => store.recordFailure(normalise(email), ip, now));
  }

  async recordSuccess(email: string, ip: string, now = Date.now()): Promise<void> {
    await this.use((store) => store.recordSuccess(normalise(email), ip, now));
  }

  async onModuleDestroy(): Promise<void> {
    await this.shared?.close();
    await this.memory.close();
  }

  private async use<T>(work: (store: ThrottleStore) => Promise<T>): Promise<T> {
    if (this.shared) {
      try {
        const result = await work(this.shared);
        if (this.sharedFailing) this.logger.log('Redis answers again: sign-in throttling is shared across instances');
        this.sharedFailing = false;
        return result;
      } catch (error) {
        this.sharedDown(error);
      }
    }
    return work(this.memory);
  }

  private sharedDown(error: unknown): void {
    if (this.sharedFailing) return;
    this.sharedFailing = true;
    this.logger.warn(`Redis does not answer (${String(error)}): sign-in throttling falls back to this instance's memory`);
  }
}

function normalise(email: string): string {
  return email.trim().toLowerCase();
}
