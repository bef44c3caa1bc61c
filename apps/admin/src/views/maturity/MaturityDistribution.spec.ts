import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import type { Me, Tenant } from '@/api/types';
import { createTestConnection, demoMe, tenantSummary, tokens } from '@/testing/fake-api';
import { mountScreen } from '@/testing/mount';
import MaturityDistribution from './MaturityDistribution.vue';

vi.mock('vue-echarts', () => ({
  default: defineComponent({ props: { option: { type: Object, default: null } }, setup: () => () => h('svg', { 'data-fake-chart': '' }) }),
}));

const region = tenantSummary('region', 'Comunidad Demo', { kind: 'region', childCount: 14 }) as unknown as Tenant;
const model = {
  id: 'm1',
  key: 'rumbo-default',
  name: { es: 'Modelo Rumbo', en: 'Rumbo model' },
  description: null,
  scope: 'global',
  ownerTenantId: null,
  latestVersion: { id: 'v1', version: 1, status: 'published' },
  versions: [{ id: 'v1', version: 1, status: 'published' }],
};
const levels = [
  { level: 1, name: 'Initial', minScore: 0, count: 2 },
  { level: 2, name: 'Developing', minScore: 20, count: 6 },
  { level: 3, name: 'Defined', minScore: 40, count: 4 },
];

function api(cohortSize: number) {
  const connection = createTestConnection({
    'GET /v1/tenants/:id/maturity-models': () => ({ status: 200, body: { data: [model] } }),
    'GET /v1/tenants/:id/maturity-model-versions/:v/distribution': (r) =>
      cohortSize >= 5
        ? { status: 200, body: { cohortSize, available: true, levels, quartiles: { q1: 22.5, median: 31, q3: 44.25 } } }
        : {
            status: 200,
            body: { cohortSize, available: false, reason: 'cohort-too-small', levels: [], quartiles: null, period: r.query.get('period') },
          },
  });
  connection.session.adopt(tokens(1));
  return connection;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('MaturityDistribution', () => {
  it('shows the descendants per level for the given version and year, in the UI language', async () => {
    const connection = api(12);
    const { wrapper } = await mountScreen(MaturityDistribution, {
      connection,
      me: demoMe() as Me,
      tenant: region,
      locale: 'en',
      props: { tenantId: 'region', defaultVersionId: 'v1', defaultPeriod: '2026' },
    });
    await flushPromises();

    const request = connection.api.requests.find((r) => r.path.endsWith('/distribution'))!;
    expect(request.path).toBe('/v1/tenants/region/maturity-model-versions/v1/distribution');
    expect(request.query.get('period')).toBe('2026');
    expect(request.headers.get('accept-language')).toBe('en');

    expect(wrapper.get('[data-testid="distribution-cohort"]').text()).toBe('12');
    expect(wrapper.get('[data-testid="distribution-quartiles"]').text()).toBe('Q1 22.5 · median 31 · Q3 44.3');
    const rows = wrapper.findAll('[data-testid="distribution-table"] tbody tr').map((r) => r.text());
    expect(rows[1]).toContain('Level 2 · Developing');
    expect(rows[1]).toContain('50%'); // 6 of 12
    expect(wrapper.get('[data-testid="distribution-chart"]').attributes('aria-label')).toContain('2 Developing: 6');
  });

  it('explains why there are no figures below 5 organisations, and checks the year before asking', async () => {
    const connection = api(3);
    const { wrapper } = await mountScreen(MaturityDistribution, {
      connection,
      me: demoMe() as Me,
      tenant: region,
      locale: 'es',
      props: { tenantId: 'region', defaultVersionId: null, defaultPeriod: null },
    });
    await flushPromises();
    // No assessment selected: the first published version and the current year.
    const first = connection.api.requests.find((r) => r.path.endsWith('/distribution'))!;
    expect(first.path).toContain('/maturity-model-versions/v1/');
    expect(first.query.get('period')).toBe(String(new Date().getFullYear()));
    expect(wrapper.get('[data-testid="distribution-reason"]').text()).toContain('Solo 3 organizaciones dependientes');
    expect(wrapper.find('[data-testid="distribution-table"]').exists()).toBe(false);

    const asked = connection.api.requests.length;
    await wrapper.get('[data-testid="distribution-period"]').setValue('20x6');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('#distribution-period-error').text()).toContain('2026');
    expect(wrapper.get('[data-testid="distribution-period"]').attributes('aria-invalid')).toBe('true');
    expect(connection.api.requests).toHaveLength(asked);
  });
});
