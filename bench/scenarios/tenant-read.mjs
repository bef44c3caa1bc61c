// GET /v1/tenants/{id} with a staff bearer token through the real API, vs a bare Fastify + pg server
// running the same SELECT as the owner. The caller is a viewer of the parent tenant reading a child
// (the role is inherited down the hierarchy), so every request resolves access the way a real one
// does: JWT check, one transaction, the caller's memberships, the tenant's path and subtree, the
// row-level-security context, then the read under RLS. The ratio is the per-request cost of
// authentication, the unit of work and tenant isolation on a read that is itself a single query.
import { join } from 'node:path';
import { BENCH_ADMIN, callApi as api, startRumboApi } from '../lib/rumbo-api.mjs';

const VIEWER_PASSWORD = 'bench-viewer-password-2026';

export default {
  name: 'tenant-read',
  baseline:
    'bare Fastify 5 + pg pool running the same tenant SELECT as the owner, no auth, transaction or RLS (bench/raw/fastify-pg-tenant.mjs)',

  async run(ctx) {
    const { base, ownerUrl } = await startRumboApi(ctx);

    // A region with one province below it; a viewer of the region reads the province.
    const { accessToken: adminToken } = await api(base, '/v1/auth/login', { method: 'POST', body: BENCH_ADMIN });
    const prefix = `BR${Date.now().toString(36)}`;
    const region = await api(base, '/v1/tenants', {
      method: 'POST',
      token: adminToken,
      body: { code: `${prefix}-R`, kind: 'region', name: `Bench read ${prefix}` },
    });
    const province = await api(base, `/v1/tenants/${region.id}/children`, {
      method: 'POST',
      token: adminToken,
      body: { code: `${prefix}-P`, kind: 'province', name: `Bench read province ${prefix}` },
    });
    const invitation = await api(base, `/v1/tenants/${region.id}/invitations`, {
      method: 'POST',
      token: adminToken,
      body: { email: `viewer-${prefix.toLowerCase()}@rumbo.bench`, role: 'viewer' },
    });
    const { accessToken } = await api(base, '/v1/invitations/accept', {
      method: 'POST',
      body: { token: invitation.token, name: 'Bench viewer', password: VIEWER_PASSWORD },
    });

    // The raw side reads the same database as its owner.
    const rawPort = await ctx.freePort();
    await ctx.startServer({
      name: 'raw fastify+pg',
      args: [join(ctx.rootDir, 'bench/raw/fastify-pg-tenant.mjs')],
      env: { HOST: '127.0.0.1', PORT: String(rawPort), DATABASE_URL: ownerUrl, POOL_SIZE: '10' },
      readyUrl: `http://127.0.0.1:${rawPort}/health/ready`,
    });

    const path = `/v1/tenants/${province.id}`;
    const apiUrl = `${base}${path}`;
    const rawUrl = `http://127.0.0.1:${rawPort}${path}`;
    const headers = { authorization: `Bearer ${accessToken}` };
    const viaApi = await api(base, path, { token: accessToken });
    const raw = await ctx.getJson(rawUrl);
    if (viaApi.id !== province.id || raw.status !== 200 || raw.json?.id !== province.id) {
      throw new Error(`the two sides disagree: api ${JSON.stringify(viaApi).slice(0, 200)}, raw ${raw.status} ${raw.text.slice(0, 200)}`);
    }

    ctx.log(`  load: ${ctx.rounds} interleaved rounds per side, viewer of the parent reading a child tenant`);
    return ctx.compareLoad({ subjectUrl: apiUrl, baselineUrl: rawUrl, request: { headers } });
  },
};
