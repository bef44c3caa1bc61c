import { createRumboClient, type RumboClient } from '@rumbo/api-client';
import { inject, type App, type InjectionKey } from 'vue';

/** The typed Rumbo API client (openapi-fetch, typed against the committed OpenAPI contract). */
export type { RumboClient };

/** Where the injected client lives; tests provide a fake under the same key. */
export const rumboClientKey: InjectionKey<RumboClient> = Symbol('rumbo-client');

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

/** Builds the real client for the browser. */
export function createApiClient(baseUrl: string = resolveApiBaseUrl()): RumboClient {
  return createRumboClient({ baseUrl });
}

/** Vue plugin that makes `client` available to every component and store via `useRumboClient()`. */
export function createApiPlugin(client: RumboClient) {
  return {
    install(app: App) {
      app.provide(rumboClientKey, client);
    },
  };
}

/** The client provided by `createApiPlugin`; call from component setup or a setup store. */
export function useRumboClient(): RumboClient {
  const client = inject(rumboClientKey, null);
  if (!client) {
    throw new Error('Rumbo API client not provided: install createApiPlugin(client) on the app.');
  }
  return client;
}
