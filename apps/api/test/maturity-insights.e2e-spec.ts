import request from 'supertest';
import { bearer, Fixtures, login, unique, type TenantFixture, type Tokens } from './helpers/fixtures';
import {
  createAssessment,
  importModel,
  smallModel,
  smallModelAnswers,
  uniqueModelKey,
  type AnswerInput,
  type VersionBody,
} from './helpers/maturity';
import { createTestApp, type TestApp } from './helpers/test-app';

/** A copy of the small model's full answers with scale/percentage answers moved to `level` (0–1). */
function answersAt(level: number): AnswerInput[] {
  return smallModelAnswers().map((a) => {
    if (typeof a.value === 'boolean') return { ...a, value: level >= 0.5 };
    if (a.questionKey.endsWith('.open') || a.questionKey.endsWith('.trained')) return { ...a, value: Math.round(level * 100) };
    return a; // scale answers keep their (valid) option value
  });
}

describe('maturity insights: history, comparison, gaps, distribution', () => {
  let t: TestApp;
  let fx: Fixtures;
  let platform: Tokens;
  let admin: Tokens;
  let region: TenantFixture;
  let towns: TenantFixture[];
  let version: VersionBody;
  const year = String(2100 + Math.floor(Math.random() * 99));
  const nextYear = String(Number(year) + 1);

  const get = (path: string, who: Tokens = admin) => request(t.server).get(path).set('Authorization', bearer(who));

  beforeAll(async () => {
    t = await createTestApp();
    fx = await Fixtures.open();
    platform = await login(t, await fx.user({ platformAdmin: true }));
    region = await fx.tenant({ kind: 'region', name: unique('Insights region') });
    towns = [];
    for (let i = 0; i < 6; i++) towns.push(await fx.tenant({ parentId: region.id, kind: 'municipality', name: unique(`Town ${i}`) }));
    admin = await login(t, await fx.user({ memberships: [{ tenantId: region.id, role: 'admin' }] }));
    version = await importModel(t, platform, smallModel(uniqueModelKey('insights')), { publish: true });
  });
  afterAll(async () => {
    await fx?.close();
    await t?.close();
  });

  it('history lists one submitted assessment per year with overall and dimension deltas', async () => {
    const town = towns[0];
    const first = await createAssessment(t, admin, town.id, version.id, { period: year, answers: answersAt(0.2), submit: true });
    const second = await createAssessment(t, admin, town.id, version.id, { period: nextYear, answers: answersAt(0.9), submit: true });
    // A draft (of another model: one assessment per model and period) is not history.
    const other = await importModel(t, platform, smallModel(uniqueModelKey('insights-other')), { publish: true });
    await createAssessment(t, admin, town.id, other.id, { period: nextYear, answers: answersAt(0.1) });

    const res = await get(`/v1/tenants/${town.id}/assessments/history`);
    expect(res.status).toBe(200);
    const points = res.body.data.filter((p: { modelVersionId: string }) => p.modelVersionId === version.id);
    expect(points.map((p: { period: string; assessmentId: string }) => [p.period, p.assessmentId])).toEqual([
      [year, first.id],
      [nextYear, second.id],
    ]);
    expect(points[0].delta).toBeNull();
    expect(points[1].delta).toBeCloseTo(points[1].score - points[0].score, 9);
    for (const d of points[1].dimensions) {
      const before = points[0].dimensions.find((x: { dimensionKey: string }) => x.dimensionKey === d.dimensionKey);
      expect(d.delta).toBeCloseTo(d.score - before.score, 9);
    }
    expect(points[1].delta).toBeGreaterThan(0);

    const compare = await get(`/v1/tenants/${town.id}/assessments/${first.id}/compare/${second.id}`);
    expect(compare.status).toBe(200);
    expect(compare.body.a).toMatchObject({ assessmentId: first.id, period: year });
    expect(compare.body.b).toMatchObject({ assessmentId: second.id, period: nextYear });
    expect(compare.body.delta).toBeCloseTo(points[1].delta, 9);
    expect(compare.body.dimensions.length).toBe(points[1].dimensions.length);
  });

  it('gaps list the weakest dimensions first with the shortfall to the next level', async () => {
    const a = await createAssessment(t, admin, towns[1].id, version.id, { period: year, answers: answersAt(0.3), submit: true });
    const scores = await get(`/v1/tenants/${towns[1].id}/assessments/${a.id}/scores`);
    const res = await get(`/v1/tenants/${towns[1].id}/assessments/${a.id}/gaps?limit=2`);
    expect(res.status).toBe(200);
    expect(res.body.data.length).toBeLessThanOrEqual(2);
    const all = scores.body.areas
      .flatMap((x: { dimensions: { score: number }[] }) => x.dimensions.map((d) => d.score))
      .sort((p: number, q: number) => p - q);
    expect(res.body.data[0].score).toBe(all[0]);
    for (const gap of res.body.data) {
      const next = scores.body.levels.find((l: { level: number }) => l.level === gap.nextLevel);
      if (next) expect(gap.shortfall).toBeCloseTo(next.minScore - gap.score, 9);
    }
  });

  it('a parent sees how its descendants spread over the levels only with at least 5 of them', async () => {
    const path = `/v1/tenants/${region.id}/maturity-model-versions/${version.id}/distribution?period=${year}`;
    // towns[0] and towns[1] already submitted for `year`; two more make 4.
    for (const town of towns.slice(2, 4))
      await createAssessment(t, admin, town.id, version.id, { period: year, answers: answersAt(0.6), submit: true });
    const four = await get(path);
    expect(four.status).toBe(200);
    expect(four.body).toEqual({ cohortSize: 4, available: false, reason: 'cohort-too-small', levels: [], quartiles: null });

    await createAssessment(t, admin, towns[4].id, version.id, { period: year, answers: answersAt(0.8), submit: true });
    const five = await get(path);
    expect(five.body).toMatchObject({
      cohortSize: 5,
      available: true,
      quartiles: { q1: expect.any(Number), median: expect.any(Number), q3: expect.any(Number) },
    });
    expect(five.body.levels.reduce((n: number, l: { count: number }) => n + l.count, 0)).toBe(5);
    const json = JSON.stringify(five.body);
    for (const town of towns) {
      expect(json).not.toContain(town.id);
      expect(json).not.toContain(town.name);
    }
  });

  it('another tenant’s assessment is not reachable through these views', async () => {
    const other = await fx.tenant({ kind: 'region', name: unique('Other region') });
    const otherAdmin = await login(t, await fx.user({ memberships: [{ tenantId: other.id, role: 'admin' }] }));
    const a = await createAssessment(t, otherAdmin, other.id, version.id, { period: year, answers: answersAt(0.5), submit: true });
    expect((await get(`/v1/tenants/${other.id}/assessments/${a.id}/gaps`)).status).toBe(404);
    expect((await get(`/v1/tenants/${other.id}/assessments/${a.id}/benchmark`)).status).toBe(404);
    expect((await get(`/v1/tenants/${region.id}/assessments/${a.id}/gaps`)).status).toBe(404);
    expect((await get(`/v1/tenants/${towns[0].id}/assessments/${a.id}/compare/${a.id}`)).status).toBe(404);
    expect((await get(`/v1/tenants/${other.id}/assessments/history`)).status).toBe(404);
  });
});
