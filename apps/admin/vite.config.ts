import { fileURLToPath, URL } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

// During `npm run dev` the SPA runs on Vite's port; API calls are proxied to a local API
// (override with RUMBO_API_PROXY). In the default run the API serves the built SPA itself.
const apiProxyTarget = process.env.RUMBO_API_PROXY ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: {
      // Build from the client's TypeScript source: no need to build libs/api-client first.
      '@rumbo/api-client': fileURLToPath(new URL('../../libs/api-client/src/index.ts', import.meta.url)),
      '@': fileURLToPath(new URL('./src', import.meta.url)),
    },
  },
  define: {
    // vue-i18n feature flags: Composition API only, no legacy API, no devtools in production.
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  server: {
    proxy: {
      '/health': apiProxyTarget,
      '/v1': apiProxyTarget,
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  // Component tests (`vitest run`): happy-dom, src/**/*.spec.ts only (the browser suite has its own
  // config, vitest.e2e.config.ts). Kept here rather than in a separate vitest.config.ts.
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.spec.ts'],
    restoreMocks: true,
  },
});
