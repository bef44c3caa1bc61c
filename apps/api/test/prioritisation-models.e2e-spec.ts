import request from 'supertest';
import { expectProblem, unique } from './helpers/fixtures';
import { api, CYCLE, LEADER, openPrioritisationWorld, type PrioritisationWorld } from './helpers/prioritisation';

/**
 * Scoring models and the AHP method endpoint: the leader example, 422 shapes, versions by name,
 * drafts only change, activation (one active, the previous retired and audited; inconsistent AHP
 * refused naming the pair), another tenant's model is a 404 and a viewer cannot write.
 */
describe('prioritisation: scoring models and AHP', () => {
  let w: PrioritisationWorld;
  let models: string;
  beforeAll(async () => {
    w = await openPrioritisationWorld();
    models = `/v1/tenants/${w.tenant.id}/scoring-models`;
  });
  afterAll(async () => w?.close());

  const criteria4 = [
    { key: 'cost', field: 'annualCost', direction: 'higher_is_better' },
    { key: 'hours', field: 'annualHours', direction: 'higher_is_better' },
    { key: 'reach', field: 'population', direction: 'higher_is_better' },
    { key: 'effort', manual: true, direction: 'lower_is_better' },
  ];

  it('POST /v1/method/ahp reproduces the leader example (weights .547/.127/.270/.056, CR 0.044, Saaty 1980 RI)', async () => {
    const res = await api(w.t, w.viewer).post('/v1/method/ahp', { matrix: LEADER });
    expect(res.status).toBe(200);
    const expected = [0.547, 0.127, 0.27, 0.056];
    res.body.weights.forEach((x: number, i: number) => expect(Math.abs(x - expected[i])).toBeLessThan(0.001));
    expect(res.body.lambdaMax).toBeCloseTo(4.118, 2);
    expect(res.body.cr).toBeCloseTo(0.044, 2);
    expect(res.body).toMatchObject({ consistent: true, randomIndex: { table: 'saaty-1980', n: 4, value: 0.9 } });
    expect(Object.keys(res.body).sort()).toEqual(['ci', 'consistent', 'cr', 'lambdaMax', 'mostInconsistentPair', 'randomIndex', 'weights']);
  });

  it('POST /v1/method/ahp answers 422 naming the cells of a non-square, non-reciprocal or non-positive matrix', async () => {
    const cases: [unknown, { path: string; code: string }][] = [
      [[[1, 2], [0.5]], { path: 'matrix[1]', code: 'not-square' }],
      [
        [
          [1, 2],
          [3, 1],
        ],
        { path: 'matrix[0][1]', code: 'not-reciprocal' },
      ],
      [
        [
          [1, -2],
          [-0.5, 1],
        ],
        { path: 'matrix[0][1]', code: 'not-positive' },
      ],
      [
        [
          [1, 'x'],
          [1, 1],
        ],
        { path: 'matrix[0][1]', code: 'not-finite' },
      ],
      [[], { path: 'matrix', code: 'too-small' }],
    ];
    for (const [matrix, error] of cases) {
      const res = await api(w.t, w.viewer).post('/v1/method/ahp', { matrix });
      expectProblem(res, 422, 'invalid-pairwise-matrix');
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ ...error, message: expect.any(String) })]));
    }
    const en = await api(w.t, w.viewer)
      .post('/v1/method/ahp', {
        matrix: [
          [1, 2],
          [3, 1],
        ],
      })
      .set('Accept-Language', 'en');
    expect(en.body.errors[0].message).toMatch(/reciprocal/);
    expectProblem(await request(w.t.server).post('/v1/method/ahp').send({ matrix: LEADER }), 401);
    expectProblem(await api(w.t, w.viewer).post('/v1/method/ahp', { matrix: 'x' }), 400, 'validation-error');
  });

  it('creates drafts; a second model with the same name is its next version', async () => {
    const name = unique('Coste');
    const body = {
      name,
      method: 'weighted',
      criteria: [
        { key: 'cost', field: 'annualCost', direction: 'higher_is_better', weight: 3 },
        { key: 'effort', manual: true, direction: 'lower_is_better', weight: 1 },
      ],
    };
    const first = await api(w.t, w.analyst).post(models, body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ name, version: 1, method: 'weighted', status: 'draft', pairwise: null, ahp: null });
    expect(first.body.criteria.map((c: { weight: number }) => c.weight)).toEqual([0.75, 0.25]);
    const second = await api(w.t, w.analyst).post(models, body);
    expect(second.body).toMatchObject({ name, version: 2, status: 'draft' });
    const list = await api(w.t, w.viewer).get(models);
    expect(list.body.data.filter((m: { name: string }) => m.name === name).map((m: { version: number }) => m.version)).toEqual([2, 1]);
  });

  it('refuses invalid models with 422 naming every field', async () => {
    const cases: [object, { path: string; code: string }[]][] = [
      [
        { method: 'weighted', criteria: [{ key: 'cost', field: 'annualCost', direction: 'higher_is_better' }] },
        [{ path: 'criteria[0].weight', code: 'weightMissing' }],
      ],
      [
        {
          method: 'ahp',
          criteria: criteria4,
          pairwise: [
            [1, 2],
            [0.5, 1],
          ],
        },
        [{ path: 'pairwise', code: 'pairwiseSize' }],
      ],
      [
        { method: 'weighted', criteria: [{ key: 'x', field: 'salary', direction: 'higher_is_better', weight: 1 }] },
        [{ path: 'criteria[0].field', code: 'unknownField' }],
      ],
      [
        { method: 'weighted', criteria: [{ key: 'x', direction: 'higher_is_better', weight: 1 }] },
        [{ path: 'criteria[0]', code: 'sourceMissing' }],
      ],
      [
        {
          method: 'weighted',
          criteria: [
            { key: 'x', field: 'annualCost', manual: true, direction: 'higher_is_better', weight: 1 },
            { key: 'x', manual: true, direction: 'higher_is_better', weight: 1 },
          ],
        },
        [
          { path: 'criteria[0]', code: 'sourceConflict' },
          { path: 'criteria[1].key', code: 'duplicate' },
        ],
      ],
      [{ method: 'ahp', criteria: criteria4 }, [{ path: 'pairwise', code: 'pairwiseRequired' }]],
      [
        {
          method: 'ahp',
          criteria: criteria4.slice(0, 2),
          pairwise: [
            [1, 3],
            [3, 1],
          ],
        },
        [{ path: 'pairwise[0][1]', code: 'not-reciprocal' }],
      ],
      [
        { method: 'rice', criteria: [{ key: 'reach', field: 'population', direction: 'higher_is_better' }] },
        [{ path: 'criteria', code: 'builtInCriteria' }],
      ],
      [{ method: 'weighted', criteria: [] }, [{ path: 'criteria', code: 'criteriaRequired' }]],
    ];
    for (const [body, errors] of cases) {
      const res = await api(w.t, w.analyst).post(models, { name: unique('bad'), ...body });
      expectProblem(res, 422, 'invalid-scoring-model');
      expect(res.body.errors.map((e: { path: string; code: string }) => ({ path: e.path, code: e.code }))).toEqual(errors);
    }
  });

  it('RICE without criteria takes the built-in ones (reach from the population, the rest manual)', async () => {
    const res = await api(w.t, w.analyst).post(models, { name: unique('RICE'), method: 'rice' });
    expect(res.status).toBe(201);
    expect(res.body.criteria.map((c: { key: string; field: string | null }) => [c.key, c.field])).toEqual([
      ['reach', 'population'],
      ['impact', null],
      ['confidence', null],
      ['effort', null],
    ]);
  });

  it('activating an inconsistent AHP model is a 422 naming the most inconsistent pair by criterion keys', async () => {
    const created = await api(w.t, w.analyst).post(models, {
      name: unique('ciclo'),
      method: 'ahp',
      criteria: criteria4.slice(0, 3),
      pairwise: CYCLE,
    });
    expect(created.status).toBe(201);
    expect(created.body.ahp.consistent).toBe(false);
    const res = await api(w.t, w.admin).post(`${models}/${created.body.id}/activate`);
    expectProblem(res, 422, 'scoring-model-inconsistent');
    expect(res.body.cr).toBeGreaterThan(0.1);
    const pair = res.body.pair;
    expect(pair).toMatchObject({
      i: expect.any(Number),
      j: expect.any(Number),
      value: expect.any(Number),
      suggestedValue: expect.any(Number),
    });
    expect(pair.criteria).toEqual([criteria4[pair.i].key, criteria4[pair.j].key]);
    expect(pair.value).toBeCloseTo(CYCLE[pair.i][pair.j], 9);
    expect(res.body.detail).toContain(`«${pair.criteria[0]}»`);
    expect((await api(w.t, w.viewer).get(`${models}/${created.body.id}`)).body.status).toBe('draft');
  });

  it('activating a consistent model retires the active one (audited); only drafts change', async () => {
    const a = await api(w.t, w.analyst).post(models, { name: unique('A'), method: 'ahp', criteria: criteria4, pairwise: LEADER });
    const b = await api(w.t, w.analyst).post(models, {
      name: unique('B'),
      method: 'weighted',
      criteria: [{ key: 'cost', field: 'annualCost', direction: 'higher_is_better', weight: 1 }],
    });
    expectProblem(await api(w.t, w.analyst).post(`${models}/${a.body.id}/activate`), 403);
    const activeA = await api(w.t, w.admin).post(`${models}/${a.body.id}/activate`);
    expect(activeA.status).toBe(200);
    expect(activeA.body).toMatchObject({ status: 'active', activatedAt: expect.any(String) });
    expect((await api(w.t, w.admin).post(`${models}/${a.body.id}/activate`)).body.status).toBe('active');
    const activeB = await api(w.t, w.admin).post(`${models}/${b.body.id}/activate`);
    expect(activeB.body.status).toBe('active');
    const retired = await api(w.t, w.viewer).get(`${models}/${a.body.id}`);
    expect(retired.body).toMatchObject({ status: 'retired', retiredAt: expect.any(String) });
    const actives = (await api(w.t, w.viewer).get(models)).body.data.filter((m: { status: string }) => m.status === 'active');
    expect(actives.map((m: { id: string }) => m.id)).toEqual([b.body.id]);
    const events = await w.fx.query<{ action: string; entity_id: string }>(
      `SELECT action, entity_id FROM audit_events WHERE tenant_id = $1 AND action IN ('scoring-model.activated', 'scoring-model.retired') ORDER BY seq`,
      [w.tenant.id],
    );
    expect(events.slice(-3)).toEqual([
      { action: 'scoring-model.activated', entity_id: a.body.id },
      { action: 'scoring-model.retired', entity_id: a.body.id },
      { action: 'scoring-model.activated', entity_id: b.body.id },
    ]);
    expectProblem(await api(w.t, w.analyst).patch(`${models}/${b.body.id}`, { criteria: [] }), 409, 'scoring-model-not-draft');
    expectProblem(await api(w.t, w.analyst).delete(`${models}/${a.body.id}`), 409, 'scoring-model-not-draft');
  });

  it('edits and deletes a draft; PATCH checks the result as a whole', async () => {
    const d = await api(w.t, w.analyst).post(models, { name: unique('D'), method: 'ahp', criteria: criteria4, pairwise: LEADER });
    const weighted = await api(w.t, w.analyst).patch(`${models}/${d.body.id}`, {
      method: 'weighted',
      criteria: criteria4.map((c) => ({ ...c, weight: 1 })),
    });
    expect(weighted.status).toBe(200);
    expect(weighted.body).toMatchObject({ method: 'weighted', pairwise: null, ahp: null });
    expectProblem(await api(w.t, w.analyst).patch(`${models}/${d.body.id}`, { method: 'ahp' }), 422, 'invalid-scoring-model');
    expect((await api(w.t, w.analyst).delete(`${models}/${d.body.id}`)).status).toBe(204);
    expectProblem(await api(w.t, w.viewer).get(`${models}/${d.body.id}`), 404, 'not-found');
  });

  it('another tenant’s model is a 404; a viewer cannot write', async () => {
    const mine = await api(w.t, w.analyst).post(models, { name: unique('M'), method: 'rice' });
    const theirs = `/v1/tenants/${w.other.id}/scoring-models/${mine.body.id}`;
    expectProblem(await api(w.t, w.otherAdmin).get(theirs), 404, 'not-found');
    expectProblem(await api(w.t, w.otherAdmin).post(`${theirs}/activate`), 404, 'not-found');
    expectProblem(await api(w.t, w.otherAdmin).patch(theirs, { method: 'wsjf' }), 404, 'not-found');
    expectProblem(await api(w.t, w.otherAdmin).delete(theirs), 404, 'not-found');
    expectProblem(await api(w.t, w.otherAdmin).get(`${models}/${mine.body.id}`), 404);
    expectProblem(await api(w.t, w.viewer).post(models, { name: unique('V'), method: 'rice' }), 403, 'forbidden');
    expectProblem(await api(w.t, w.viewer).post(`${models}/${mine.body.id}/activate`), 403, 'forbidden');
    expectProblem(await api(w.t, w.viewer).delete(`${models}/${mine.body.id}`), 403, 'forbidden');
  });
});
