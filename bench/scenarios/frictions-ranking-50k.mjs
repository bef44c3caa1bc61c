// One page (50) of the ranked backlog at 50,000 frictions: GET /v1/tenants/{id}/frictions/ranking
// through the real API (a viewer's token, the tenant's active weighted model with three friction
// fields and one manual value joined per friction, scored in SQL with min–max over the whole
// backlog, under RLS, in a READ ONLY unit of work), vs the same statement on bare Fastify + pg as
// the owner (bench/raw/fastify-pg-ranking.mjs; the SQL comes from the API's own rankingPageSql).
// Besides the load rounds, each side answers 200 requests one at a time and the p50/p95 of those
// are logged and kept in the JSON (`sequentialMs`): the target is p95 < 200 ms for the API. Those
// are warm: the API keeps the ranked order in process (ranking-cache.ts) until the backlog's
// revision moves (the second read at a revision fills it in the background). The cold path is
// measured too (`coldMs`): 30 reads one at a time, each right after a committed write that bumps
// the revision (one manual value rewritten), so each one is a miss answered by the SQL page.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import pg from 'pg';
import { BENCH_ADMIN, callApi as api, startRumboApi } from '../lib/rumbo-api.mjs';

const FRICTIONS = 50_000;
const PAGE = 50;
const VIEWER_PASSWORD = 'bench-viewer-password-2026';
const CRITERIA = [
  { key: 'cost', field: 'annualCost', direction: 'higher_is_better', weight: 3 },
  { key: 'reach', field: 'population', direction: 'higher_is_better', weight: 1 },
  { key: 'hours', field: 'annualHours', direction: 'higher_is_better', weight: 1 },
  { key: 'effort', manual: true, direction: 'lower_is_better', weight: 2 },
];

async function sequential(url, headers, n = 200, before = async () => {}) {
  const times = [];
  for (let i = 0; i < n; i++) {
    await before(i);
    const started = performance.now();
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))] * 10) / 10;
  return { p50: at(0.5), p95: at(0.95), max: at(1) };
}

