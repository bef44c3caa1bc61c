/** What the global setup hands to the browser tests (through vitest's provide/inject). */
export interface E2eContext {
  /** Origin of the running API that serves the SPA, e.g. http://127.0.0.1:41234. */
  baseUrl: string;
  /** Chromium executable to launch. */
  chromiumPath: string;
  /** Set when the browser tests cannot run here (no Chromium); the tests are then skipped. */
  skipReason?: string;
}

/** Platform administrator the global setup creates on first start (RUMBO_ADMIN_EMAIL/PASSWORD). */
export const PLATFORM_ADMIN = { email: 'platform@e2e.example', password: 'platform-e2e-password-2026' } as const;

/** Password of the demo users seeded on an empty database. */
export const DEMO_PASSWORD = 'rumbo-demo-2026';

declare module 'vitest' {
  export interface ProvidedContext {
    rumboE2e: E2eContext;
  }
}
