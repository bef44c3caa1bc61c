import { randomFillSync } from 'node:crypto';

// Random bits for 256 ids at a time: one getrandom call per 256 ids instead of one each (it was a
// sixth of the CPU of a `/health/live` request, whose request id is minted here). Every id still
// gets fresh random bits: the pool is refilled, never reused.
const RANDOM_BYTES = 10;
const pool = Buffer.alloc(256 * RANDOM_BYTES);
let offset = pool.length;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * UUID version 7 (RFC 9562): 48-bit Unix milliseconds, then random bits. Time-ordered ids keep
 * B-tree inserts at the right edge of the index instead of scattering them.
 */
export function uuidv7(now: number = Date.now()): string {
  if (offset === pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const r = offset;
  offset += RANDOM_BYTES;
  const high = Math.floor(now / 0x10000); // the upper 32 of the 48 time bits
  const low = now % 0x10000;
  return (
    HEX[(high >>> 24) & 0xff] +
    HEX[(high >>> 16) & 0xff] +
    HEX[(high >>> 8) & 0xff] +
    HEX[high & 0xff] +
    '-' +
    HEX[low >>> 8] +
    HEX[low & 0xff] +
    '-' +
    HEX[0x70 | (pool[r] & 0x0f)] + // version 7
    HEX[pool[r + 1]] +
    '-' +
    HEX[0x80 | (pool[r + 2] & 0x3f)] + // RFC 9562 variant
    HEX[pool[r + 3]] +
    '-' +
    HEX[pool[r + 4]] +
    HEX[pool[r + 5]] +
    HEX[pool[r + 6]] +
    HEX[pool[r + 7]] +
    HEX[pool[r + 8]] +
    HEX[pool[r + 9]]
  );
}
