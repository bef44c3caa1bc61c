import request from 'supertest';
import { DataSource } from 'typeorm';
import { bearer, expectProblem, Fixtures, login, unique, type TenantFixture, type Tokens } from './helpers/fixtures';
import { createAssessment, importModel, smallModel, smallModelAnswers, uniqueModelKey, type VersionBody } from './helpers/maturity';
import { createTestApp, type TestApp } from './helpers/test-app';

interface Row {
  tenantId: string;
  code: string;
  name: string;
  kind: string;
  population: number | null;
  parentId: string | null;
  parentName: string | null;
  assessment: null | {
    id: string;
    modelVersionId: string;
    period: string;
    title: string | null;
    status: string;
    score: number | null;
    level: number | null;
    levelName: string | null;
    coverage: number;
    submittedAt: string | null;
    updatedAt: string;
  };
}

/** The size of the large hierarchy: a region of ~8,000 municipalities with RUMBO_LONG_TESTS=1. */
const LARGE = process.env.RUMBO_LONG_TESTS === '1' ? 8000 : 300;

/**
 * A parent's overview of its descendants' assessments (GET …/assessments/descendants): every
 * descendant by name with its assessment of the period, filters, a summary over the filtered set,
 * keyset pages, the CSV in both languages, other tenants' 404s, and a cost in statements that does
 * not grow with the hierarchy.
 */
