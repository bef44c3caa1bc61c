import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { Me, Tenant } from '@/api/types';
import { createTestConnection, demoMe, tenantSummary, tokens, type FakeRequest } from '@/testing/fake-api';
import { mountScreen } from '@/testing/mount';
import RankingView from './RankingView.vue';

const me = demoMe() as Me;
const region = tenantSummary('region', 'Comunidad Demo', { kind: 'region' }) as unknown as Tenant;

const criterion = (key: string, manual: boolean) => ({
  key,
  field: manual ? null : 'annualCost',
  manual,
  direction: 'higher_is_better',
  givenWeight: null,
  weight: 0.5,
});
const model = (id: string, status: string, version: number) => ({
  id,
  name: 'Coste y esfuerzo',
  version,
  method: 'ahp',
  status,
  criteria: [criterion('cost', false), criterion('effort', true)],
  pairwise: null,
  ahp: null,
  activatedAt: null,
  retiredAt: null,
  createdAt: '2026-03-01T09:00:00Z',
  updatedAt: '2026-03-01T09:00:00Z',
});
const ranked = (id: string, rank: number, score: number, cost: number, effort: number | null) => ({
  frictionId: id,
  rank,
  score,
  contributions: [
    { criterion: 'cost', value: score * 0.8, raw: cost, normalised: 1, weight: 0.5 },
    { criterion: 'effort', value: score * 0.2, raw: effort, normalised: 0.5, weight: 0.5 },
  ],
  title: `Fricción ${id}`,
  ref: null,
  area: 'mobility',
  status: 'identified',
  annualCost: cost,
});

function rankingApi() {
  const efforts: Record<string, number | null> = { a: 3, b: null };
  const connection = createTestConnection({
    'GET /v1/tenants/:t/scoring-models': () => ({
      status: 200,
      body: { data: [model('m-active', 'active', 1), model('m-draft', 'draft', 2)] },
    }),
    'GET /v1/tenants/:t/frictions/ranking': (r: FakeRequest) => {
      const draft = r.query.get('modelId') === 'm-draft';
      const m = draft ? model('m-draft', 'draft', 2) : model('m-active', 'active', 1);
      const data = draft
        ? [ranked('b', 1, 70, 20000, efforts.b), ranked('a', 2, 40.25, 125000, efforts.a)]
        : [ranked('a', 1, 81.5, 125000, efforts.a), ranked('b', 2, 12, 20000, efforts.b)];
      return {
        status: 200,
        body: { model: { id: m.id, name: m.name, version: m.version, method: m.method, status: m.status }, data, nextCursor: null },
      };
    },
    'PUT /v1/tenants/:t/frictions/:id/criteria': (r: FakeRequest) => {
      const id = r.path.split('/')[5];
      const values = (r.body as { values: Record<string, number | null> }).values;
      if ('effort' in values) efforts[id] = values.effort;
      return { status: 200, body: { frictionId: id, values: { effort: efforts[id] } } };
    },
  });
  connection.session.adopt(tokens(1));
  return connection;
}

const cards = (wrapper: Awaited<ReturnType<typeof mountScreen>>['wrapper']) =>
  wrapper.findAll('[data-testid="ranking-list"] > li').map((li) => ({
    rank: li.get('[data-testid="ranked-rank"]').text(),
    title: li.get('[data-testid="ranked-title"]').text(),
    score: li.get('[data-testid="ranked-score"]').text(),
    contributions: li.findAll('tbody tr').map((tr) =>
      tr
        .findAll('th, td')
        .map((c) => c.text().trim())
        .join(': '),
    ),
  }));

afterEach(() => {
  document.body.innerHTML = '';
});

describe('RankingView', () => {
  it('ranks by the active model with each criterion’s contribution written out, in the locale’s numbers', async () => {
    const { wrapper } = await mountScreen(RankingView, {
      connection: rankingApi(),
      me,
      tenant: region,
      path: '/t/region/priorities',
      locale: 'es',
    });
    await flushPromises();
    expect(wrapper.get('[data-testid="ranking-model-used"]').text()).toBe(
      'Ordenada con Coste y esfuerzo (versión 1, AHP (comparaciones por pares)).',
    );
    expect(cards(wrapper)).toEqual([
      { rank: '1', title: 'Fricción a', score: '81,5', contributions: ['cost: 65,2', 'effort: 16,3'] },
      { rank: '2', title: 'Fricción b', score: '12', contributions: ['cost: 9,6', 'effort: 2,4'] },
    ]);
    expect(wrapper.find('[data-testid="ranking-what-if"]').exists()).toBe(false);
    // The bars share one scale: the largest contribution of the page fills its track.
    const fills = wrapper.findAll('.share-bar__fill').map((f) => f.attributes('style'));
    expect(fills[0]).toContain('width: 100%');
    expect(parseFloat(fills[2]!.replace('width: ', ''))).toBeCloseTo((9.6 / 65.2) * 100, 6);
  });

  it('ranks under a draft as a what-if, said as such, when it is chosen', async () => {
    const connection = rankingApi();
    const { wrapper, router } = await mountScreen(RankingView, { connection, me, tenant: region, path: '/t/region/priorities' });
    await flushPromises();
    await wrapper.get('#ranking-model').setValue('m-draft');
    await flushPromises();
    expect(router.currentRoute.value.query.modelId).toBe('m-draft');
    expect(
      connection.api.requests
        .filter((r) => r.path.endsWith('/ranking'))
        .at(-1)!
        .query.get('modelId'),
    ).toBe('m-draft');
    expect(cards(wrapper).map((c) => c.title)).toEqual(['Fricción b', 'Fricción a']);
    expect(wrapper.get('[data-testid="ranking-what-if"]').text()).toContain('What-if');
  });

  it('edits a friction’s manual values inline and ranks again', async () => {
    const connection = rankingApi();
    const { wrapper } = await mountScreen(RankingView, { connection, me, tenant: region, path: '/t/region/priorities' });
    await flushPromises();
    await wrapper.get('[data-testid="manual-open-b"]').trigger('click');
    await flushPromises();
    const input = wrapper.get<HTMLInputElement>('[data-testid="manual-b-effort"]');
    expect(input.element.value).toBe('');
    expect(document.activeElement).toBe(input.element);
    await input.setValue('2.5');
    await wrapper.get('[data-testid="manual-form-b"]').trigger('submit');
    await flushPromises();
    const put = connection.api.requests.find((r) => r.method === 'PUT')!;
    expect(put.path).toBe('/v1/tenants/region/frictions/b/criteria');
    expect(put.body).toEqual({ values: { effort: 2.5 } });
    expect(connection.api.requests.filter((r) => r.path.endsWith('/ranking'))).toHaveLength(2);
    expect(wrapper.find('[data-testid="manual-form-b"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="live-status"]').text()).toBe('Values of Fricción b saved.');
  });
});
