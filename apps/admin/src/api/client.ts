import { createRumboClient, type RumboClient } from '@rumbo/api-client';
import { inject, type App, type InjectionKey } from 'vue';
import { AuthSession } from './auth-session';

/** The typed Rumbo API client (openapi-fetch, typed against the committed OpenAPI contract). */
export type { RumboClient };

/** What the app needs to talk to the API: the client and the sign-in it sends with every call. */
export interface ApiConnection {
  client: RumboClient;
  session: AuthSession;
  /** Origin + base path of the API (for the few calls the typed client cannot make, e.g. uploads). */
  baseUrl: string;
  /** The Accept-Language every call sends now (the UI language), for calls made outside fetch. */
  acceptLanguage: () => string;
  /** Makes every later call send this language (the app binds it to the UI language). */
  followLanguage: (source: () => string) => void;
}

/** Where the connection lives; tests provide a fake under the same key. */
export const apiConnectionKey: InjectionKey<ApiConnection> = Symbol('rumbo-api');

/**
 * The API base URL: `VITE_API_BASE_URL` when set at build time, otherwise the SPA's own origin
 * (the API serves the SPA at `/` in the default run, so both share one port).
 */
export function resolveApiBaseUrl(
  env: Pick<ImportMetaEnv, 'VITE_API_BASE_URL'> = import.meta.env,
  origin: string = window.location.origin,
): string {
  const configured = env.VITE_API_BASE_URL?.trim();
  return (configured ? configured : origin).replace(/\/+$/, '');
}

export interface ApiConnectionOptions {
  baseUrl?: string;
  /** The UI language to send as Accept-Language; `<html lang>` (kept in step by the i18n) by default. */
  language?: () => string;
  /** The network (tests pass a fake); the browser's fetch otherwise. */
  fetch?: typeof globalThis.fetch;
  storage?: ConstructorParameters<typeof AuthSession>[0]['storage'];
  scheduleRefresh?: boolean;
}

/** The UI language as the document declares it (`es` when it declares none). */
export function documentLanguage(): string {
  return (typeof document !== 'undefined' && document.documentElement.lang) || 'es';
}

/**
 * A fetch that sends the UI language with every request (unless the caller chose one), so the API
 * answers problems, level names and texts in the language the person reads.
 */
export function withAcceptLanguage(base: typeof globalThis.fetch, language: () => string): typeof globalThis.fetch {
  return (input, init) => {
    const request = new Request(input, init);
    if (!request.headers.has('Accept-Language')) request.headers.set('Accept-Language', language());
    return base(request);
  };
}

/**
 * Builds the one configured client: every request carries the access token and the UI language
 * (Accept-Language), is retried once after a silent refresh on 401, and errors come back as RFC
 * 9457 problems (see `call` in ./problem). Sign-in calls go through the same language-aware fetch.
 */
export function createApiConnection(options: ApiConnectionOptions = {}): ApiConnection {
  const baseUrl = options.baseUrl ?? resolveApiBaseUrl();
  let language = options.language ?? documentLanguage;
  const acceptLanguage = () => language();
  // Resolved at call time, so a test (or an extension) replacing globalThis.fetch is honoured.
  const network = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const session = new AuthSession({
    baseUrl,
    fetch: withAcceptLanguage(network, acceptLanguage),
    storage: options.storage,
    scheduleRefresh: options.scheduleRefresh,
  });
  const client = createRumboClient({ baseUrl, fetch: session.fetch });
  return {
    client,
    session,
    baseUrl,
    acceptLanguage,
    followLanguage: (source) => {
      language = source;
    },
  };
}

/** Vue plugin that makes the connection available to every component and store. */
export function createApiPlugin(connection: ApiConnection) {
  return {
    install(app: App) {
      app.provide(apiConnectionKey, connection);
    },
  };
}

/** The connection provided by `createApiPlugin`; call from component setup or a setup store. */
export function useApiConnection(): ApiConnection {
  const connection = inject(apiConnectionKey, null);
  if (!connection) {
    throw new Error('Rumbo API connection not provided: install createApiPlugin(connection) on the app.');
  }
  return connection;
}

/** The typed client. */
export function useRumboClient(): RumboClient {
  return useApiConnection().client;
}
