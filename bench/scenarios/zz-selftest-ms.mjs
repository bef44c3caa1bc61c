export default {
  name: 'zz-selftest-ms',
  baseline: 'sleep 20ms',
  async run(ctx) {
    const d = await ctx.tempDir();
    const { subject, baseline } = await ctx.compareTime({
      baseline: () => new Promise((r) => setTimeout(r, 20)),
      subject: () => new Promise((r) => setTimeout(r, 30)),
    });
    return { subject, baseline };
  },
};
