import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createTestConnection, tokens } from '@/testing/fake-api';
import { FRICTION_ME, FRICTION_TOWN } from '@/testing/frictions';
import { mountScreen } from '@/testing/mount';
import GapCostView from './GapCostView.vue';

// ECharts needs a real layout engine; the chart's option and its accessible parts are under test.
const options: Record<string, unknown>[] = [];
vi.mock('vue-echarts', () => ({
  default: defineComponent({
    props: { option: { type: Object, default: null } },
    setup: (props) => () => {
      options.push(props.option);
      return h('svg', { 'data-fake-chart': '' });
    },
  }),
}));

afterEach(() => {
  options.length = 0;
  document.body.innerHTML = '';
});

const dim = (
  key: string,
  name: string,
  annualCost: number,
  frictions: { id: string; title: string; annualCost: number }[],
  extra = {},
) => ({
  areaKey: 'tech',
  dimensionKey: key,
  dimensionName: name,
  score: 40,
  level: 2,
  shortfall: 10,
  frictionCount: frictions.length,
  annualCost,
  annualHours: annualCost / 42,
  frictions,
  ...extra,
});

async function mountGaps(body: unknown, locale: 'es' | 'en' = 'es') {
  const connection = createTestConnection({ 'GET /v1/tenants/:t/frictions/gap-costs': () => ({ status: 200, body }) });
  connection.session.adopt(tokens(1));
  const screen = await mountScreen(GapCostView, { connection, me: FRICTION_ME, tenant: FRICTION_TOWN, locale });
  await flushPromises();
  return screen;
}

describe('GapCostView', () => {
  it('draws one bar per dimension with frictions, costliest first, and lists every dimension in the table', async () => {
    const { wrapper } = await mountGaps({
      modelId: 'model-1',
      assessmentId: 'a2026',
      period: '2026',
      data: [
        dim('infra', 'Infraestructura', 4200, [{ id: 'f2', title: 'Servidor lento', annualCost: 4200 }]),
        dim('data', 'Datos', 12600, [
          { id: 'f1', title: 'Papel', annualCost: 8400 },
          { id: 'f3', title: 'Copias', annualCost: 4200 },
        ]),
        dim('skills', 'Competencias', 0, [], { shortfall: null, score: 90, level: 5 }),
      ],
    });
    const option = options.at(-1) as { yAxis: { data: string[] }; series: { data: number[] }[] };
    expect(option.yAxis.data).toEqual(['Datos', 'Infraestructura']);
    expect(option.series[0].data).toEqual([12600, 4200]);
    const chart = wrapper.get('[data-testid="gaps-chart"]');
    expect(chart.attributes('role')).toBe('img');
    expect(chart.attributes('aria-label')).toContain('Datos 12.600\u00a0€; Infraestructura 4200\u00a0€');
    expect(wrapper.get('[data-testid="gaps-total"]').text()).toBe('16.800\u00a0€ al año en 2 dimensiones con fricciones.');

    const rows = wrapper.findAll('[data-testid="gaps-row"]');
    expect(rows.map((r) => r.get('th').text())).toEqual(['Datos', 'Infraestructura', 'Competencias']);
    expect(rows[0].findAll('td').map((td) => td.text())).toEqual([
      '40',
      '10',
      '2',
      '12.600\u00a0€',
      '300 h',
      'Papel (8400\u00a0€)Copias (4200\u00a0€)',
    ]);
    expect(rows[0].find('a').attributes('href')).toBe('/t/town/frictions/f1');
    expect(rows[2].findAll('td')[1].text()).toBe('nivel máximo');
  });

  it('says so when the tenant has no submitted assessment', async () => {
    const { wrapper } = await mountGaps({ modelId: null, assessmentId: null, period: null, data: [] }, 'en');
    expect(wrapper.get('[data-testid="gaps-no-assessment"]').text()).toBe('This organisation has no submitted maturity assessment yet.');
    expect(wrapper.find('[data-testid="gaps-chart"]').exists()).toBe(false);
  });

  it('says no friction is linked yet instead of drawing an empty chart', async () => {
    const { wrapper } = await mountGaps({ modelId: 'm', assessmentId: 'a', period: '2026', data: [dim('data', 'Data', 0, [])] }, 'en');
    expect(wrapper.get('[data-testid="gaps-empty"]').text()).toBe('No friction is linked to a dimension yet.');
    expect(wrapper.findAll('[data-testid="gaps-row"]')).toHaveLength(1);
  });
});
