/** What the global setup hands to the browser tests (through vitest's provide/inject). */
export interface E2eContext {
  /** Origin of the running API that serves the SPA, e.g. http://127.0.0.1:41234. */
  baseUrl: string;
  /** Chromium executable to launch. */
  chromiumPath: string;
  /** Set when the browser tests cannot run here (no Chromium); the tests are then skipped. */
  skipReason?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    rumboE2e: E2eContext;
  }
}
