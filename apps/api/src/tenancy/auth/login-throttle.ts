import { Injectable } from '@nestjs/common';

const WINDOW_MS = 15 * 60 * 1000;
const MAX_KEYS = 100_000;

/**
 * Slows password guessing: after `max` failed sign-ins for one email from one address within 15
 * minutes (or 5×max from one address, whatever the emails), further attempts get 429 until the oldest
 * failure leaves the window. Kept in memory: with several instances each enforces its own limit.
 */
@Injectable()
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly max: number) {}

  /** Seconds to wait before trying again, or 0 when an attempt is allowed now. */
  retryAfter(email: string, ip: string, now = Date.now()): number {
    const waits = [this.waitFor(`e:${email.toLowerCase()}|${ip}`, this.max, now), this.waitFor(`i:${ip}`, this.max * 5, now)];
    return Math.max(...waits);
  }

  recordFailure(email: string, ip: string, now = Date.now()): void {
    if (this.failures.size > MAX_KEYS) this.prune(now);
    for (const key of [`e:${email.toLowerCase()}|${ip}`, `i:${ip}`]) {
      const list = this.recent(key, now);
      list.push(now);
      this.failures.set(key, list);
    }
  }

  recordSuccess(email: string, ip: string): void {
    this.failures.delete(`e:${email.toLowerCase()}|${ip}`);
  }

  private waitFor(key: string, max: number, now: number): number {
    const list = this.recent(key, now);
    if (list.length < max) return 0;
    return Math.max(1, Math.ceil((list[list.length - max] + WINDOW_MS - now) / 1000));
  }

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => t > now - WINDOW_MS);
    if (list.length === 0) this.failures.delete(key);
    return list;
  }

  private prune(now: number): void {
    for (const key of this.failures.keys()) this.recent(key, now);
  }
}
