// GET /health/live through the real Rumbo API (Nest + Fastify adapter, all global hooks, guards and
// filters) vs a bare Fastify server answering the same JSON. The ratio is the framework's fixed
// per-request overhead: no database work on either side.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { rumboNodeArgs } from '../lib/rumbo-api.mjs';

export default {
  name: 'health-live',
  baseline: 'bare Fastify 5 answering the same JSON (bench/raw/fastify-health.mjs)',

  async run(ctx) {
    const mainJs = join(ctx.rootDir, 'apps/api/dist/main.js');
    if (!existsSync(mainJs)) {
      throw new Error(`${mainJs} is missing: build the API (npm run bench builds it first)`);
    }

    const rawPort = await ctx.freePort();
    const rawProcess = await ctx.startServer({
      name: 'raw fastify',
      args: [join(ctx.rootDir, 'bench/raw/fastify-health.mjs')],
      env: { HOST: '127.0.0.1', PORT: String(rawPort) },
      readyUrl: `http://127.0.0.1:${rawPort}/health/ready`,
    });

    const apiPort = await ctx.freePort();
    const env = { HOST: '127.0.0.1', PORT: String(apiPort), LOG_LEVEL: 'warn' };
    // Without DATABASE_URL, Rumbo starts its own embedded PostgreSQL: give it a fresh cluster.
    if (!process.env.DATABASE_URL) env.RUMBO_DATA_DIR = await ctx.tempDir('rumbo-bench-data-');
    const apiProcess = await ctx.startServer({
      name: 'rumbo api',
      args: rumboNodeArgs(mainJs),
      env,
      readyUrl: `http://127.0.0.1:${apiPort}/health/ready`,
      readyTimeoutMs: 90_000,
    });

    const rawUrl = `http://127.0.0.1:${rawPort}/health/live`;
    const apiUrl = `http://127.0.0.1:${apiPort}/health/live`;
    for (const url of [rawUrl, apiUrl]) {
      const { status, json, text } = await ctx.getJson(url);
      if (status !== 200 || json?.status !== 'ok') {
        throw new Error(`${url} answered ${status} ${text.slice(0, 200)}, expected 200 {"status":"ok"}`);
      }
    }

    ctx.log(`  load: ${ctx.rounds} interleaved rounds per side`);
    const { subject, baseline } = await ctx.compareLoad({
      subjectUrl: apiUrl,
      baselineUrl: rawUrl,
      subjectProcess: apiProcess,
      baselineProcess: rawProcess,
    });
    return { subject, baseline };
  },
};
