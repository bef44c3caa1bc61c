import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import type { Assessment, Me } from '@/api/types';
import { createTestConnection, demoMe, tokens } from '@/testing/fake-api';
import { mountScreen } from '@/testing/mount';
import MaturityCompare from './MaturityCompare.vue';

vi.mock('vue-echarts', () => ({
  default: defineComponent({ props: { option: { type: Object, default: null } }, setup: () => () => h('svg', { 'data-fake-chart': '' }) }),
}));

const assessment = (id: string, period: string, createdAt: string, score: number | null = 50) =>
  ({ id, period, status: 'submitted', score, createdAt }) as Assessment;

afterEach(() => {
  document.body.innerHTML = '';
});

describe('MaturityCompare defaults', () => {
  it('compares the selected assessment with the newest one of an earlier year, never two of the same year', async () => {
    const connection = createTestConnection({
      'GET /v1/tenants/:id/assessments/:a/compare/:b': () => ({
        status: 200,
        body: { a: { period: '2025', score: 40 }, b: { period: '2026', score: 50 }, delta: 10, dimensions: [] },
      }),
    });
    connection.session.adopt(tokens(1));
    const assessments = [
      assessment('b2', '2026', '2026-03-01T00:00:00Z'),
      assessment('b1', '2026', '2026-01-01T00:00:00Z'),
      assessment('a2', '2025', '2025-06-01T00:00:00Z'),
      assessment('a1', '2025', '2025-01-01T00:00:00Z'),
      assessment('draft', '2027', '2027-01-01T00:00:00Z', null),
    ];
    const { wrapper } = await mountScreen(MaturityCompare, {
      connection,
      me: demoMe() as Me,
      locale: 'en',
      props: { tenantId: 'town', assessments, selectedId: 'b2', dimensionName: (k: string) => k },
    });
    await flushPromises();
    expect((wrapper.get('[data-testid="compare-first"]').element as HTMLSelectElement).value).toBe('a2');
    expect((wrapper.get('[data-testid="compare-second"]').element as HTMLSelectElement).value).toBe('b2');
    // An unscored assessment cannot be compared, so it is not offered.
    expect(wrapper.findAll('[data-testid="compare-first"] option').map((o) => o.attributes('value'))).toEqual(['a1', 'a2', 'b1', 'b2']);
    expect(connection.api.requests.at(-1)?.path).toBe('/v1/tenants/town/assessments/a2/compare/b2');
  });
});
