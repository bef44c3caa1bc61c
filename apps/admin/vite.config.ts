import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath, URL } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import vue from '@vitejs/plugin-vue';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

// During `npm run dev` the SPA runs on Vite's port; API calls are proxied to a local API
// (override with RUMBO_API_PROXY). In the default run the API serves the built SPA itself.
const apiProxyTarget = process.env.RUMBO_API_PROXY ?? 'http://127.0.0.1:3000';

/** Emitted files worth compressing: text formats and uncompressed fonts (woff/woff2 already are). */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|ttf|eot|ico)$/;
/** The API's threshold too (apps/api/src/platform/http/compression.ts): smaller files go out as they are. */
const MIN_BYTES = 1024;

/**
 * Writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip -9) beside every compressible file of
 * the build, for servers that send precompressed files (the API's @fastify/static `preCompressed`,
 * nginx's `gzip_static`): the best ratio, paid once at build time instead of on every request. A
 * variant that would not be smaller is not written.
 */
function precompress(): Plugin {
  const brotli = promisify(brotliCompress);
  const gz = promisify(gzip);
  let outDir = '';
  return {
    name: 'rumbo-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async writeBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((name) => COMPRESSIBLE.test(name));
      await Promise.all(
        files.map(async (name) => {
          const path = join(outDir, name);
          const data = await readFile(path);
          if (data.length < MIN_BYTES) return;
          const [br, gzipped] = await Promise.all([
            brotli(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
            gz(data, { level: 9 }),
          ]);
          if (br.length < data.length) await writeFile(`${path}.br`, br);
          if (gzipped.length < data.length) await writeFile(`${path}.gz`, gzipped);
        }),
      );
    },
  };
}

export default defineConfig({
  plugins: [vue(), precompress()],
  resolve: {
    alias: {
      // Build from the client's TypeScript source: no need to build libs/api-client first.
      '@rumbo/api-client': fileURLToPath(new URL('../../libs/api-client/src/index.ts', import.meta.url)),
      // The method's maths from source too: one rule for the API and the SPA (live friction cost, AHP's CR).
      '@rumbo/method': fileURLToPath(new URL('../../libs/method/src/index.ts', import.meta.url)),
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
