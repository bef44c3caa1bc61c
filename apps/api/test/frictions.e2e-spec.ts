import { frictionsAs, THREE_LINES } from './helpers/frictions';
import { openMaturityWorld, type MaturityWorld } from './helpers/maturity';
import { expectProblem } from './helpers/fixtures';

describe('frictions: cost, access, ETags', () => {
  let w: MaturityWorld;
  let base: string;
  let as: ReturnType<typeof frictionsAs>;

  beforeAll(async () => {
    w = await openMaturityWorld();
    base = `/v1/tenants/${w.r.id}/frictions`;
    as = frictionsAs(w.t, w.tokens.analyst);
  });
  afterAll(async () => {
    await w?.close();
  });

  it('shorthand: annualCost = occurrences × (hours × rate + direct cost), one citizens line', async () => {
    const res = await as.post(base, {
      title: 'Certificado en papel',
      area: 'citizen-response',
      occurrencesPerYear: 1200,
      hoursLostPerOccurrence: 2,
      costPerHour: 42,
      directCostPerOccurrence: 5,
    });
    expect(res.status).toBe(201);
    // 1,200 × (2 × 42 + 5) = 106,800; 1,200 × 2 = 2,400 h
    expect(res.body).toMatchObject({ annualCost: 106800, annualHours: 2400, status: 'identified', currency: 'EUR' });
    expect(res.body.burdens).toEqual([
      expect.objectContaining({
        audience: 'citizens',
        occurrences: 1200,
        minutesPerOccurrence: 120,
        tariffPerHour: 42,
        tariffSource: 'explicit',
        annualCost: 106800,
      }),
    ]);
    expect(res.headers.etag).toBe('W/"1"');
  });

  it('shorthand from affected people, staff at the tenant default (42/h)', async () => {
    const res = await as.post(base, {
      title: 'Validación manual',
      area: 'internal-management',
      affectedPeople: 300,
      occurrencesPerPersonPerYear: 4,
      hoursLostPerOccurrence: 0.5,
      audience: 'staff',
    });
    expect(res.status).toBe(201);
    // 300 × 4 = 1,200 occurrences × 0.5 h = 600 h × 42 = 25,200
    expect(res.body).toMatchObject({ annualCost: 25200, annualHours: 600 });
    expect(res.body.burdens[0]).toMatchObject({ audience: 'staff', tariffSource: 'tenant-default', tariffPerHour: 42 });
  });

  it('burden lines: per line, per audience and in total, exactly', async () => {
    const res = await as.post(base, { title: 'Informe trimestral', area: 'employment', burdens: THREE_LINES });
    expect(res.status).toBe(201);
    expect(res.body.byAudience).toEqual({
      businesses: { occurrences: 8000, annualHours: 12000, annualCost: 532000 },
      staff: { occurrences: 8000, annualHours: 1600, annualCost: 67200 },
      citizens: { occurrences: 15000, annualHours: 11250, annualCost: 36000 },
    });
    expect(res.body).toMatchObject({ annualHours: 24850, annualCost: 635200 });
    expect(res.body.burdens.map((b: { audience: string }) => b.audience)).toEqual(['citizens', 'businesses', 'staff']);
    const again = await as.get(`${base}/${res.body.id}`);
    expect(again.body).toEqual(res.body);
  });

  it('refuses both shapes at once, a repeated audience and bad numbers, naming each field', async () => {
    const both = await as.post(base, {
      title: 'x',
      area: 'health',
      burdens: THREE_LINES,
      occurrencesPerYear: 3,
      hoursLostPerOccurrence: 1,
    });
    expectProblem(both, 422, 'friction-cost-invalid');
    const twice = await as.post(base, { title: 'x', area: 'health', burdens: [THREE_LINES[0], THREE_LINES[0]] });
    expectProblem(twice, 422, 'friction-cost-invalid');
    expect(twice.body.errors).toEqual([expect.objectContaining({ path: 'burdens[1].audience', code: 'duplicate-audience' })]);
    const bad = await as.post(base, {
      title: 'x',
      area: 'health',
      burdens: [{ audience: 'aliens', population: -1, frequencyPerYear: 'x' }],
    });
    expectProblem(bad, 422, 'friction-cost-invalid');
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(
      ['burdens[0].audience', 'burdens[0].frequencyPerYear', 'burdens[0].minutesPerOccurrence', 'burdens[0].population'].sort(),
    );
    const noHours = await as.post(base, { title: 'x', area: 'health', occurrencesPerYear: 10 });
    expectProblem(noHours, 422, 'friction-cost-invalid');
  });

  it('refuses an unknown area, an owner who is not a member, and a ref already used (409)', async () => {
    expectProblem(await as.post(base, { title: 'x', area: 'nowhere' }), 422, 'friction-area-unknown');
    const stranger = await w.fx.user({ memberships: [{ tenantId: w.s.id, role: 'analyst' }] });
    expectProblem(await as.post(base, { title: 'x', area: 'health', ownerId: stranger.id }), 422, 'friction-owner-not-member');
    const member = await w.fx.user({ memberships: [{ tenantId: w.r.id, role: 'viewer' }] });
    expect((await as.post(base, { title: 'x', area: 'health', ownerId: member.id, ref: 'R-1' })).status).toBe(201);
    expectProblem(await as.post(base, { title: 'y', area: 'health', ref: 'R-1' }), 409, 'friction-ref-taken');
  });

  it('whom a friction can be assigned to: the members by name, for any reader; not another tenant’s', async () => {
    const member = await w.fx.user({ memberships: [{ tenantId: w.r.id, role: 'viewer' }] });
    const stranger = await w.fx.user({ memberships: [{ tenantId: w.s.id, role: 'analyst' }] });
    for (const role of ['analyst', 'viewer'] as const) {
      const res = await frictionsAs(w.t, w.tokens[role]).get(`/v1/tenants/${w.r.id}/friction-owners`);
      expect(res.status).toBe(200);
      const ids = res.body.data.map((o: { userId: string }) => o.userId);
      expect(ids).toContain(member.id);
      expect(ids).not.toContain(stranger.id);
      expect(res.body.data.find((o: { userId: string }) => o.userId === member.id)).toEqual({
        userId: member.id,
        name: `User ${member.email}`,
      });
    }
    expectProblem(await frictionsAs(w.t, w.tokens.adminS).get(`/v1/tenants/${w.r.id}/friction-owners`), 404);
  });

  it('another tenant’s friction is a 404, read or written', async () => {
    const created = await as.post(base, { title: 'Mía', area: 'health' });
    const other = frictionsAs(w.t, w.tokens.adminS);
    expectProblem(await other.get(`/v1/tenants/${w.s.id}/frictions/${created.body.id}`), 404, 'not-found');
    expectProblem(await other.patch(`/v1/tenants/${w.s.id}/frictions/${created.body.id}`, { title: 'Robada' }), 404, 'not-found');
    expectProblem(await other.delete(`/v1/tenants/${w.s.id}/frictions/${created.body.id}`), 404, 'not-found');
    const list = await other.get(`/v1/tenants/${w.s.id}/frictions`);
    expect(list.body.data.map((f: { id: string }) => f.id)).not.toContain(created.body.id);
  });

  it('viewers and auditors read but cannot write (403)', async () => {
    for (const role of ['viewer', 'auditor'] as const) {
      const them = frictionsAs(w.t, w.tokens[role]);
      expect((await them.get(base)).status).toBe(200);
      expectProblem(await them.post(base, { title: 'x', area: 'health' }), 403);
      expectProblem(
        await them.put(`/v1/tenants/${w.r.id}/friction-settings`, { staffTariffPerHour: 1, businessTariffPerHour: 1, currency: 'EUR' }),
        403,
      );
    }
    // Settings are for administrators: an analyst writes frictions but not the rates.
    expectProblem(
      await as.put(`/v1/tenants/${w.r.id}/friction-settings`, { staffTariffPerHour: 1, businessTariffPerHour: 1, currency: 'EUR' }),
      403,
    );
  });

  it('PATCH and DELETE honour If-Match (412 on a stale ETag); PATCH burdens replaces every line', async () => {
    const created = await as.post(base, { title: 'Versión', area: 'health', burdens: THREE_LINES });
    const path = `${base}/${created.body.id}`;
    const changed = await as.patch(
      path,
      { burdens: [{ audience: 'citizens', population: 100, frequencyPerYear: 2, minutesPerOccurrence: 30 }] },
      { 'If-Match': 'W/"1"' },
    );
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).toBe('W/"2"');
    // 200 occurrences × 0.5 h = 100 h; citizens have no tariff: cost 0
    expect(changed.body).toMatchObject({ annualHours: 100, annualCost: 0, version: 2 });
    expect(changed.body.burdens).toHaveLength(1);
    expectProblem(await as.patch(path, { title: 'Tarde' }, { 'If-Match': 'W/"1"' }), 412, 'precondition-failed');
    expectProblem(await as.delete(path, { 'If-Match': 'W/"1"' }), 412, 'precondition-failed');
    expect((await as.delete(path, { 'If-Match': 'W/"2"' })).status).toBe(204);
    expectProblem(await as.get(path), 404, 'not-found');
  });

  it('lists with filters, sorts and cursors', async () => {
    const tag = `t${Date.now()}`;
    for (const [title, occurrencesPerYear] of [
      ['Alfa', 10],
      ['Beta', 30],
      ['Gamma', 20],
    ] as const) {
      await as.post(base, { title, area: 'tourism', tags: [tag], occurrencesPerYear, hoursLostPerOccurrence: 1, costPerHour: 10 });
    }
    const first = await as.get(base, { tag, limit: '2' });
    expect(first.body.data.map((f: { title: string }) => f.title)).toEqual(['Beta', 'Gamma']);
    const second = await as.get(base, { tag, limit: '2', cursor: first.body.nextCursor });
    expect(second.body).toMatchObject({ data: [expect.objectContaining({ title: 'Alfa' })], nextCursor: null });
    const byTitle = await as.get(base, { tag, sort: 'title' });
    expect(byTitle.body.data.map((f: { title: string }) => f.title)).toEqual(['Alfa', 'Beta', 'Gamma']);
    const search = await as.get(base, { tag, q: 'gámma' });
    expect(search.body.data.map((f: { title: string }) => f.title)).toEqual(['Gamma']);
  });

  it('the standard-activity table is offered to any caller', async () => {
    const res = await as.get('/v1/method/standard-activities');
    expect(res.status).toBe(200);
    expect(res.body.data).toContainEqual({ key: 'filling-in-forms', simple: 3, medium: 5, complex: 30 });
  });
});
