import request from 'supertest';
import { auditCanonical, chainHash, GENESIS_HASH } from '../src/audit/audit-trail.service';
import type { AuditEvent } from '../src/audit/audit-event.entity';
import { bearer, expectProblem, Fixtures, login, unique, type Tokens, type UserFixture } from './helpers/fixtures';
import { createTestApp, type TestApp } from './helpers/test-app';

interface EventDto {
  id: string;
  seq: number;
  tenantId: string;
  occurredAt: string;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
  ip: string | null;
  prevHash: string;
  hash: string;
}

describe('audit trail', () => {
  let t: TestApp;
  let fx: Fixtures;
  let platformUser: UserFixture;
  let platform: Tokens;

  beforeAll(async () => {
    t = await createTestApp();
    fx = await Fixtures.open();
    platformUser = await fx.user({ platformAdmin: true });
    platform = await login(t, platformUser);
  });
  afterAll(async () => {
    await fx?.close();
    await t?.close();
  });

  /** A root tenant created through the API (its chain starts with its own creation), and an admin of it. */
  async function auditedTenant(): Promise<{ id: string; name: string; admin: UserFixture; adminTokens: Tokens }> {
    const name = unique('Audited');
    const res = await request(t.server)
      .post('/v1/tenants')
      .set('Authorization', bearer(platform))
      .send({ code: unique('aud'), kind: 'region', name });
    expect(res.status).toBe(201);
    const admin = await fx.user({ memberships: [{ tenantId: res.body.id, role: 'admin' }] });
    return { id: res.body.id, name, admin, adminTokens: await login(t, admin) };
  }

  async function allEvents(tenantId: string, tokens: Tokens, query: Record<string, string | number> = {}): Promise<EventDto[]> {
    const res = await request(t.server)
      .get(`/v1/tenants/${tenantId}/audit-events`)
      .query({ limit: 200, ...query })
      .set('Authorization', bearer(tokens));
    expect(res.status).toBe(200);
    return res.body.data as EventDto[];
  }

  const verify = (tenantId: string, tokens: Tokens) =>
    request(t.server).post(`/v1/tenants/${tenantId}/audit-events/verify`).set('Authorization', bearer(tokens));

  describe('a tenant administered through the API', () => {
    let tenant: Awaited<ReturnType<typeof auditedTenant>>;
    /** What each mutation's response said, in order. */
    const steps: { action: string; requestId: string; actorId: string; entityId?: string }[] = [];
    let events: EventDto[];
    const secrets: string[] = [];
    let membershipId: string;
    let invitee: { id: string; tokens: Tokens };

    beforeAll(async () => {
      tenant = await auditedTenant();
      const admin = bearer(tenant.adminTokens);
      const adminId = tenant.admin.id;
      secrets.push(tenant.adminTokens.accessToken, tenant.adminTokens.refreshToken, platform.accessToken, platform.refreshToken);
      const send = async (
        req: request.Test,
        expected: number,
        audit: { action: string; actorId: string; entityId?: (body: Record<string, string>) => string }[],
      ) => {
        const requestId = unique('req');
        const res = await req.set('X-Request-Id', requestId);
        expect(res.status).toBe(expected);
        expect(res.headers['x-request-id']).toBe(requestId);
        for (const a of audit) steps.push({ action: a.action, requestId, actorId: a.actorId, entityId: a.entityId?.(res.body) });
        return res;
      };

      await send(
        request(t.server)
          .post(`/v1/tenants/${tenant.id}/children`)
          .set('Authorization', admin)
          .send({
            code: unique('aud-child'),
            kind: 'municipality',
            name: unique('Audited child'),
          }),
        201,
        [{ action: 'tenant.created', actorId: adminId, entityId: (b) => b.id }],
      );
      await send(
        request(t.server)
          .patch(`/v1/tenants/${tenant.id}`)
          .set('Authorization', admin)
          .send({ name: `${tenant.name} (renamed)` }),
        200,
        [{ action: 'tenant.updated', actorId: adminId, entityId: () => tenant.id }],
      );
      const key = await send(
        request(t.server)
          .post(`/v1/tenants/${tenant.id}/api-keys`)
          .set('Authorization', admin)
          .send({ name: 'audited key', scopes: ['read'] }),
        201,
        [{ action: 'api_key.created', actorId: adminId, entityId: (b) => b.id }],
      );
      // The secret part may itself contain '_': cut after the fixed-length prefix rmb_<32 hex>_.
      secrets.push(key.body.key, key.body.key.slice('rmb_'.length + 33));
      await send(request(t.server).delete(`/v1/tenants/${tenant.id}/api-keys/${key.body.id}`).set('Authorization', admin), 204, [
        { action: 'api_key.updated', actorId: adminId, entityId: () => key.body.id },
      ]);
      const invitation = await send(
        request(t.server)
          .post(`/v1/tenants/${tenant.id}/invitations`)
          .set('Authorization', admin)
          .send({ email: `${unique('audit-invitee')}@test.example`, role: 'viewer' }),
        201,
        [{ action: 'invitation.created', actorId: adminId, entityId: (b) => b.id }],
      );
      secrets.push(invitation.body.token, invitation.body.token.slice('rmbi_'.length + 33));
      const accepted = await send(
        request(t.server)
          .post('/v1/invitations/accept')
          .send({ token: invitation.body.token, name: 'Invited Person', password: 'invitee password 123' }),
        200,
        [],
      );
      secrets.push(accepted.body.accessToken, accepted.body.refreshToken, 'invitee password 123');
      const [{ id: inviteeId }] = await fx.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [invitation.body.email]);
      invitee = { id: inviteeId, tokens: accepted.body };
      const last = String(accepted.headers['x-request-id']);
      [{ id: membershipId }] = await fx.query<{ id: string }>('SELECT id FROM memberships WHERE tenant_id = $1 AND user_id = $2', [
        tenant.id,
        inviteeId,
      ]);
      steps.push({ action: 'membership.created', requestId: last, actorId: inviteeId, entityId: membershipId });
      steps.push({ action: 'invitation.updated', requestId: last, actorId: inviteeId, entityId: invitation.body.id });
      await send(
        request(t.server).patch(`/v1/tenants/${tenant.id}/members/${membershipId}`).set('Authorization', admin).send({ role: 'analyst' }),
        200,
        [{ action: 'membership.updated', actorId: adminId, entityId: () => membershipId }],
      );

      for (const row of await fx.query<{ h: string }>(
        `SELECT password_hash AS h FROM users WHERE id = ANY ($1::uuid[])
          UNION ALL SELECT secret_hash FROM api_keys WHERE tenant_id = $2
          UNION ALL SELECT token_hash FROM invitations WHERE tenant_id = $2`,
        [[tenant.admin.id, platformUser.id, inviteeId], tenant.id],
      )) {
        secrets.push(row.h);
      }
      events = (await allEvents(tenant.id, tenant.adminTokens)).reverse();
    });

    it('appends one event per change, in order, with a gapless sequence and linked hashes', () => {
      expect(events.map((e) => e.action)).toEqual(['tenant.created', ...steps.map((s) => s.action)]);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      expect(events[0].prevHash).toBe(GENESIS_HASH);
      for (let i = 1; i < events.length; i++) expect(events[i].prevHash).toBe(events[i - 1].hash);
      // The root's creation opens its own chain, by the platform administrator.
      expect(events[0]).toMatchObject({ entityType: 'tenant', entityId: tenant.id, actorId: platformUser.id, actorType: 'user' });
    });

    it('records the actor, the entity, the request id of the mutating response and the address', () => {
      for (const [i, step] of steps.entries()) {
        const event = events[i + 1];
        expect(event).toMatchObject({
          tenantId: tenant.id,
          action: step.action,
          entityType: step.action.split('.')[0],
          actorType: 'user',
          actorId: step.actorId,
          requestId: step.requestId,
          ip: expect.stringMatching(/127\.0\.0\.1|::1/),
        });
        if (step.entityId) expect(event.entityId).toBe(step.entityId);
        expect(event.actorLabel).toMatch(/@test\.example$/);
      }
    });

    it('keeps before and after of each change', () => {
      const renamed = events.find((e) => e.action === 'tenant.updated');
      expect(renamed?.before).toMatchObject({ name: tenant.name });
      expect(renamed?.after).toMatchObject({ name: `${tenant.name} (renamed)` });
      const revoked = events.find((e) => e.action === 'api_key.updated');
      expect(revoked?.before).toMatchObject({ revokedAt: null });
      expect(revoked?.after).toMatchObject({ revokedAt: expect.any(String) });
      const role = events.find((e) => e.action === 'membership.updated');
      expect(role?.before).toMatchObject({ role: 'viewer' });
      expect(role?.after).toMatchObject({ role: 'analyst' });
      expect(events.find((e) => e.action === 'tenant.created' && e.entityId !== tenant.id)?.before).toBeNull();
    });

    it('never stores a secret: no key, token, password or hash of one', () => {
      const json = JSON.stringify(events);
      expect(secrets.length).toBeGreaterThanOrEqual(15);
      for (const secret of secrets) expect(json.includes(secret) ? secret : 'absent').toBe('absent');
      expect(events.find((e) => e.action === 'api_key.created')?.after).toMatchObject({ secretHash: '[redacted]' });
      expect(events.find((e) => e.action === 'invitation.created')?.after).toMatchObject({ tokenHash: '[redacted]' });
    });

    it('verifies', async () => {
      const res = await verify(tenant.id, tenant.adminTokens);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ok: true, checked: events.length });
    });

    it('filters by action prefix, entity type, entity, actor and time window', async () => {
      const keyEvents = await allEvents(tenant.id, tenant.adminTokens, { action: 'api_key.*' });
      expect(keyEvents.map((e) => e.action)).toEqual(['api_key.updated', 'api_key.created']);
      expect((await allEvents(tenant.id, tenant.adminTokens, { action: 'api_key.created' })).map((e) => e.action)).toEqual([
        'api_key.created',
      ]);
      // A prefix is literal: LIKE wildcards in it match nothing.
      expect(await allEvents(tenant.id, tenant.adminTokens, { action: 'api%.*' })).toEqual([]);

      const tenantEvents = await allEvents(tenant.id, tenant.adminTokens, { entityType: 'tenant' });
      expect(tenantEvents.map((e) => e.action)).toEqual(['tenant.updated', 'tenant.created', 'tenant.created']);
      const byEntity = await allEvents(tenant.id, tenant.adminTokens, { entityId: membershipId });
      expect(byEntity.map((e) => e.action)).toEqual(['membership.updated', 'membership.created']);
      const byActor = await allEvents(tenant.id, tenant.adminTokens, { actorId: invitee.id });
      expect(byActor.map((e) => e.action)).toEqual(['invitation.updated', 'membership.created']);

      const from = events[2].occurredAt;
      const to = events[5].occurredAt;
      const windowed = await allEvents(tenant.id, tenant.adminTokens, { from, to });
      const expected = events.filter((e) => e.occurredAt >= from && e.occurredAt < to).reverse();
      expect(expected.length).toBeGreaterThanOrEqual(1);
      expect(windowed.map((e) => e.seq)).toEqual(expected.map((e) => e.seq));
    });

    it('pages with cursors, newest first, without duplicates or gaps', async () => {
      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: request.Response = await request(t.server)
          .get(`/v1/tenants/${tenant.id}/audit-events`)
          .query({ limit: 2, ...(cursor ? { cursor } : {}) })
          .set('Authorization', bearer(tenant.adminTokens));
        expect(res.status).toBe(200);
        expect(res.body.data.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.data.map((e: EventDto) => e.seq));
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor && pages < 50);
      expect(seen).toEqual(events.map((e) => e.seq).reverse());
      expect(pages).toBe(Math.ceil(events.length / 2));
    });

    it('auditors list and verify; analysts and viewers get 403', async () => {
      const auditor = await login(t, await fx.user({ memberships: [{ tenantId: tenant.id, role: 'auditor' }] }));
      expect((await allEvents(tenant.id, auditor)).length).toBe(events.length);
      expect((await verify(tenant.id, auditor)).body).toEqual({ ok: true, checked: events.length });
      for (const role of ['analyst', 'viewer'] as const) {
        const other = await login(t, await fx.user({ memberships: [{ tenantId: tenant.id, role }] }));
        expectProblem(
          await request(t.server).get(`/v1/tenants/${tenant.id}/audit-events`).set('Authorization', bearer(other)),
          403,
          'forbidden',
        );
        expectProblem(await verify(tenant.id, other), 403, 'forbidden');
      }
    });
  });

  describe('tampering in the database is detected', () => {
    let tenant: Awaited<ReturnType<typeof auditedTenant>>;
    let events: EventDto[];

    beforeAll(async () => {
      tenant = await auditedTenant();
      for (let i = 1; i <= 5; i++) {
        const res = await request(t.server)
          .patch(`/v1/tenants/${tenant.id}`)
          .set('Authorization', bearer(tenant.adminTokens))
          .send({ population: i * 100 });
        expect(res.status).toBe(200);
      }
      events = (await allEvents(tenant.id, tenant.adminTokens)).reverse();
      expect(events).toHaveLength(6);
      expect((await verify(tenant.id, tenant.adminTokens)).body).toEqual({ ok: true, checked: 6 });
    });

    it('an altered event breaks the chain at that event; restoring it mends it', async () => {
      const k = 3;
      const [{ after }] = await fx.query<{ after: string }>(
        'SELECT after::text AS after FROM audit_events WHERE tenant_id = $1 AND seq = $2',
        [tenant.id, k],
      );
      await fx.query(`UPDATE audit_events SET after = jsonb_set(after, '{population}', '999999') WHERE tenant_id = $1 AND seq = $2`, [
        tenant.id,
        k,
      ]);
      const broken = await verify(tenant.id, tenant.adminTokens);
      expect(broken.status).toBe(200);
      expect(broken.body).toEqual({ ok: false, checked: k - 1, brokenAt: { seq: k, id: events[k - 1].id, reason: expect.any(String) } });

      await fx.query('UPDATE audit_events SET after = $3::jsonb WHERE tenant_id = $1 AND seq = $2', [tenant.id, k, after]);
      expect((await verify(tenant.id, tenant.adminTokens)).body).toEqual({ ok: true, checked: 6 });
    });

    it('an altered event whose own hash is recomputed still breaks the chain at the next event', async () => {
      const k = 2;
      const original = events[k - 1];
      const forged = { ...original, occurredAt: new Date(original.occurredAt), after: { ...original.after, population: 1 } };
      const hash = chainHash(original.prevHash, auditCanonical(forged as unknown as AuditEvent));
      await fx.query(`UPDATE audit_events SET after = $3::jsonb, hash = $4 WHERE tenant_id = $1 AND seq = $2`, [
        tenant.id,
        k,
        JSON.stringify(forged.after),
        hash,
      ]);
      try {
        const res = await verify(tenant.id, tenant.adminTokens);
        expect(res.body).toEqual({ ok: false, checked: k, brokenAt: { seq: k + 1, id: events[k].id, reason: expect.any(String) } });
      } finally {
        await fx.query(`UPDATE audit_events SET after = $3::jsonb, hash = $4 WHERE tenant_id = $1 AND seq = $2`, [
          tenant.id,
          k,
          JSON.stringify(original.after),
          original.hash,
        ]);
      }
      expect((await verify(tenant.id, tenant.adminTokens)).body).toEqual({ ok: true, checked: 6 });
    });

    it('a deleted event in the middle breaks the chain at the next sequence number', async () => {
      const k = 4;
      await fx.query('DELETE FROM audit_events WHERE tenant_id = $1 AND seq = $2', [tenant.id, k]);
      const res = await verify(tenant.id, tenant.adminTokens);
      expect(res.body).toEqual({ ok: false, checked: k - 1, brokenAt: { seq: k + 1, id: events[k].id, reason: expect.any(String) } });
    });
  });

  it('concurrent changes in one tenant produce a gapless chain that verifies', async () => {
    const tenant = await auditedTenant();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        request(t.server)
          .post(`/v1/tenants/${tenant.id}/children`)
          .set('Authorization', bearer(tenant.adminTokens))
          .send({ code: unique('conc'), kind: 'municipality', name: `Concurrent ${i}` }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    const events = (await allEvents(tenant.id, tenant.adminTokens)).reverse();
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
    expect(new Set(events.slice(1).map((e) => e.entityId))).toEqual(new Set(results.map((r) => r.body.id)));
    expect((await verify(tenant.id, tenant.adminTokens)).body).toEqual({ ok: true, checked: 11 });
  });
});
