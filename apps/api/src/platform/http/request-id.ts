import type { IncomingMessage } from 'node:http';
import { uuidv7 } from '../database/uuid';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * Keeps a caller's X-Request-Id when it is a safe token (so a trace spans systems), otherwise mints
 * a UUID v7 (from a pool of random bytes: see uuidv7). The id is echoed on every response and
 * carried by every problem document and log line.
 */
export function requestIdFor(req: IncomingMessage): string {
  const given = req.headers[REQUEST_ID_HEADER];
  const value = Array.isArray(given) ? given[0] : given;
  return value && SAFE_REQUEST_ID.test(value) ? value : uuidv7();
}
