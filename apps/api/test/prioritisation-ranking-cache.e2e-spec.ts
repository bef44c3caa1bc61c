import { RankingCache } from '../src/frictions/prioritisation/ranking/ranking-cache';
import { frictionsAs } from './helpers/frictions';
import { unique, type Tokens } from './helpers/fixtures';
import { createAssessment, openMaturityWorld, smallModelAnswers, type MaturityWorld } from './helpers/maturity';

interface Item {
  frictionId: string;
  rank: number;
  score: number;
  title: string;
  status: string;
  contributions: { criterion: string; raw: number | null }[];
}

/**
 * The ranking cache (prioritisation/ranking/ranking-cache.ts) against real PostgreSQL: every kind
 * of write bumps the tenant's backlog revision (database triggers) and the next read answers the new
 * ranking, equal item by item to the uncached SQL path (the cache's budget set to 0 forces it; that
 * path is itself held equal to @rumbo/method by prioritisation-ranking.e2e-spec.ts).
 */
describe('prioritisation: ranking cache', () => {
  let w: MaturityWorld;
  let base: string;
  let as: ReturnType<typeof frictionsAs>;
  let admin: ReturnType<typeof frictionsAs>;
  const ids: string[] = [];
  const cause = () => ({ modelId: w.small.modelId, areaKey: 'tech', dimensionKey: 'tech.data' });
  const criteria = [
    { key: 'cost', field: 'annualCost', direction: 'higher_is_better', weight: 3 },
    { key: 'lines', field: 'burdenCount', direction: 'higher_is_better', weight: 1 },
    { key: 'staff', field: 'staffCost', direction: 'higher_is_better', weight: 1 },
    { key: 'gap', field: 'rootCauseShortfall', direction: 'higher_is_better', weight: 1 },
    { key: 'effort', manual: true, direction: 'lower_is_better', weight: 2 },
  ];
  const staffLine = (population: number) => ({ audience: 'staff', population, frequencyPerYear: 12, minutesPerOccurrence: 30 });

  beforeAll(async () => {
    w = await openMaturityWorld();
    base = `/v1/tenants/${w.r.id}`;
    as = frictionsAs(w.t, w.tokens.analyst);
    admin = frictionsAs(w.t, w.tokens.admin);
    await createAssessment(w.t, w.tokens.analyst, w.r.id, w.small.id, { answers: smallModelAnswers(), submit: true });
    for (let i = 0; i < 9; i++) {
      const res = await as.post(`${base}/frictions`, {
        ref: unique('RC'),
        title: `Cached ${i}`,
        area: 'mobility',
        burdens: i % 3 === 0 ? [staffLine(10 + i)] : [staffLine(20 * i), { ...staffLine(i), audience: 'citizens' }],
        ...(i % 4 === 0 ? { rootCauses: [cause()] } : {}),
      });
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    const model = await as.post(`${base}/scoring-models`, { name: unique('Cache'), method: 'weighted', criteria });
    expect(model.status).toBe(201);
    expect((await admin.post(`${base}/scoring-models/${model.body.id}/activate`)).status).toBe(200);
  });
  afterAll(async () => w?.close());

  const cache = () => w.t.app.get(RankingCache);
  const revision = async (tenantId = w.r.id) =>
    Number(
      (await w.fx.query<{ r: string }>('SELECT revision AS r FROM friction_backlog_revisions WHERE tenant_id = $1', [tenantId]))[0]?.r ?? 0,
    );

  /** Every page (4 rows each) of a tenant's ranking, following the cursor. */
  async function ranking(token: Tokens = w.tokens.viewer, tenantId = w.r.id, query = ''): Promise<Item[]> {
    const reader = frictionsAs(w.t, token);
    const items: Item[] = [];
    let cursor: string | null = null;
    do {
      const res = await reader.get(`/v1/tenants/${tenantId}/frictions/ranking`, {
        limit: '4',
        ...(cursor ? { cursor } : {}),
        ...parse(query),
      });
      expect(res.status).toBe(200);
      items.push(...res.body.data);
      cursor = res.body.nextCursor;
    } while (cursor);
    return items;
  }
  const parse = (query: string) => Object.fromEntries(new URLSearchParams(query));

  /**
   * The ranking as the cache serves it: two first reads (misses answer in SQL; the second miss at a
   * revision fills the cache in the background), the fill awaited, then the same pages again, every
   * one of them a hit.
   */
  async function cached(token?: Tokens, tenantId?: string, query?: string): Promise<Item[]> {
    await ranking(token, tenantId, query);
    await ranking(token, tenantId, query);
    await cache().idle();
    const before = cache().stats();
    const items = await ranking(token, tenantId, query);
    expect(cache().stats().misses).toBe(before.misses);
    expect(cache().stats().hits - before.hits).toBe(Math.max(1, Math.ceil(items.length / 4)));
    return items;
  }

  /** The same pages through the SQL path: a budget of 0 rows turns the cache off. */
  async function uncached(token?: Tokens, tenantId?: string, query?: string): Promise<Item[]> {
    const budget = cache().budget;
    cache().budget = 0;
    try {
      return await ranking(token, tenantId, query);
    } finally {
      cache().budget = budget;
    }
  }

  it('a second identical read is the same ranking, served from the cache, equal to the SQL path', async () => {
    const first = await ranking();
    expect(first.map((i) => i.frictionId).sort()).toEqual([...ids].sort());
    // Three pages of 4 over 9 frictions, each one a hit the second time.
    expect(await cached()).toEqual(first);
    expect(await uncached()).toEqual(first);
  });

  const find = (items: Item[], id: string) => items.find((i) => i.frictionId === id);
  const raw = (item: Item | undefined, key: string) => item?.contributions.find((c) => c.criterion === key)?.raw;

  const writes: [string, () => Promise<unknown>, (before: Item[], after: Item[]) => void][] = [
    [
      'create a friction',
      async () => {
        const res = await as.post(`${base}/frictions`, {
          ref: unique('RC'),
          title: 'Cached new',
          area: 'health',
          burdens: [staffLine(5000)],
        });
        expect(res.status).toBe(201);
        ids.push(res.body.id);
      },
      (_, after) => expect(find(after, ids[ids.length - 1])?.rank).toBe(1),
    ],
    [
      'replace burdens (PATCH)',
      async () => expect((await as.patch(`${base}/frictions/${ids[1]}`, { burdens: [staffLine(9000)] })).status).toBe(200),
      (before, after) => expect(raw(find(after, ids[1]), 'lines')).toBe(raw(find(before, ids[1]), 'lines')! - 1),
    ],
    [
      'move a friction to resolved',
      async () => {
        for (const status of ['analysed', 'prioritised', 'addressed', 'resolved']) {
          expect((await as.post(`${base}/frictions/${ids[2]}/status`, { status })).status).toBe(200);
        }
      },
      (before, after) => {
        expect(find(before, ids[2])).toBeDefined();
        expect(find(after, ids[2])).toBeUndefined();
      },
    ],
    [
      'set a criterion value (PUT)',
      async () => expect((await as.put(`${base}/frictions/${ids[3]}/criteria`, { values: { effort: 7 } })).status).toBe(200),
      (_, after) => expect(raw(find(after, ids[3]), 'effort')).toBe(7),
    ],
    [
      'import criterion values',
      async () => {
        const refs: { ref: string }[] = await w.fx.query('SELECT ref FROM frictions WHERE tenant_id = $1 AND id = $2', [w.r.id, ids[4]]);
        const res = await as.post(`${base}/frictions/criteria/import`, `ref,criterion,value\n${refs[0].ref},effort,3\n`, {
          'Content-Type': 'text/csv',
        });
        expect(res.body).toMatchObject({ created: 1, rejected: [] });
      },
      (_, after) => expect(raw(find(after, ids[4]), 'effort')).toBe(3),
    ],
    [
      'change root causes',
      async () => expect((await as.patch(`${base}/frictions/${ids[5]}`, { rootCauses: [cause()] })).status).toBe(200),
      (before, after) => {
        expect(raw(find(before, ids[5]), 'gap')).toBeNull();
        expect(raw(find(after, ids[5]), 'gap')).toEqual(expect.any(Number));
      },
    ],
    [
      'change the default tariffs (lines recomputed)',
      async () => {
        const body = { staffTariffPerHour: 99, businessTariffPerHour: 42, currency: 'EUR' };
        expect((await admin.put(`${base}/friction-settings`, body)).status).toBe(200);
      },
      (before, after) => expect(raw(find(after, ids[0]), 'staff')).toBeGreaterThan(raw(find(before, ids[0]), 'staff')!),
    ],
    [
      'import frictions',
      async () => {
        const row = {
          ref: unique('RCI'),
          title: 'Imported',
          area: 'health',
          staffPopulation: 1,
          staffFrequencyPerYear: 1,
          staffMinutesPerOccurrence: 1,
        };
        const res = await as.post(`${base}/frictions/import`, { rows: [row] });
        expect(res.body).toMatchObject({ created: 1, rejected: [] });
      },
      (before, after) => expect(after).toHaveLength(before.length + 1),
    ],
  ];

  it.each(writes)('%s: bumps the revision, and the next read shows it (equal to the SQL path)', async (_, write, check) => {
    const before = await ranking();
    const revisionBefore = await revision();
    await write();
    expect(await revision()).toBeGreaterThan(revisionBefore);
    const after = await cached();
    check(before, after);
    expect(after).toEqual(await uncached());
  });

  it('a draft model edit changes its what-if ranking at once', async () => {
    const draft = await as.post(`${base}/scoring-models`, { name: unique('Draft'), method: 'weighted', criteria });
    const query = `modelId=${draft.body.id}`;
    const before = await ranking(undefined, undefined, query);
    const costOnly = criteria.map((c) => ({ ...c, weight: c.key === 'staff' ? 100 : 1 }));
    expect((await as.patch(`${base}/scoring-models/${draft.body.id}`, { criteria: costOnly })).status).toBe(200);
    const after = await cached(undefined, undefined, query);
    expect(after.map((i) => i.score)).not.toEqual(before.map((i) => i.score));
    expect(after).toEqual(await uncached(undefined, undefined, query));
  });

  it('two tenants under the same model never see each other’s cached order', async () => {
    const m = frictionsAs(w.t, w.tokens.adminM);
    const mBase = `/v1/tenants/${w.m.id}`;
    const own: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await m.post(`${mBase}/frictions`, { title: `Town ${i}`, area: 'mobility', burdens: [staffLine(30 + i)] });
      own.push(res.body.id);
    }
    const model = await m.post(`${mBase}/scoring-models`, { name: 'Cache', method: 'weighted', criteria });
    expect((await m.post(`${mBase}/scoring-models/${model.body.id}/activate`)).status).toBe(200);
    const region = await cached();
    const town = await cached(w.tokens.adminM, w.m.id);
    expect(town.map((i) => i.frictionId).sort()).toEqual(own.sort());
    expect(region.some((i) => own.includes(i.frictionId))).toBe(false);
    expect(await ranking()).toEqual(region);
    expect(town).toEqual(await uncached(w.tokens.adminM, w.m.id));
    const foreign = await frictionsAs(w.t, w.tokens.adminS).get(`${base}/frictions/ranking`);
    expect([403, 404]).toContain(foreign.status);
  });

  it('a cursor issued before a write still pages as the SQL path does', async () => {
    const viewer = frictionsAs(w.t, w.tokens.viewer);
    await cached();
    const first = await viewer.get(`${base}/frictions/ranking`, { limit: '3' });
    const moved = first.body.data[0].frictionId as string;
    expect((await as.put(`${base}/frictions/${moved}/criteria`, { values: { effort: 24 } })).status).toBe(200);
    await cached();
    const next = { limit: '3', cursor: first.body.nextCursor as string };
    const held = cache().stats();
    const page = await viewer.get(`${base}/frictions/ranking`, next);
    const budget = cache().budget;
    cache().budget = 0;
    try {
      // Served from the cache (a hit), then not kept: the stale cursor's row is elsewhere, the SQL page answers.
      expect(cache().stats().hits).toBe(held.hits + 1);
      expect(page.body).toEqual((await viewer.get(`${base}/frictions/ranking`, next)).body);
    } finally {
      cache().budget = budget;
    }
  });

  it('a backlog over the row budget is not kept and is paged in SQL', async () => {
    // A write first, so no order is held at the revision read next.
    expect((await as.put(`${base}/frictions/${ids[6]}/criteria`, { values: { effort: 2 } })).status).toBe(200);
    const budget = cache().budget;
    cache().budget = 3;
    try {
      await ranking();
      await ranking();
      await cache().idle();
      const before = cache().stats();
      const pages = await ranking();
      expect(cache().stats().hits).toBe(before.hits);
      expect(cache().stats().entries).toBeGreaterThan(0);
      cache().budget = budget;
      expect(pages).toEqual(await uncached());
    } finally {
      cache().budget = budget;
    }
  });
});
