import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import request from 'supertest';
import { bearer, Fixtures, login, unique, type TenantFixture, type Tokens } from './helpers/fixtures';
import { createTestApp, type TestApp } from './helpers/test-app';

/** The repository root: the auditor runs the script from a checkout, with no Rumbo code loaded. */
const REPO_ROOT = resolve(__dirname, '../../..');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * docs/auditor.md: scripts/verify-audit-chain.mjs recomputes a tenant's chain through the public API
 * only. Here it runs as a separate process against the real application listening on a local port.
 */
describe('the auditor’s verifier script (scripts/verify-audit-chain.mjs)', () => {
  let t: TestApp;
  let fx: Fixtures;
  let base: string;
  let tenant: TenantFixture;
  let tokens: Tokens;
  /** The tenant's chain as stored, oldest first. */
  let events: { seq: number; id: string; action: string; hash: string }[];

  /** Runs the script in a child process (asynchronously: the server it calls lives in this process). */
  function verifier(): Promise<Run> {
    return new Promise((done, fail) => {
      const child = spawn(
        process.execPath,
        ['scripts/verify-audit-chain.mjs', '--url', base, '--tenant', tenant.id, '--token', tokens.accessToken],
        { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('error', fail);
      child.on('close', (code) => done({ code, stdout, stderr }));
    });
  }

  const verifyInApi = () => request(t.server).post(`/v1/tenants/${tenant.id}/audit-events/verify`).set('Authorization', bearer(tokens));

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    fx = await Fixtures.open();
    tenant = await fx.tenant({ kind: 'region' });
    const admin = await fx.user({ memberships: [{ tenantId: tenant.id, role: 'admin' }] });
    tokens = await login(t, admin);

    // Audited changes in the tenant's chain (a child's creation is recorded in its parent's chain).
    const child = await request(t.server)
      .post(`/v1/tenants/${tenant.id}/children`)
      .set('Authorization', bearer(tokens))
      .send({ code: unique('ver-child'), kind: 'municipality', name: unique('Verified child') });
    expect(child.status).toBe(201);
    const patched = await request(t.server)
      .patch(`/v1/tenants/${tenant.id}`)
      .set('Authorization', bearer(tokens))
      .send({ name: unique('Región «verificada»'), population: 12345 });
    expect(patched.status).toBe(200);
    const key = await request(t.server)
      .post(`/v1/tenants/${tenant.id}/api-keys`)
      .set('Authorization', bearer(tokens))
      .send({ name: 'verified key', scopes: ['read'] });
    expect(key.status).toBe(201);
    const revoked = await request(t.server).delete(`/v1/tenants/${tenant.id}/api-keys/${key.body.id}`).set('Authorization', bearer(tokens));
    expect(revoked.status).toBe(204);

    events = await fx.query('SELECT seq::int AS seq, id, action, hash FROM audit_events WHERE tenant_id = $1 ORDER BY seq', [tenant.id]);
    expect(events.map((e) => [e.seq, e.action])).toEqual([
      [1, 'tenant.created'],
      [2, 'tenant.updated'],
      [3, 'api_key.created'],
      [4, 'api_key.updated'],
    ]);
  });
  afterAll(async () => {
    await fx?.close();
    await t?.close();
  });

  it('an untouched chain verifies: exit code 0, every event checked, the newest hash as head', async () => {
    const run = await verifier();
    expect(run).toEqual({ code: 0, stdout: expect.any(String), stderr: '' });
    expect(JSON.parse(run.stdout)).toEqual({ ok: true, checked: events.length, head: events[events.length - 1].hash });
    expect((await verifyInApi()).body).toEqual({ ok: true, checked: events.length });
  });

  it('an event altered in the database: exit code 1, broken at that event, as the API reports', async () => {
    const k = 2;
    const [{ after }] = await fx.query<{ after: string | null }>(
      'SELECT after::text AS after FROM audit_events WHERE tenant_id = $1 AND seq = $2',
      [tenant.id, k],
    );
    expect(after).not.toBeNull();
    await fx.query(`UPDATE audit_events SET after = after || '{"population": 999999}'::jsonb WHERE tenant_id = $1 AND seq = $2`, [
      tenant.id,
      k,
    ]);
    try {
      const run = await verifier();
      expect(run).toEqual({ code: 1, stdout: expect.any(String), stderr: '' });
      expect(JSON.parse(run.stdout)).toEqual({ ok: false, brokenAt: k, reason: 'content does not match its hash' });

      const api = await verifyInApi();
      expect(api.status).toBe(200);
      expect(api.body).toEqual({ ok: false, checked: k - 1, brokenAt: { seq: k, id: events[k - 1].id, reason: expect.any(String) } });
    } finally {
      await fx.query('UPDATE audit_events SET after = $3::jsonb WHERE tenant_id = $1 AND seq = $2', [tenant.id, k, after]);
    }
    expect((await verifyInApi()).body).toEqual({ ok: true, checked: events.length });
  });
});