describe('maturity: a parent’s overview of its descendants', () => {
  let t: TestApp;
  let fx: Fixtures;
  let version: VersionBody;
  /** Region P: provinces A (Ávila, Arévalo, Candeleda) and B (Peñíscola, Benicarló), an institute. Q elsewhere. */
  const p = {} as Record<'region' | 'a' | 'b' | 'avila' | 'arevalo' | 'candeleda' | 'peniscola' | 'benicarlo' | 'institute', TenantFixture>;
  let q: TenantFixture;
  let qTown: TenantFixture;
  let admin: Tokens;
  let viewer: Tokens;
  let adminA: Tokens;
  let adminQ: Tokens;
  const scores: Record<string, number | null> = {};

  const path = (tenantId: string) => `/v1/tenants/${tenantId}/assessments/descendants`;
  const get = (tenantId: string, who: Tokens, query: Record<string, string> = {}) =>
    request(t.server).get(path(tenantId)).query(query).set('Authorization', bearer(who));

  beforeAll(async () => {
    t = await createTestApp();
    fx = await Fixtures.open();
    const platform = await login(t, await fx.user({ platformAdmin: true }));
    version = await importModel(t, platform, smallModel(uniqueModelKey('overview')), { publish: true });
    const tree = await fx.tenantTree({
      code: unique('P'),
      kind: 'region',
      name: unique('Región P'),
      children: [
        {
          code: unique('PA'),
          kind: 'province',
          name: unique('Provincia de Ávila'),
          children: [
            { code: unique('AV'), kind: 'municipality', name: 'Ávila', population: 57697 },
            { code: unique('AR'), kind: 'municipality', name: 'Arévalo', population: 7963 },
            { code: unique('CA'), kind: 'municipality', name: 'Candeleda', population: 5120 },
          ],
        },
        {
          code: unique('PB'),
          kind: 'province',
          name: unique('Provincia de Castellón'),
          children: [
            { code: unique('PE'), kind: 'municipality', name: 'Peñíscola', population: 8726 },
            { code: unique('BE'), kind: 'municipality', name: 'Benicarló', population: 27511 },
          ],
        },
        { code: unique('IN'), kind: 'institute', name: unique('Instituto de Estadística') },
      ],
    });
    const byName = (name: string) => [...tree.values()].find((x) => x.name === name || x.name.startsWith(name))!;
    Object.assign(p, {
      region: byName('Región P'),
      a: byName('Provincia de Ávila'),
      b: byName('Provincia de Castellón'),
      avila: byName('Ávila'),
      arevalo: byName('Arévalo'),
      candeleda: byName('Candeleda'),
      peniscola: byName('Peñíscola'),
      benicarlo: byName('Benicarló'),
      institute: byName('Instituto de Estadística'),
    });
    q = await fx.tenant({ kind: 'region', name: unique('Región Q') });
    qTown = await fx.tenant({ parentId: q.id, kind: 'municipality', name: 'Ávila de Q' });

    admin = await login(t, await fx.user({ memberships: [{ tenantId: p.region.id, role: 'admin' }] }));
    viewer = await login(t, await fx.user({ memberships: [{ tenantId: p.region.id, role: 'viewer' }] }));
    adminA = await login(t, await fx.user({ memberships: [{ tenantId: p.a.id, role: 'admin' }] }));
    adminQ = await login(t, await fx.user({ memberships: [{ tenantId: q.id, role: 'admin' }] }));

    // 2026: Ávila submitted, Candeleda validated, Arévalo and province A drafts; Peñíscola only in
    // 2025; Benicarló nothing; the institute a draft for 2027 (the latest period of any descendant).
    const full = smallModelAnswers();
    scores.avila = (await createAssessment(t, admin, p.avila.id, version.id, { period: '2026', answers: full, submit: true })).score;
    const candeleda = await createAssessment(t, admin, p.candeleda.id, version.id, { period: '2026', answers: full, submit: true });
    expect(
      (
        await request(t.server)
          .post(`/v1/tenants/${p.candeleda.id}/assessments/${candeleda.id}/validate`)
          .set('Authorization', bearer(admin))
      ).status,
    ).toBe(200);
    await createAssessment(t, admin, p.arevalo.id, version.id, { period: '2026', answers: full.slice(0, 2) });
    await createAssessment(t, admin, p.a.id, version.id, { period: '2026' });
    await createAssessment(t, admin, p.peniscola.id, version.id, { period: '2025', answers: full, submit: true });
    await createAssessment(t, admin, p.institute.id, version.id, { period: '2027' });
    await createAssessment(t, adminQ, qTown.id, version.id, { period: '2026', answers: full, submit: true });
  });
  afterAll(async () => {
    await fx?.close();
    await t?.close();
  });

  it('lists every descendant at any depth by name, each with its assessment of the period, and a summary (a viewer reads it)', async () => {
    const res = await get(p.region.id, viewer, { period: '2026' });
    expect(res.status).toBe(200);
    const body = res.body as { period: string; summary: Record<string, number>; data: Row[]; nextCursor: string | null };
    expect(body.period).toBe('2026');
    expect(body.nextCursor).toBeNull();
    // By name, case and accents aside ("Ávila" among the A's), the same on every database.
    const fold = (name: string) => name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    const keys = body.data.map((r) => fold(r.name));
    expect(keys).toEqual([...keys].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
    expect(body.data[0].name).toBe('Arévalo');
    expect(new Set(body.data.map((r) => r.tenantId))).toEqual(
      new Set([p.a, p.b, p.avila, p.arevalo, p.candeleda, p.peniscola, p.benicarlo, p.institute].map((x) => x.id)),
    );
    expect(body.summary).toEqual({ total: 8, notStarted: 4, draft: 2, submitted: 1, validated: 1 });

    const row = (tenant: TenantFixture) => body.data.find((r) => r.tenantId === tenant.id)!;
    expect(row(p.avila)).toMatchObject({
      code: p.avila.code,
      name: 'Ávila',
      kind: 'municipality',
      population: 57697,
      parentId: p.a.id,
      parentName: p.a.name,
      assessment: {
        modelVersionId: version.id,
        period: '2026',
        status: 'submitted',
        score: scores.avila,
        level: expect.any(Number),
        levelName: expect.any(String),
        coverage: 1,
        submittedAt: expect.any(String),
        updatedAt: expect.any(String),
      },
    });
    expect(row(p.candeleda).assessment?.status).toBe('validated');
    expect(row(p.arevalo).assessment).toMatchObject({ status: 'draft', submittedAt: null });
    expect(row(p.arevalo).assessment!.coverage).toBeGreaterThan(0);
    expect(row(p.arevalo).assessment!.coverage).toBeLessThan(1);
    for (const tenant of [p.b, p.peniscola, p.benicarlo, p.institute]) expect(row(tenant).assessment).toBeNull();
    // Another region's municipality of the same name is not a descendant.
    expect(JSON.stringify(body)).not.toContain(qTown.id);

    // Level names follow Accept-Language.
    const english = await get(p.region.id, viewer, { period: '2026' }).set('Accept-Language', 'en');
    expect(english.headers['content-language']).toBe('en');
    expect((english.body.data as Row[]).find((r) => r.tenantId === p.avila.id)!.assessment!.levelName).toEqual(expect.any(String));
  });

  it('defaults to the latest period any descendant has an assessment in (else the current year)', async () => {
    const res = await get(p.region.id, admin);
    expect(res.body.period).toBe('2027');
    expect(res.body.summary).toEqual({ total: 8, notStarted: 7, draft: 1, submitted: 0, validated: 0 });
    // Under province A only its municipalities count: their latest is 2026.
    expect((await get(p.a.id, adminA)).body.period).toBe('2026');
    // Of a model no descendant has used: the current year.
    const unused = await importModel(t, admin, smallModel(uniqueModelKey('unused')), { tenantId: p.region.id, publish: true });
    expect((await get(p.region.id, admin, { modelId: unused.modelId })).body.period).toBe(String(new Date().getUTCFullYear()));
  });

  it('filters by status, kind, name or code (accents and case aside) and model; the summary counts the filtered set', async () => {
    const rows = async (query: Record<string, string>) => {
      const res = await get(p.region.id, admin, { period: '2026', ...query });
      expect(res.status).toBe(200);
      return res.body as { summary: Record<string, number>; data: Row[] };
    };
    const notStarted = await rows({ status: 'not_started' });
    expect(notStarted.data.map((r) => r.tenantId).sort()).toEqual([p.b.id, p.peniscola.id, p.benicarlo.id, p.institute.id].sort());
    expect(notStarted.summary).toEqual({ total: 4, notStarted: 4, draft: 0, submitted: 0, validated: 0 });
    expect((await rows({ status: 'draft' })).data.map((r) => r.tenantId).sort()).toEqual([p.a.id, p.arevalo.id].sort());
    const towns = await rows({ kind: 'municipality' });
    expect(towns.summary).toEqual({ total: 5, notStarted: 2, draft: 1, submitted: 1, validated: 1 });
    expect((await rows({ q: 'AVILA' })).data.map((r) => r.name)).toEqual(['Ávila', p.a.name]);
    expect((await rows({ q: 'peñis' })).data.map((r) => r.name)).toEqual(['Peñíscola']);
    expect((await rows({ q: 'benicarlo' })).data.map((r) => r.name)).toEqual(['Benicarló']);
    expect((await rows({ q: p.candeleda.code.toUpperCase() })).data.map((r) => r.name)).toEqual(['Candeleda']);
    expect((await rows({ q: '100%_' })).data).toEqual([]);
    const other = await importModel(t, admin, smallModel(uniqueModelKey('other')), { tenantId: p.region.id, publish: true });
    expect((await rows({ modelId: other.modelId })).summary).toEqual({ total: 8, notStarted: 8, draft: 0, submitted: 0, validated: 0 });
    expect((await rows({ modelId: version.modelId })).summary).toMatchObject({ submitted: 1, validated: 1 });
    for (const bad of [{ status: 'started' }, { kind: 'planet' }, { modelId: 'nope' }, { period: '26' }] as Record<string, string>[]) {
      expectProblem(await get(p.region.id, admin, bad), 400, 'validation-error');
    }
  });

  it('pages by name with a cursor; every page carries the same summary', async () => {
    const all = (await get(p.region.id, admin, { period: '2026' })).body as { data: Row[]; summary: unknown };
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await get(p.region.id, admin, { period: '2026', limit: '3', ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      expect(res.body.data.length).toBeLessThanOrEqual(3);
      expect(res.body.summary).toEqual(all.summary);
      seen.push(...(res.body.data as Row[]).map((r) => r.tenantId));
      cursor = res.body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.data.map((r) => r.tenantId));
    expectProblem(await get(p.region.id, admin, { cursor: 'not-a-cursor' }), 400);
  });

  it('answers Accept: text/csv with every matching row, in Spanish (; and a decimal comma) or English (, and a point)', async () => {
    const spanish = await get(p.region.id, viewer, { period: '2026', limit: '2' }).set('Accept', 'text/csv').buffer(true).parse(textParser);
    expect(spanish.status).toBe(200);
    expect(spanish.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(spanish.headers['content-disposition']).toBe('attachment; filename="evaluaciones-2026.csv"');
    const es = String(spanish.body);
    expect(es.startsWith('\uFEFF')).toBe(true);
    const esLines = es.slice(1).trimEnd().split('\r\n');
    expect(esLines[0]).toBe(
      'Código;Nombre;Tipo;Población;Depende de;Periodo;Estado;Título;Puntuación (0-100);Nivel;Nombre del nivel;Cobertura (%);Enviada el;Actualizada el',
    );
    expect(esLines).toHaveLength(1 + 8); // no paging
    const avila = esLines.find((l) => l.startsWith(`${p.avila.code};`))!.split(';');
    expect(avila.slice(1, 7)).toEqual(['Ávila', 'Municipio', '57697', p.a.name, '2026', 'Enviada']);
    expect(avila[8]).toBe(String(Math.round(scores.avila! * 100) / 100).replace('.', ','));
    expect(avila[11]).toBe('100');
    expect(esLines.find((l) => l.startsWith(`${p.benicarlo.code};`))!.split(';')[6]).toBe('Sin empezar');

    const english = await get(p.region.id, viewer, { period: '2026', status: 'submitted' })
      .set('Accept', 'text/csv')
      .set('Accept-Language', 'en')
      .buffer(true)
      .parse(textParser);
    const enLines = String(english.body).slice(1).trimEnd().split('\r\n');
    expect(enLines[0]).toBe(
      'Code,Name,Kind,Population,Parent,Period,Status,Title,Score (0-100),Level,Level name,Coverage (%),Submitted at,Updated at',
    );
    expect(enLines).toHaveLength(2);
    const row = enLines[1].split(',');
    expect(row.slice(1, 7)).toEqual(['Ávila', 'Municipality', '57697', p.a.name, '2026', 'Submitted']);
    expect(row[8]).toBe(String(Math.round(scores.avila! * 100) / 100));
    // JSON unless CSV is preferred.
    const json = await get(p.region.id, viewer, { period: '2026' }).set('Accept', 'text/csv;q=0.5, application/json');
    expect(json.headers['content-type']).toMatch(/^application\/json/);
  });

  it('another tenant’s overview is a 404, and a descendant sees only its own subtree', async () => {
    for (const [tenant, who] of [
      [p.region, adminQ],
      [p.a, adminQ],
      [q, admin],
      [p.region, adminA],
    ] as const) {
      expectProblem(await get(tenant.id, who), 404, 'not-found');
      expectProblem(await get(tenant.id, who).set('Accept', 'text/csv'), 404, 'not-found');
    }
    const fromA = await get(p.a.id, adminA, { period: '2026' });
    expect((fromA.body.data as Row[]).map((r) => r.tenantId).sort()).toEqual([p.avila.id, p.arevalo.id, p.candeleda.id].sort());
    const fromQ = await get(q.id, adminQ, { period: '2026' });
    expect(fromQ.body.data).toEqual([
      expect.objectContaining({ tenantId: qTown.id, assessment: expect.objectContaining({ status: 'submitted' }) }),
    ]);
  });

  it(`costs the same statements for a region of 8 or ${LARGE} descendants (set-based: one for the summary, one for the page)`, async () => {
    const small = await fx.tenant({ kind: 'region', name: unique('Small region') });
    for (let i = 0; i < 8; i++) await fx.tenant({ parentId: small.id, name: unique('Small town') });
    const large = await fx.tenant({ kind: 'region', name: unique('Large region') });
    await fx.query(
      `INSERT INTO tenants (id, parent_id, kind, code, name, population)
       SELECT gen_random_uuid(), $1, 'municipality', $2 || '-' || n, 'Municipio ' || lpad(n::text, 5, '0'), 100 + n
         FROM generate_series(1, $3::int) AS n`,
      [large.id, unique('LT'), LARGE],
    );
    // Half of them with a submitted assessment of 2026 (written directly: the API's cost is what is measured).
    await fx.query(
      `INSERT INTO assessments (tenant_id, id, model_id, model_version_id, period, status, score, level, coverage, answered_count, question_count, submitted_at)
       SELECT t.id, gen_random_uuid(), $2, $3, '2026', 'submitted', 50, 3, 1, 6, 6, now()
         FROM tenants t WHERE t.parent_id = $1 AND right(t.code, 1) IN ('0', '2', '4', '6', '8')`,
      [large.id, version.modelId, version.id],
    );
    // Statistics as autovacuum keeps them (a bulk load is analysed within a minute).
    await fx.query('ANALYZE tenants');
    await fx.query('ANALYZE assessments');
    const smallKey = await fx.apiKey(small.id, ['read']);
    const largeKey = await fx.apiKey(large.id, ['read']);
    const logger = t.app.get(DataSource).logger;
    const statements = async (tenantId: string, key: { key: string }) => {
      const spy = jest.spyOn(logger, 'logQuery');
      try {
        const started = Date.now();
        const res = await request(t.server).get(path(tenantId)).query({ period: '2026', limit: '50' }).set('Authorization', bearer(key));
        expect(res.status).toBe(200);
        return {
          body: res.body as { summary: Record<string, number>; data: Row[] },
          sql: spy.mock.calls.map((c) => String(c[0])),
          ms: Date.now() - started,
        };
      } finally {
        spy.mockRestore();
      }
    };
    const few = await statements(small.id, smallKey);
    const many = await statements(large.id, largeKey);
    expect(few.body.summary.total).toBe(8);
    expect(many.body.summary).toEqual({ total: LARGE, notStarted: LARGE / 2, draft: 0, submitted: LARGE / 2, validated: 0 });
    expect(many.body.data).toHaveLength(50);
    expect(many.sql.length).toBe(few.sql.length);
    expect(many.sql.filter((sql) => /\bFROM assessments\b/.test(sql))).toHaveLength(2);
    if (LARGE > 1000) process.stdout.write(`\ndescendants' overview of ${LARGE} municipalities: ${many.ms} ms (8: ${few.ms} ms)\n`);
  });
});

/** Supertest's parser for a text body it does not know (text/csv): the response is the raw stream. */
function textParser(res: request.Response, done: (err: Error | null, body: string) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  let text = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => (text += chunk));
  stream.on('end', () => done(null, text));
}
