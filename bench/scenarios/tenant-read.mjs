// GET /v1/tenants/{id} with a staff bearer token through the real API, vs two bare Fastify + pg
// servers: one running the same SELECT as the owner (no auth, transaction or RLS), one running the
// same isolation statements by hand as the runtime role (token check, BEGIN with the same
// rumbo_open_request, the access decision, the SELECT under RLS, COMMIT). The caller is a viewer of
// the parent tenant reading a child (the role is inherited down the hierarchy), so every request
// resolves access the way a real one does. The first ratio is the whole per-request cost of
// authentication, the unit of work, tenant isolation and the framework on a one-query read; the
// second, against the isolated baseline, is the framework's share alone.
import { join } from 'node:path';
import { BENCH_ADMIN, callApi as api, startRumboApi } from '../lib/rumbo-api.mjs';

const VIEWER_PASSWORD = 'bench-viewer-password-2026';

export default {
  name: 'tenant-read',
  baseline:
    'bare Fastify 5 + pg pool running the same tenant SELECT as the owner, no auth, transaction or RLS (bench/raw/fastify-pg-tenant.mjs)',
  isolatedBaseline:
    'bare Fastify 5 + pg pool of the runtime role running the same isolation statements by hand: token check, BEGIN + rumbo_open_request, access decision, the SELECT under RLS, COMMIT (bench/raw/fastify-pg-isolated.mjs)',

  async run(ctx) {
    const { base, ownerUrl, appUrl, jwtSecret, process: apiProcess } = await startRumboApi(ctx);

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
    const outside = await api(base, '/v1/tenants', {
      method: 'POST',
      token: adminToken,
      body: { code: `${prefix}-O`, kind: 'region', name: `Bench read outside ${prefix}` },
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
    const rawProcess = await ctx.startServer({
      name: 'raw fastify+pg',
      args: [join(ctx.rootDir, 'bench/raw/fastify-pg-tenant.mjs')],
      env: { HOST: '127.0.0.1', PORT: String(rawPort), DATABASE_URL: ownerUrl, POOL_SIZE: '10' },
      readyUrl: `http://127.0.0.1:${rawPort}/health/ready`,
    });

    // The isolated side connects as the runtime role and checks the API's tokens.
    const isolatedPort = await ctx.freePort();
    const isolatedProcess = await ctx.startServer({
      name: 'raw fastify+pg isolated',
      args: [join(ctx.rootDir, 'bench/raw/fastify-pg-isolated.mjs')],
      env: { HOST: '127.0.0.1', PORT: String(isolatedPort), DATABASE_URL: appUrl, JWT_SECRET: jwtSecret, POOL_SIZE: '10' },
      readyUrl: `http://127.0.0.1:${isolatedPort}/health/ready`,
    });

    const path = `/v1/tenants/${province.id}`;
    const apiUrl = `${base}${path}`;
    const rawUrl = `http://127.0.0.1:${rawPort}${path}`;
    const isolatedUrl = `http://127.0.0.1:${isolatedPort}${path}`;
    const headers = { authorization: `Bearer ${accessToken}` };
    const viaApi = await api(base, path, { token: accessToken });
    const raw = await ctx.getJson(rawUrl);
    const isolated = await api(`http://127.0.0.1:${isolatedPort}`, path, { token: accessToken });
    // The same read on every side (the fields the SELECT computes; the DTO may grow fields the baselines do not copy).
    const same = (x) => JSON.stringify([x?.id, x?.version, x?.childCount, x?.pathNames]);
    if (same(viaApi) !== same(raw.json) || same(isolated) !== same(viaApi) || viaApi.id !== province.id) {
      throw new Error(
        `the sides disagree: api ${JSON.stringify(viaApi).slice(0, 200)}, raw ${raw.status} ${raw.text.slice(0, 200)}, isolated ${JSON.stringify(isolated).slice(0, 200)}`,
      );
    }
    // Isolation holds on the isolated side too: the viewer of the region cannot read an unrelated root.
    const outsideStatus = (await fetch(`http://127.0.0.1:${isolatedPort}/v1/tenants/${outside.id}`, { headers })).status;
    if (outsideStatus !== 404) throw new Error(`the isolated baseline answered ${outsideStatus} for a tenant outside the viewer's roots`);

    ctx.log(`  load: ${ctx.rounds} interleaved rounds per side, viewer of the parent reading a child tenant`);
    return ctx.compareLoad({
      subjectUrl: apiUrl,
      baselineUrl: rawUrl,
      request: { headers },
      subjectProcess: apiProcess,
      baselineProcess: rawProcess,
      otherBaselines: [{ name: 'isolated', description: this.isolatedBaseline, url: isolatedUrl, process: isolatedProcess }],
    });
  },
};
