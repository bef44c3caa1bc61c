import createClient, { type Client, type ClientOptions, type Middleware } from 'openapi-fetch';
import type { components, paths } from './generated/schema';

export type { components, paths, operations } from './generated/schema';

/** A response body schema of the Rumbo API by name, e.g. `Schema<'HealthReadyResponseDto'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

/** RFC 9457 problem document: the body of every error response. */
export type Problem = components['schemas']['Problem'];

export type RumboClient = Client<paths>;

/**
 * The same client typed to read only the JSON answer of operations that can also answer in another
 * media type (the descendants' overview answers JSON or CSV): cast a RumboClient to it for a JSON call.
 */
export type RumboJsonClient = Client<paths, 'application/json'>;

export interface RumboClientOptions {
  /** Where the API lives, e.g. `https://rumbo.example.org` ('' = same origin in a browser). */
  baseUrl: string;
  /**
   * A staff access token or an integrator API key (`rmb_…`). A function is called before every
   * request, so a caller can refresh tokens without rebuilding the client.
   */
  token?: string | (() => string | undefined | Promise<string | undefined>);
  /** Custom fetch (tests, retries, instrumentation). */
  fetch?: ClientOptions['fetch'];
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
}

/**
 * The Rumbo SDK: a typed client for every path of the OpenAPI contract.
 *
 * ```ts
 * const rumbo = createRumboClient({ baseUrl: 'https://rumbo.example.org', token: process.env.RUMBO_KEY });
 * const { data, error } = await rumbo.GET('/health/ready');
 * ```
 */
export function createRumboClient(options: RumboClientOptions): RumboClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/$/, ''),
    fetch: options.fetch,
    headers: options.headers,
  });
  const { token } = options;
  if (token !== undefined) {
    const auth: Middleware = {
      async onRequest({ request }) {
        const value = typeof token === 'function' ? await token() : token;
        if (value) request.headers.set('Authorization', `Bearer ${value}`);
        return request;
      },
    };
    client.use(auth);
  }
  return client;
}

/** True when a value is an RFC 9457 problem document returned by the API. */
export function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Problem).type === 'string' &&
    typeof (value as Problem).status === 'number' &&
    typeof (value as Problem).requestId === 'string'
  );
}
