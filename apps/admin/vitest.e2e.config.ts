import { defineConfig } from 'vitest/config';

// Browser suite: Node drives Chromium (playwright-core) against the real API serving the built SPA.
export default defineConfig({
  test: {
    include: ['e2e/**/*.spec.ts'],
    environment: 'node',
    globalSetup: ['e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
