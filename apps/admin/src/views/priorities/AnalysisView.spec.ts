import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import type { Me, Tenant } from '@/api/types';
import { createTestConnection, demoMe, problem, tenantSummary, tokens, type FakeRequest } from '@/testing/fake-api';
import { mountScreen } from '@/testing/mount';
import AnalysisView from './AnalysisView.vue';

// ECharts needs a real layout engine; the options handed to it and the accessible parts are under test.
const options: Record<string, unknown>[] = [];
vi.mock('vue-echarts', () => ({
  default: defineComponent({
    props: { option: { type: Object, default: null } },
    setup: (props) => () => {
      options.push(props.option as Record<string, unknown>);
      return h('svg', { 'data-fake-chart': '' });
    },
  }),
}));

const me = demoMe() as Me;
const region = tenantSummary('region', 'Comunidad Demo', { kind: 'region' }) as unknown as Tenant;
const ref = (id: string, name: string, version: number, status = 'draft') => ({ id, name, version, method: 'weighted', status });
const model = (id: string, status: string, version: number) => ({
  ...ref(id, 'Coste', version, status),
  criteria: [],
  pairwise: null,
  ahp: null,
  activatedAt: null,
  retiredAt: null,
  createdAt: '2026-03-01T09:00:00Z',
  updatedAt: '2026-03-01T09:00:00Z',
});

function analysisApi(options: { noActive?: boolean } = {}) {
  const connection = createTestConnection({
    'GET /v1/tenants/:t/scoring-models': () => ({ status: 200, body: { data: [model('m1', 'active', 1), model('m2', 'draft', 2)] } }),
    'GET /v1/tenants/:t/frictions/impact-effort': (r: FakeRequest) =>
      options.noActive && !r.query.get('modelId')
        ? { status: 404, body: problem(404, 'No hay modelo activo.') }
        : {
            status: 200,
            body: {
              model: ref('m1', 'Coste', 1, 'active'),
              impact: { criteria: ['annualCost'], threshold: 50 },
              effort: { criteria: ['effort'], threshold: 50 },
              data: [
                { frictionId: 'a', title: 'Cita previa', rank: 1, annualCost: 1000, impact: 81.5, effort: 20, quadrant: 'quick-win' },
                { frictionId: 'b', title: 'Ventanilla', rank: 2, annualCost: 800, impact: 30, effort: null, quadrant: null },
              ],
            },
          },
    'GET /v1/tenants/:t/frictions/ranking/sensitivity': () => ({
      status: 200,
      body: {
        model: ref('m1', 'Coste', 1, 'active'),
        delta: 0.1,
        top: 10,
        largestRankChange: 2,
        criteria: [
          { criterion: 'annualCost', plus: 0, minus: 2, moved: [{ frictionId: 'a', from: 1, to: 3 }] },
          { criterion: 'effort', plus: 1, minus: 0, moved: [] },
        ],
      },
    }),
    'GET /v1/tenants/:t/frictions/ranking': () => ({
      status: 200,
      body: { model: ref('m1', 'Coste', 1, 'active'), data: [{ frictionId: 'a', title: 'Cita previa' }], nextCursor: null },
    }),
    'GET /v1/tenants/:t/frictions/ranking/shifts': (r: FakeRequest) => ({
      status: 200,
      body: {
        from: ref(r.query.get('from')!, 'Coste', 1, 'active'),
        to: ref(r.query.get('to')!, 'Coste', 2),
        total: 3,
        changed: 2,
        data: [
          { frictionId: 'a', title: 'Cita previa', rankA: 3, rankB: 1, shift: 2 },
          { frictionId: 'b', title: 'Ventanilla', rankA: 1, rankB: 3, shift: -2 },
          { frictionId: 'c', title: 'Registro', rankA: 2, rankB: 2, shift: 0 },
        ],
      },
    }),
  });
  connection.session.adopt(tokens(1));
  return connection;
}

