import { join } from 'node:path';
export default {
  name: 'zz-selftest',
  baseline: 'bare fastify (self-test)',
  async run(ctx) {
    const urls = [];
    for (const n of ['a', 'b']) {
      const port = await ctx.freePort();
      await ctx.startServer({
        name: `raw ${n}`,
        args: [join(ctx.rootDir, 'bench/raw/fastify-health.mjs')],
        env: { PORT: String(port) },
        readyUrl: `http://127.0.0.1:${port}/health/ready`,
      });
      urls.push(`http://127.0.0.1:${port}/health/live`);
    }
    const { subject, baseline } = await ctx.compareLoad({
      subjectUrl: urls[1],
      baselineUrl: urls[0],
    });
    console.error(JSON.stringify(subject));
    return { subject, baseline };
  },
};
