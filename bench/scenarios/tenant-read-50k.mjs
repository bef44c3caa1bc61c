// Tenant-scoped reads at 50,000 tenants vs the same reads on a small hierarchy, through the same
// API process in the same run (issue 9, item 9: a request must cost the same whatever the size of
// the subtree below it). One administrator holds a role on two regions: a big one (50 provinces ×
// 1,000 municipalities = 50,050 descendants) and a small one (one province). Each connection
// alternates two reads on its region: GET /v1/tenants/{region} (the read of `tenant-read`, under the
// directory's policy) and GET /v1/tenants/{region}/members (a tenant table, memberships, joined with
// users, under the tenant-table policy). A ratio of 1.00 means the 50,000 tenants below cost nothing;
// below 0.90 the hierarchy's size shows.
//
// The big subtree is written as the database owner with two set-based INSERTs (the ancestors
// trigger derives each path, as for any insert), then ANALYZEd as autovacuum would soon do.
import pg from 'pg';
import { BENCH_ADMIN, callApi as api, startRumboApi } from '../lib/rumbo-api.mjs';

const PROVINCES = 50;
const MUNICIPALITIES_PER_PROVINCE = 1_000;
const MEMBER_PASSWORD = 'bench-member-password-2026';

/** Runs `sql` as the owner in a transaction whose context the forced policies accept (platform, tenant). */
async function asOwner(client, { tenantId = '' } = {}, statements) {
  await client.query('BEGIN');
  try {
    await client.query(`SELECT set_config('app.platform', 'on', true), set_config('app.tenant_id', $1, true)`, [tenantId]);
    for (const [sql, params] of statements) await client.query(sql, params);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

export default {
  name: 'tenant-read-50k',
  baseline:
    'the same API and admin reading a small region (1 descendant) instead of one with 50,050 descendants (tenant and members reads)',

  async run(ctx) {
    const { base, ownerUrl, process: apiProcess } = await startRumboApi(ctx);
    const { accessToken: adminToken } = await api(base, '/v1/auth/login', { method: 'POST', body: BENCH_ADMIN });
    const prefix = `BX${Date.now().toString(36)}`;
    const region = (code, name) => api(base, '/v1/tenants', { method: 'POST', token: adminToken, body: { code, kind: 'region', name } });
    const small = await region(`${prefix}-S`, `Bench small ${prefix}`);
    await api(base, `/v1/tenants/${small.id}/children`, {
      method: 'POST',
      token: adminToken,
      body: { code: `${prefix}-SP`, kind: 'province', name: `Bench small province ${prefix}` },
    });
    const big = await region(`${prefix}-B`, `Bench big ${prefix}`);

    const client = new pg.Client({ connectionString: ownerUrl, application_name: 'rumbo-bench-setup' });
    await client.connect();
    let accessToken;
    try {
      const started = Date.now();
      await asOwner(client, {}, [
        [
          `INSERT INTO tenants (id, parent_id, kind, code, name, population)
           SELECT gen_random_uuid(), $1, 'province', $2 || '-P' || p, 'Provincia ' || p, 100000 + p FROM generate_series(1, $3::int) p`,
          [big.id, prefix, PROVINCES],
        ],
        [
          `INSERT INTO tenants (id, parent_id, kind, code, name, population)
           SELECT gen_random_uuid(), p.id, 'municipality', p.code || '-M' || m, p.name || ' / ' || m, m * 7
             FROM tenants p, generate_series(1, $2::int) m WHERE p.parent_id = $1`,
          [big.id, MUNICIPALITIES_PER_PROVINCE],
        ],
      ]);
      await client.query('ANALYZE tenants');
      const [{ n }] = (await client.query('SELECT count(*)::int AS n FROM tenants WHERE ancestors @> ARRAY[$1::uuid]', [big.id])).rows;
      ctx.log(
        `  ${n.toLocaleString('en-US')} descendants under the big region, written in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      if (n !== PROVINCES * (MUNICIPALITIES_PER_PROVINCE + 1))
        throw new Error(`expected ${PROVINCES * (MUNICIPALITIES_PER_PROVINCE + 1)} descendants, got ${n}`);

      // One admin of both regions: the same principal, the same token, on either side.
      const invitation = await api(base, `/v1/tenants/${small.id}/invitations`, {
        method: 'POST',
        token: adminToken,
        body: { email: `member-${prefix.toLowerCase()}@rumbo.bench`, role: 'admin' },
      });
      ({ accessToken } = await api(base, '/v1/invitations/accept', {
        method: 'POST',
        body: { token: invitation.token, name: 'Bench member', password: MEMBER_PASSWORD },
      }));
      const me = await api(base, '/v1/auth/me', { token: accessToken });
      await asOwner(client, { tenantId: big.id }, [
        [`INSERT INTO memberships (tenant_id, id, user_id, role) VALUES ($1, gen_random_uuid(), $2, 'admin')`, [big.id, me.id]],
      ]);
    } finally {
      await client.end();
    }

    const headers = { authorization: `Bearer ${accessToken}` };
    const reads = (id) => [
      { method: 'GET', path: `/v1/tenants/${id}`, headers },
      { method: 'GET', path: `/v1/tenants/${id}/members`, headers },
    ];
    for (const [tenant, children] of [
      [big, PROVINCES],
      [small, 1],
    ]) {
      const read = await api(base, `/v1/tenants/${tenant.id}`, { token: accessToken });
      const members = await api(base, `/v1/tenants/${tenant.id}/members`, { token: accessToken });
      if (read.id !== tenant.id || read.childCount !== children || members.data.length !== 1) {
        throw new Error(
          `unexpected answers for ${tenant.code}: ${JSON.stringify(read).slice(0, 200)} ${JSON.stringify(members).slice(0, 200)}`,
        );
      }
    }

    ctx.log(`  load: ${ctx.rounds} interleaved rounds per side, each connection alternating the tenant and members reads`);
    return ctx.compareLoad({
      subjectUrl: `${base}/v1/tenants/${big.id}`,
      baselineUrl: `${base}/v1/tenants/${small.id}`,
      subjectRequest: { requests: reads(big.id) },
      baselineRequest: { requests: reads(small.id) },
      subjectProcess: apiProcess,
      baselineProcess: apiProcess,
    });
  },
};
