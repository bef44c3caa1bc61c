import { frictionsAs, THREE_LINES } from './helpers/frictions';
import { expectProblem } from './helpers/fixtures';
import {
  createAssessment,
  importModel,
  openMaturityWorld,
  smallModel,
  smallModelAnswers,
  uniqueModelKey,
  type MaturityWorld,
} from './helpers/maturity';

describe('frictions: root causes, gap costs, lifecycle, settings', () => {
  let w: MaturityWorld;
  let base: string;
  let as: ReturnType<typeof frictionsAs>;
  let gaps: { areaKey: string; dimensionKey: string; score: number; level: number; nextLevel: number | null; shortfall: number | null }[];
  let assessmentId: string;

  beforeAll(async () => {
    w = await openMaturityWorld();
    base = `/v1/tenants/${w.r.id}/frictions`;
    as = frictionsAs(w.t, w.tokens.analyst);
    const assessment = await createAssessment(w.t, w.tokens.analyst, w.r.id, w.small.id, { answers: smallModelAnswers(), submit: true });
    assessmentId = assessment.id;
    gaps = (await as.get(`/v1/tenants/${w.r.id}/assessments/${assessmentId}/gaps`)).body.data;
  });
  afterAll(async () => {
    await w?.close();
  });

  it('a root cause shows the dimension’s score, level and shortfall in the latest submitted assessment', async () => {
    const res = await as.post(base, {
      title: 'Sin copia de seguridad',
      area: 'internal-management',
      rootCauses: [{ modelId: w.small.modelId, areaKey: 'tech', dimensionKey: 'tech.data' }],
    });
    expect(res.status).toBe(201);
    const gap = gaps.find((g) => g.dimensionKey === 'tech.data')!;
    expect(res.body.rootCauses).toEqual([
      {
        modelId: w.small.modelId,
        modelKey: w.smallKey,
        areaKey: 'tech',
        dimensionKey: 'tech.data',
        dimensionName: 'Data',
        assessmentId,
        period: expect.any(String),
        score: gap.score,
        level: gap.level,
        nextLevel: gap.nextLevel,
        shortfall: gap.shortfall,
      },
    ]);
  });

  it('a root cause in another tenant’s model, an unknown model or an unknown dimension is refused (422)', async () => {
    const sModel = await importModel(w.t, w.tokens.adminS, smallModel(uniqueModelKey('region-s')), { tenantId: w.s.id, publish: true });
    for (const cause of [
      { modelId: sModel.modelId, areaKey: 'tech', dimensionKey: 'tech.data' },
      { modelId: '0194c1f0-7a2b-7c3d-8e4f-5a6b7c8d9e0f', areaKey: 'tech', dimensionKey: 'tech.data' },
      { modelId: w.small.modelId, areaKey: 'tech', dimensionKey: 'tech.nothing' },
    ]) {
      const res = await as.post(base, { title: 'x', area: 'health', rootCauses: [cause] });
      expectProblem(res, 422, 'friction-root-cause-invalid');
      expect(res.body.errors).toHaveLength(1);
    }
    // The region's own model serves it, and its municipality too (an ancestor's model).
    const own = await as.post(base, {
      title: 'x',
      area: 'health',
      rootCauses: [{ modelId: w.rOwned.modelId, areaKey: 'people', dimensionKey: 'people.skills' }],
    });
    expect(own.status).toBe(201);
    const m = frictionsAs(w.t, w.tokens.adminM);
    const inM = await m.post(`/v1/tenants/${w.m.id}/frictions`, {
      title: 'x',
      area: 'health',
      rootCauses: [{ modelId: w.rOwned.modelId, areaKey: 'people', dimensionKey: 'people.skills' }],
    });
    expect(inM.status).toBe(201);
    expect(inM.body.rootCauses[0]).toMatchObject({ assessmentId: null, score: null, shortfall: null });
  });

  it('gap costs: per dimension, the open frictions rooted in it and the sums of their cost and hours', async () => {
    const cause = { modelId: w.small.modelId, areaKey: 'people', dimensionKey: 'people.skills' };
    const a = await as.post(base, {
      title: 'A',
      area: 'training',
      rootCauses: [cause],
      occurrencesPerYear: 100,
      hoursLostPerOccurrence: 1,
      costPerHour: 30,
    });
    const b = await as.post(base, { title: 'B', area: 'training', rootCauses: [cause], burdens: THREE_LINES });
    const closed = await as.post(base, {
      title: 'C',
      area: 'training',
      rootCauses: [cause],
      occurrencesPerYear: 1,
      hoursLostPerOccurrence: 1,
      costPerHour: 1,
    });
    expect((await as.post(`${base}/${closed.body.id}/status`, { status: 'discarded' })).status).toBe(200);
    const res = await as.get(`${base}/gap-costs`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ modelId: w.small.modelId, assessmentId });
    const skills = res.body.data.find((d: { dimensionKey: string }) => d.dimensionKey === 'people.skills');
    const gap = gaps.find((g) => g.dimensionKey === 'people.skills')!;
    // 100 × 1 × 30 = 3,000 and 635,200 (24,850 h): 638,200 and 24,950 h; the discarded one does not count.
    expect(skills).toMatchObject({
      frictionCount: 2,
      annualCost: 638200,
      annualHours: 24950,
      score: gap.score,
      shortfall: gap.shortfall,
      dimensionName: 'Skills',
    });
    expect(skills.frictions).toEqual([
      { id: b.body.id, title: 'B', annualCost: 635200 },
      { id: a.body.id, title: 'A', annualCost: 3000 },
    ]);
    expect(res.body.data.map((d: { dimensionKey: string }) => d.dimensionKey).sort()).toEqual(['people.skills', 'tech.data', 'tech.infra']);
    expectProblem(await as.get(`${base}/gap-costs`, { modelId: '0194c1f0-7a2b-7c3d-8e4f-5a6b7c8d9e0f' }), 422, 'friction-model-unusable');
  });

  it('the lifecycle allows its moves, refuses the others with the statuses allowed, and audits each move', async () => {
    const f = (await as.post(base, { title: 'Ciclo', area: 'justice' })).body;
    const move = (status: string, note?: string) => as.post(`${base}/${f.id}/status`, note ? { status, note } : { status });
    const skip = await move('resolved');
    expectProblem(skip, 409, 'friction-transition-invalid');
    expect(skip.body.allowed).toEqual(['analysed', 'discarded']);
    for (const status of ['analysed', 'prioritised', 'addressed', 'resolved']) {
      const res = await move(status, `a ${status}`);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe(status);
    }
    expect((await move('resolved')).status).toBe(200); // already there: no change
    const final = await move('discarded');
    expectProblem(final, 409, 'friction-transition-invalid');
    expect(final.body.allowed).toEqual([]);
    const events = await w.fx.query<{ before: { status: string }; after: { status: string; note?: string } }>(
      `SELECT before, after FROM audit_events WHERE entity_id = $1 AND action = 'friction.status-changed' ORDER BY seq`,
      [f.id],
    );
    expect(events.map((e) => [e.before.status, e.after.status, e.after.note])).toEqual([
      ['identified', 'analysed', 'a analysed'],
      ['analysed', 'prioritised', 'a prioritised'],
      ['prioritised', 'addressed', 'a addressed'],
      ['addressed', 'resolved', 'a resolved'],
    ]);
    // Discarded reopens to identified.
    const g = (await as.post(base, { title: 'Reabrir', area: 'justice' })).body;
    expect((await as.post(`${base}/${g.id}/status`, { status: 'discarded' })).body.status).toBe('discarded');
    expect((await as.post(`${base}/${g.id}/status`, { status: 'identified' })).body.status).toBe('identified');
  });

  it('bulk status: moves what the lifecycle allows, lists the rest by position', async () => {
    const one = (await as.post(base, { title: 'Uno', area: 'justice' })).body;
    const two = (await as.post(base, { title: 'Dos', area: 'justice', status: 'resolved' })).body;
    const foreign = (await frictionsAs(w.t, w.tokens.adminS).post(`/v1/tenants/${w.s.id}/frictions`, { title: 'Ajena', area: 'justice' }))
      .body;
    const res = await as.post(`${base}/status`, { ids: [one.id, two.id, foreign.id], status: 'analysed' });
    expect(res.status).toBe(200);
    expect(res.body.updated).toEqual([one.id]);
    expect(res.body.rejected).toEqual([
      expect.objectContaining({ row: 2, field: 'status', code: 'friction-transition-invalid', frictionId: two.id }),
      expect.objectContaining({ row: 3, field: 'ids', code: 'not-found', frictionId: foreign.id }),
    ]);
  });

  it('changing the default rates recomputes the lines that use them, and only those', async () => {
    const admin = frictionsAs(w.t, w.tokens.admin);
    const settingsPath = `/v1/tenants/${w.r.id}/friction-settings`;
    const before = await admin.get(settingsPath);
    expect(before.body).toEqual({ staffTariffPerHour: 42, businessTariffPerHour: 42, currency: 'EUR', version: 0 });
    const f = (await as.post(base, { title: 'Tarifas', area: 'employment', burdens: THREE_LINES })).body;
    const explicit = (
      await as.post(base, {
        title: 'Explícita',
        area: 'employment',
        occurrencesPerYear: 10,
        hoursLostPerOccurrence: 1,
        costPerHour: 50,
        audience: 'staff',
      })
    ).body;
    const put = await admin.put(
      settingsPath,
      { staffTariffPerHour: 35, businessTariffPerHour: null, currency: 'EUR' },
      { 'If-Match': 'W/"0"' },
    );
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ staffTariffPerHour: 35, businessTariffPerHour: null, currency: 'EUR', version: 1 });
    const after = (await as.get(`${base}/${f.id}`)).body;
    // staff 8,000 × 0.2 h × 35 = 56,000; businesses keep their own 42/h: 532,000; citizens 36,000
    expect(after.byAudience.staff).toEqual({ occurrences: 8000, annualHours: 1600, annualCost: 56000 });
    expect(after).toMatchObject({ annualCost: 624000, annualHours: 24850, version: f.version + 1 });
    expect(after.burdens.find((b: { audience: string }) => b.audience === 'staff')).toMatchObject({
      tariffPerHour: 35,
      tariffSource: 'tenant-default',
    });
    expect((await as.get(`${base}/${explicit.id}`)).body).toMatchObject({ annualCost: 500, version: explicit.version });
    expectProblem(
      await admin.put(settingsPath, { staffTariffPerHour: 1, businessTariffPerHour: 1, currency: 'EUR' }, { 'If-Match': 'W/"0"' }),
      412,
    );
    const [event] = await w.fx.query<{ after: { recomputedFrictions: number } }>(
      `SELECT after FROM audit_events WHERE tenant_id = $1 AND action = 'friction-settings.updated' ORDER BY seq DESC LIMIT 1`,
      [w.r.id],
    );
    expect(event.after.recomputedFrictions).toBeGreaterThanOrEqual(1);
  });

  it('areas: the ten built in and the tenant’s own; an area in use or built in cannot be deleted', async () => {
    const path = `/v1/tenants/${w.r.id}/friction-areas`;
    const created = await as.post(path, { key: 'parking', name: { es: 'Aparcamiento', en: 'Parking' } });
    expect(created.status).toBe(201);
    expectProblem(await as.post(path, { key: 'parking', name: { es: 'A', en: 'B' } }), 409, 'friction-area-exists');
    expectProblem(await as.post(path, { key: 'mobility', name: { es: 'A', en: 'B' } }), 409, 'friction-area-exists');
    // Found by the contract fuzz test: a missing or non-object name was a 500.
    for (const body of [{ key: 'sin-nombre' }, { key: 'sin-nombre', name: 'Aparcamiento' }, { key: 'sin-nombre', name: null }]) {
      expectProblem(await as.post(path, body), 400, 'validation-error');
    }
    const list = (await as.get(path)).body.data;
    expect(list).toHaveLength(11);
    expect(list[10]).toEqual({ key: 'parking', name: { es: 'Aparcamiento', en: 'Parking' }, builtIn: false });
    const used = (await as.post(base, { title: 'Sin plazas', area: 'parking' })).body;
    expectProblem(await as.delete(`${path}/parking`), 409, 'friction-area-in-use');
    expectProblem(await as.delete(`${path}/mobility`), 409, 'friction-area-built-in');
    expect((await as.delete(`${base}/${used.id}`)).status).toBe(204);
    expect((await as.delete(`${path}/parking`)).status).toBe(204);
    expectProblem(await as.delete(`${path}/parking`), 404, 'not-found');
  });
});
