import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';

/** What a client saw: a response, or the socket error that replaced it. */
export interface Outcome {
  status?: number;
  headers?: IncomingHttpHeaders;
  body?: unknown;
  /** ECONNREFUSED, ECONNRESET, socket hang up…: no response at all. */
  error?: string;
  startedAt: number;
  endedAt: number;
  /** How the client connected, when a test mixes kinds. */
  kind?: 'keep-alive' | 'new connection';
}

export interface CallOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Send the body in this many pieces, this many milliseconds apart: a slow upload held open. */
  trickle?: { pieces: number; everyMs: number };
  agent?: Agent;
  timeoutMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One HTTP request as a real client makes it (node:http, optionally over a keep-alive agent), never
 * throwing: every outcome, error included, is returned for the test to judge.
 */
export function call(url: string, options: CallOptions = {}): Promise<Outcome> {
  const startedAt = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: Omit<Outcome, 'startedAt' | 'endedAt'>) => {
      if (settled) return;
      settled = true;
      resolve({ ...outcome, startedAt, endedAt: Date.now() });
    };
    const body = options.body === undefined ? undefined : Buffer.from(options.body);
    const req = httpRequest(
      url,
      {
        method: options.method ?? 'GET',
        agent: options.agent ?? false,
        headers: { ...(body ? { 'content-length': String(body.length) } : {}), ...options.headers },
        timeout: options.timeoutMs ?? 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error: NodeJS.ErrnoException) => finish({ error: error.code ?? error.message }));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          if (/json/.test(res.headers['content-type'] ?? '')) {
            try {
              parsed = JSON.parse(text);
            } catch {
              // Left as text: the test will say what it expected.
            }
          }
          finish({ status: res.statusCode, headers: res.headers, body: parsed });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('client timeout')));
    req.on('error', (error: NodeJS.ErrnoException) => finish({ error: error.code ?? error.message }));
    void (async () => {
      if (body && options.trickle) {
        const size = Math.ceil(body.length / options.trickle.pieces);
        for (let at = 0; at < body.length; at += size) {
          if (req.destroyed) return;
          req.write(body.subarray(at, at + size));
          await sleep(options.trickle.everyMs);
        }
        req.end();
      } else {
        req.end(body);
      }
    })();
  });
}

/** An RFC 9457 problem with this code, in JSON, with a Retry-After header. */
export function isRetryableProblem(outcome: Outcome, code: string): boolean {
  const body = outcome.body as { type?: string; status?: number; requestId?: string } | undefined;
  return (
    outcome.status === 503 &&
    /^application\/problem\+json/.test(outcome.headers?.['content-type'] ?? '') &&
    body?.type === `urn:rumbo:problem:${code}` &&
    body.status === 503 &&
    typeof body.requestId === 'string' &&
    Number(outcome.headers?.['retry-after']) > 0
  );
}

/** Polls `url` until it answers `status`; returns the milliseconds that took. */
export async function waitForStatus(url: string, status: number, timeoutMs: number, headers: Record<string, string> = {}): Promise<number> {
  const started = Date.now();
  let last: Outcome | undefined;
  while (Date.now() - started < timeoutMs) {
    last = await call(url, { headers, timeoutMs: 2_000 });
    if (last.status === status) return Date.now() - started;
    await sleep(25);
  }
  throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
}
