import { riceRanking, sensitivity, weightedRanking, type RankInput, type Ranked, type WeightedCriterion } from '@rumbo/method';
import { expectProblem, unique } from './helpers/fixtures';
import {
  api,
  LEADER,
  openPrioritisationWorld,
  seedFrictions,
  seeded,
  type FrictionSeed,
  type PrioritisationWorld,
} from './helpers/prioritisation';

interface RankedItem {
  frictionId: string;
  rank: number;
  score: number | null;
  annualCost: number;
  contributions: { criterion: string; value: number; raw: number | null; normalised: number | null }[];
}

/**
 * The ranked backlog computed in SQL equals @rumbo/method's rankings (weighted, AHP what-if, RICE)
 * item by item, with its contributions; cursor pages cover the backlog once; no active model orders
 * by annual cost; manual values one by one and in bulk; sensitivity, shifts and impact/effort.
 */
describe('prioritisation: ranking', () => {
  let w: PrioritisationWorld;
  let frictions: FrictionSeed[];
  let backlog: FrictionSeed[];
  const effort = new Map<string, number>();
  let base: string;
  beforeAll(async () => {
    w = await openPrioritisationWorld();
    base = `/v1/tenants/${w.tenant.id}`;
    frictions = await seedFrictions(w.fx, w.tenant.id, 45, 7, [
      'identified',
      'analysed',
      'prioritised',
      'addressed',
      'resolved',
      'discarded',
      'identified',
    ]);
    backlog = frictions.filter((f) => f.status !== 'resolved' && f.status !== 'discarded');
  });
  afterAll(async () => w?.close());

  const weighted = [
    { key: 'cost', field: 'annualCost', direction: 'higher_is_better', weight: 3 },
    { key: 'reach', field: 'population', direction: 'higher_is_better', weight: 1 },
    { key: 'hours', field: 'annualHours', direction: 'higher_is_better', weight: 1 },
    { key: 'effort', manual: true, direction: 'lower_is_better', weight: 2 },
  ] as const;
  const inputs = (f: FrictionSeed[], extra: (f: FrictionSeed) => Record<string, number | null> = () => ({})): RankInput[] =>
    f.map((x) => ({
      id: x.id,
      annualCost: x.annualCost,
      values: { cost: x.annualCost, reach: x.population, hours: x.annualHours, effort: effort.get(x.id) ?? null, ...extra(x) },
    }));

  async function allPages(query: string, limit = 7): Promise<{ items: RankedItem[]; pages: number; model: unknown }> {
    const items: RankedItem[] = [];
    let cursor: string | null = null;
    let pages = 0;
    let model: unknown;
    do {
      const res = await api(w.t, w.viewer).get(`${base}/frictions/ranking?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.data.length).toBeLessThanOrEqual(limit);
      items.push(...res.body.data);
      model = res.body.model;
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    return { items, pages, model };
  }

  function expectSameRanking(items: RankedItem[], expected: Ranked[]): void {
    expect(items.map((i) => i.frictionId)).toEqual(expected.map((e) => e.id));
    items.forEach((item, k) => {
      expect(item.rank).toBe(k + 1);
      expect(item.score).toBeCloseTo(expected[k].score, 9);
      expect(item.contributions.map((c) => c.criterion)).toEqual(expected[k].contributions.map((c) => c.criterion));
      item.contributions.forEach((c, j) => {
        const e = expected[k].contributions[j];
        expect(c.value).toBeCloseTo(e.value, 9);
        expect(c.raw).toBe(e.raw);
        if (e.normalised === null) expect(c.normalised).toBeNull();
        else expect(c.normalised).toBeCloseTo(e.normalised, 12);
      });
    });
  }

  it('without an active model the backlog is ordered by annual cost (model null, scores null)', async () => {
    const { items, model } = await allPages('', 10);
    expect(model).toBeNull();
    const expected = [...backlog].sort((a, b) => b.annualCost - a.annualCost || (a.id < b.id ? -1 : 1));
    expect(items.map((i) => i.frictionId)).toEqual(expected.map((f) => f.id));
    expect(items.every((i) => i.score === null && i.contributions.length === 0)).toBe(true);
    expect(items.map((i) => i.rank)).toEqual(expected.map((_, k) => k + 1));
  });

  it('manual values: bulk CSV keeps the good rows and reports each bad one; PUT sets and removes', async () => {
    const created = await api(w.t, w.analyst).post(`${base}/scoring-models`, {
      name: unique('Pesos'),
      method: 'weighted',
      criteria: weighted,
    });
    expect(created.status).toBe(201);
    const random = seeded(3);
    const good = backlog.slice(0, 25).map((f) => ({ f, v: 1 + Math.floor(random() * 12) }));
    const csv = [
      'ref,criterion,value',
      ...good.map(({ f, v }) => `${f.ref},effort,${v}`),
      'FR-none,effort,3',
      `${good[0].f.ref},weight,2`,
      `${good[1].f.ref},effort,lots`,
      `${good[2].f.ref},effort,4`,
      ',effort,1',
    ].join('\n');
    const res = await api(w.t, w.analyst).post(`${base}/frictions/criteria/import`, csv, 'text/csv');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 25, updated: 0, unchanged: 0 });
    expect(res.body.rejected.map((r: { row: number; field: string | null; code: string }) => [r.row, r.field, r.code])).toEqual([
      [26, 'ref', 'unknown-ref'],
      [27, 'criterion', 'unknown-criterion'],
      [28, 'value', 'invalid-value'],
      [29, null, 'duplicate-row'],
      [30, 'ref', 'ref-required'],
    ]);
    expect(res.body.rejected[0]).toMatchObject({ ref: 'FR-none', criterion: 'effort', message: expect.stringContaining('FR-none') });
    for (const { f, v } of good) effort.set(f.id, v);
    const again = await api(w.t, w.analyst).post(`${base}/frictions/criteria/import`, {
      rows: good.map(({ f, v }) => ({ ref: f.ref, criterion: 'effort', value: v })),
    });
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 25, rejected: [] });

    const one = backlog[30];
    const put = await api(w.t, w.analyst).put(`${base}/frictions/${one.id}/criteria`, { values: { effort: 0.5 } });
    expect(put.body).toEqual({ frictionId: one.id, values: { effort: 0.5 } });
    effort.set(one.id, 0.5);
    const removed = await api(w.t, w.analyst).put(`${base}/frictions/${good[3].f.id}/criteria`, { values: { effort: null } });
    expect(removed.body.values).toEqual({});
    effort.delete(good[3].f.id);
    const bad = await api(w.t, w.analyst).put(`${base}/frictions/${one.id}/criteria`, { values: { nope: 1, effort: 'x' } });
    expectProblem(bad, 422, 'invalid-criterion-values');
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['values.nope', 'values.effort']);
    expectProblem(await api(w.t, w.viewer).put(`${base}/frictions/${one.id}/criteria`, { values: { effort: 1 } }), 403, 'forbidden');
    expectProblem(
      await api(w.t, w.otherAdmin).put(`/v1/tenants/${w.other.id}/frictions/${one.id}/criteria`, { values: {} }),
      404,
      'not-found',
    );
    expectProblem(await api(w.t, w.otherAdmin).get(`/v1/tenants/${w.other.id}/frictions/${one.id}/criteria`), 404, 'not-found');

    const activated = await api(w.t, w.admin).post(`${base}/scoring-models/${created.body.id}/activate`);
    expect(activated.status).toBe(200);
  });

  it('the active weighted model: pages cover the backlog once, in @rumbo/method’s order, scores and contributions', async () => {
    const { items, pages, model } = await allPages('');
    expect(model).toMatchObject({ method: 'weighted', status: 'active' });
    expect(pages).toBe(Math.ceil(backlog.length / 7));
    expect(new Set(items.map((i) => i.frictionId)).size).toBe(backlog.length);
    const criteria: WeightedCriterion[] = weighted.map((c) => ({ key: c.key, direction: c.direction, weight: c.weight }));
    expectSameRanking(items, weightedRanking(inputs(backlog), criteria));
  });

  it('what-if under a draft AHP model and a RICE model equal @rumbo/method; a cursor of another model is refused', async () => {
    const ahpModel = await api(w.t, w.analyst).post(`${base}/scoring-models`, {
      name: unique('AHP'),
      method: 'ahp',
      pairwise: LEADER,
      criteria: weighted.map(({ weight: _w, ...c }) => c),
    });
    const { items } = await allPages(`&modelId=${ahpModel.body.id}`, 9);
    const ahpCriteria = weighted.map((c, i) => ({ key: c.key, direction: c.direction, weight: ahpModel.body.ahp.weights[i] as number }));
    expectSameRanking(items, weightedRanking(inputs(backlog), ahpCriteria));

    const rice = await api(w.t, w.analyst).post(`${base}/scoring-models`, { name: unique('RICE'), method: 'rice' });
    const impacts = [3, 2, 1, 0.5, 0.25];
    const rows = backlog.slice(0, 20).flatMap((f, k) => [
      { ref: f.ref, criterion: 'impact', value: impacts[k % 5] },
      { ref: f.ref, criterion: 'confidence', value: k % 7 === 0 ? 90 : [100, 80, 50][k % 3] },
    ]);
    const imported = await api(w.t, w.analyst).post(`${base}/frictions/criteria/import`, { rows });
    expect(imported.body.rejected.map((r: { code: string }) => r.code)).toEqual(['off-scale', 'off-scale', 'off-scale']);
    const stored = new Map<string, Record<string, number>>();
    rows.forEach((r, k) => {
      if (imported.body.rejected.some((x: { row: number }) => x.row === k + 1)) return;
      const f = backlog.find((b) => b.ref === r.ref)!;
      stored.set(f.id, { ...stored.get(f.id), [r.criterion]: r.value });
    });
    const riceItems = backlog.map((f) => ({
      id: f.id,
      annualCost: f.annualCost,
      values: {
        reach: f.population,
        impact: stored.get(f.id)?.impact ?? null,
        confidence: stored.get(f.id)?.confidence ?? null,
        effort: effort.get(f.id) ?? null,
      },
    }));
    const { items: ranked } = await allPages(`&modelId=${rice.body.id}`, 50);
    expectSameRanking(ranked, riceRanking(riceItems));

    const first = await api(w.t, w.viewer).get(`${base}/frictions/ranking?limit=5`);
    expectProblem(
      await api(w.t, w.viewer).get(`${base}/frictions/ranking?limit=5&modelId=${rice.body.id}&cursor=${first.body.nextCursor}`),
      400,
      'validation-error',
    );
    expectProblem(await api(w.t, w.viewer).get(`${base}/frictions/ranking?cursor=garbage`), 400, 'validation-error');
    expectProblem(
      await api(w.t, w.otherAdmin).get(`/v1/tenants/${w.other.id}/frictions/ranking?modelId=${rice.body.id}`),
      404,
      'not-found',
    );
  });

  it('sensitivity equals @rumbo/method’s; shifts between two models; the impact/effort matrix', async () => {
    const sens = await api(w.t, w.viewer).get(`${base}/frictions/ranking/sensitivity`);
    expect(sens.status).toBe(200);
    const criteria: WeightedCriterion[] = weighted.map((c) => ({ key: c.key, direction: c.direction, weight: c.weight }));
    const expected = sensitivity(inputs(backlog), criteria, { delta: 0.1, top: 10 });
    expect(sens.body).toMatchObject({ delta: 0.1, top: 10, largestRankChange: expected.largestRankChange });
    expect(sens.body.criteria.map((c: { plus: number; minus: number }) => [c.plus, c.minus])).toEqual(
      expected.criteria.map((c) => [c.plus, c.minus]),
    );

    const list = (await api(w.t, w.viewer).get(`${base}/scoring-models`)).body.data as { id: string; status: string; method: string }[];
    const active = list.find((m) => m.status === 'active')!;
    const rice = list.find((m) => m.method === 'rice')!;
    expectProblem(
      await api(w.t, w.viewer).get(`${base}/frictions/ranking/sensitivity?modelId=${rice.id}`),
      422,
      'scoring-model-not-weighted',
    );
    const shifts = await api(w.t, w.viewer).get(`${base}/frictions/ranking/shifts?from=${active.id}&to=${rice.id}&limit=1000`);
    expect(shifts.status).toBe(200);
    expect(shifts.body.total).toBe(backlog.length);
    for (const s of shifts.body.data) expect(s.shift).toBe(s.rankA - s.rankB);
    expect(shifts.body.data.length).toBe(shifts.body.changed);

    const matrix = await api(w.t, w.viewer).get(`${base}/frictions/impact-effort`);
    expect(matrix.status).toBe(200);
    expect(matrix.body.impact.criteria).toEqual(['cost', 'reach', 'hours']);
    expect(matrix.body.effort.criteria).toEqual(['effort']);
    expect(matrix.body.data).toHaveLength(backlog.length);
    for (const p of matrix.body.data) {
      expect(p.effort === null).toBe(!effort.has(p.frictionId));
      if (p.effort !== null)
        expect(p.quadrant).toBe(
          p.impact >= 50 ? (p.effort >= 50 ? 'major-project' : 'quick-win') : p.effort >= 50 ? 'thankless' : 'fill-in',
        );
    }
  });

  it('another tenant sees none of it; resolved and discarded frictions are not ranked', async () => {
    const res = await api(w.t, w.otherAdmin).get(`/v1/tenants/${w.other.id}/frictions/ranking`);
    expect(res.body).toEqual({ model: null, data: [], nextCursor: null });
    expectProblem(await api(w.t, w.otherAdmin).get(`${base}/frictions/ranking`), 404, 'not-found');
    const ranked = new Set((await allPages('', 200)).items.map((i) => i.frictionId));
    for (const f of frictions) expect(ranked.has(f.id)).toBe(f.status !== 'resolved' && f.status !== 'discarded');
  });
});