export default {
  name: 'frictions-ranking-50k',
  baseline:
    'bare Fastify 5 + pg pool running the same ranking statement (rankingPageSql) as the owner, no auth, transaction or RLS (bench/raw/fastify-pg-ranking.mjs)',

  async run(ctx) {
    const { base, ownerUrl, process: apiProcess } = await startRumboApi(ctx);
    const { accessToken: adminToken } = await api(base, '/v1/auth/login', { method: 'POST', body: BENCH_ADMIN });
    const prefix = `BF${Date.now().toString(36)}`;
    const tenant = await api(base, '/v1/tenants', {
      method: 'POST',
      token: adminToken,
      body: { code: `${prefix}-R`, kind: 'region', name: `Bench ranking ${prefix}` },
    });

    const client = new pg.Client({ connectionString: ownerUrl, application_name: 'rumbo-bench-setup' });
    await client.connect();
    try {
      const started = Date.now();
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.platform', 'on', true), set_config('app.tenant_id', $1, true)`, [tenant.id]);
      // Deterministic spread: costs, hours and populations over several orders of magnitude, a tenth resolved or discarded.
      await client.query(
        `INSERT INTO frictions (tenant_id, id, ref, title, area, status, annual_cost, annual_hours, population)
         SELECT $1, gen_random_uuid(), 'FR-' || i, 'Friction ' || i, 'mobility',
                CASE WHEN i % 20 = 0 THEN 'resolved' WHEN i % 20 = 1 THEN 'discarded' ELSE 'identified' END,
                round((abs(hashint4(i)) % 10000000)::numeric / 100, 2), (abs(hashint4(i + 1)) % 500000)::numeric / 10,
                abs(hashint4(i + 2)) % 200000
           FROM generate_series(1, $2::int) i`,
        [tenant.id, FRICTIONS],
      );
      await client.query(
        `INSERT INTO friction_criterion_values (tenant_id, friction_id, criterion_key, value)
         SELECT f.tenant_id, f.id, 'effort', 1 + abs(hashtext(f.ref)) % 24 FROM frictions f WHERE f.tenant_id = $1`,
        [tenant.id],
      );
      await client.query('COMMIT');
      await client.query('ANALYZE frictions; ANALYZE friction_criterion_values');
      ctx.log(
        `  ${FRICTIONS.toLocaleString('en-US')} frictions and their effort values written in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    } finally {
      await client.end();
    }

    const model = await api(base, `/v1/tenants/${tenant.id}/scoring-models`, {
      method: 'POST',
      token: adminToken,
      body: { name: 'Bench', method: 'weighted', criteria: CRITERIA },
    });
    await api(base, `/v1/tenants/${tenant.id}/scoring-models/${model.id}/activate`, { method: 'POST', token: adminToken });
    const invitation = await api(base, `/v1/tenants/${tenant.id}/invitations`, {
      method: 'POST',
      token: adminToken,
      body: { email: `viewer-${prefix.toLowerCase()}@rumbo.bench`, role: 'viewer' },
    });
    const { accessToken } = await api(base, '/v1/invitations/accept', {
      method: 'POST',
      body: { token: invitation.token, name: 'Bench viewer', password: VIEWER_PASSWORD },
    });

    // The raw side runs the statement the API builds for this model's first page.
    const require = createRequire(import.meta.url);
    const { rankingPageSql } = require(join(ctx.rootDir, 'apps/api/dist/frictions/prioritisation/ranking/ranking-sql.js'));
    const { rankingSpec } = require(join(ctx.rootDir, 'apps/api/dist/frictions/prioritisation/ranking/ranking-spec.js'));
    const { sql, params } = rankingPageSql(
      rankingSpec({ method: 'weighted', criteria: model.criteria.map((c) => ({ ...c, weight: c.givenWeight })), ahp: null }),
      tenant.id,
      { limit: PAGE + 1, shortfalls: [] },
    );
    const rawPort = await ctx.freePort();
    const rawProcess = await ctx.startServer({
      name: 'raw fastify+pg ranking',
      args: [join(ctx.rootDir, 'bench/raw/fastify-pg-ranking.mjs')],
      env: {
        HOST: '127.0.0.1',
        PORT: String(rawPort),
        DATABASE_URL: ownerUrl,
        POOL_SIZE: '10',
        RANKING_SQL: sql,
        RANKING_PARAMS: JSON.stringify(params),
      },
      readyUrl: `http://127.0.0.1:${rawPort}/health/ready`,
    });

    const apiUrl = `${base}/v1/tenants/${tenant.id}/frictions/ranking?limit=${PAGE}`;
    const rawUrl = `http://127.0.0.1:${rawPort}/ranking`;
    const headers = { authorization: `Bearer ${accessToken}` };
    const viaApi = await api(base, `/v1/tenants/${tenant.id}/frictions/ranking?limit=${PAGE}`, { token: accessToken });
    const raw = await ctx.getJson(rawUrl);
    const ids = (rows) => JSON.stringify(rows.slice(0, PAGE).map((r) => r.frictionId ?? r.id));
    if (viaApi.model?.id !== model.id || viaApi.data.length !== PAGE || ids(viaApi.data) !== ids(raw.json.data)) {
      throw new Error(`the sides disagree: api ${JSON.stringify(viaApi).slice(0, 300)}, raw ${raw.text.slice(0, 300)}`);
    }

    const seqApi = await sequential(apiUrl, headers);
    const seqRaw = await sequential(rawUrl, {});
    ctx.log(
      `  one request at a time (200 each): api p50 ${seqApi.p50} ms, p95 ${seqApi.p95} ms; raw p50 ${seqRaw.p50} ms, p95 ${seqRaw.p95} ms`,
    );
    const writer = new pg.Client({ connectionString: ownerUrl, application_name: 'rumbo-bench-writer' });
    await writer.connect();
    let coldApi;
    try {
      // Rewriting one friction's effort value (the same value) is a write like any other to the triggers: the revision moves.
      const bump = async () => {
        await writer.query('BEGIN');
        await writer.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenant.id]);
        await writer.query(
          `UPDATE friction_criterion_values SET value = value
            WHERE tenant_id = $1 AND friction_id = (SELECT friction_id FROM friction_criterion_values WHERE tenant_id = $1 LIMIT 1)`,
          [tenant.id],
        );
        await writer.query('COMMIT');
      };
      coldApi = await sequential(apiUrl, headers, 30, bump);
    } finally {
      await writer.end();
    }
    ctx.log(`  cold, each read right after a write (30): api p50 ${coldApi.p50} ms, p95 ${coldApi.p95} ms, max ${coldApi.max} ms`);
    ctx.log(
      `  load: ${ctx.rounds} interleaved rounds per side, the first page (${PAGE}) of ${FRICTIONS.toLocaleString('en-US')} frictions`,
    );
    const out = await ctx.compareLoad({
      subjectUrl: apiUrl,
      baselineUrl: rawUrl,
      subjectRequest: { headers },
      baselineRequest: {},
      subjectProcess: apiProcess,
      baselineProcess: rawProcess,
    });
    return {
      ...out,
      subject: { ...out.subject, sequentialMs: seqApi, coldMs: coldApi },
      baseline: { ...out.baseline, sequentialMs: seqRaw },
    };
  },
};