const rows = (wrapper: Awaited<ReturnType<typeof mountScreen>>['wrapper'], testId: string) =>
  wrapper.findAll(`[data-testid="${testId}"] tbody tr`).map((tr) => tr.findAll('th, td').map((c) => c.text().replace(/\s+/g, ' ').trim()));

afterEach(() => {
  document.body.innerHTML = '';
  options.length = 0;
});

describe('AnalysisView', () => {
  it('plots impact against effort with named quadrants, and lists every friction in a table', async () => {
    const { wrapper } = await mountScreen(AnalysisView, {
      connection: analysisApi(),
      me,
      tenant: region,
      path: '/t/region/priorities/analysis',
      locale: 'es',
    });
    await flushPromises();
    expect(rows(wrapper, 'impact-effort-table')).toEqual([
      ['1', 'Cita previa', '81,5', '20', 'Victorias rápidas'],
      ['2', 'Ventanilla', '30', '—', 'Esfuerzo desconocido'],
    ]);
    const scatter = options.find((o) => (o.series as { type: string }[])[0].type === 'scatter')!;
    const series = (scatter.series as { data: unknown[]; markArea: { data: [{ name: string }, unknown][] } }[])[0];
    // Only the friction whose effort is known is a point; the four quadrants carry their names.
    expect(series.data).toHaveLength(1);
    expect(series.markArea.data.map(([a]) => a.name.replace(/\n/g, ' '))).toEqual([
      'Victorias rápidas',
      'Grandes proyectos',
      'Tareas menores',
      'Poco rentables',
    ]);
    expect(wrapper.get('[data-testid="impact-effort-chart"]').attributes('aria-label')).toContain('Diagrama de dispersión de 1 fricciones');
  });

  it('says how far the top moves when each weight changes by 10 %, as bars and a table naming who moves', async () => {
    const { wrapper } = await mountScreen(AnalysisView, {
      connection: analysisApi(),
      me,
      tenant: region,
      path: '/t/region/priorities/analysis',
    });
    await flushPromises();
    expect(wrapper.get('[data-testid="sensitivity-summary"]').text()).toBe(
      'When a weight moves by 10%, one of the top 10 moves by up to 2 places.',
    );
    expect(rows(wrapper, 'sensitivity-table')).toEqual([
      ['Annual cost', '0', '2', 'Cita previa: 1 → 3'],
      ['effort', '1', '0', '—'],
    ]);
    const bars = options.find((o) => (o.series as { type: string }[])[0].type === 'bar')!;
    expect((bars.series as { data: number[] }[]).map((s) => s.data)).toEqual([
      [0, 1],
      [2, 0],
    ]);
  });

  it('compares the active model with another: signed shifts with a true minus and an arrow', async () => {
    const connection = analysisApi();
    const { wrapper, router } = await mountScreen(AnalysisView, {
      connection,
      me,
      tenant: region,
      path: '/t/region/priorities/analysis',
      locale: 'es',
    });
    await flushPromises();
    const request = connection.api.requests.find((r) => r.path.endsWith('/shifts'))!;
    expect([request.query.get('from'), request.query.get('to')]).toEqual(['m1', 'm2']);
    expect(router.currentRoute.value.query).toMatchObject({ from: 'm1', to: 'm2' });
    expect(wrapper.get('[data-testid="shifts-summary"]').text()).toBe('2 de 3 fricciones cambian de posición de Coste v1 a Coste v2.');
    expect(rows(wrapper, 'shifts-table')).toEqual([
      ['Cita previa', '3', '1', '↑ +2 sube'],
      ['Ventanilla', '1', '3', '↓ −2 baja'],
      ['Registro', '2', '2', '＝ 0 sin cambio'],
    ]);
  });

  it('says there is no active model to analyse rather than an error', async () => {
    const { wrapper } = await mountScreen(AnalysisView, {
      connection: analysisApi({ noActive: true }),
      me,
      tenant: region,
      path: '/t/region/priorities/analysis',
    });
    await flushPromises();
    expect(wrapper.text()).toContain('There is no active model to analyse.');
  });
});
