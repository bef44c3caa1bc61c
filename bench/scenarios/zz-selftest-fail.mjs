import { join } from 'node:path';
export default {
  name: 'zz-selftest-fail',
  baseline: 'fails on purpose',
  async run(ctx) {
    const port = await ctx.freePort();
    await ctx.startServer({ name: 'raw', args: [join(ctx.rootDir, 'bench/raw/fastify-health.mjs')], env: { PORT: String(port) }, readyUrl: `http://127.0.0.1:${port}/health/ready` });
    await ctx.load(`http://127.0.0.1:${port}/nope`);
  },
};
