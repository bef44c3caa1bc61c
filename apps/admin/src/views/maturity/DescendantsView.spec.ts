import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import type { DescendantRow, Me, Tenant } from '@/api/types';
import { createTestConnection, demoMe, problem, tenantSummary, tokens, type FakeReply, type FakeRequest } from '@/testing/fake-api';
import { mountScreen } from '@/testing/mount';
import DescendantsView from './DescendantsView.vue';

vi.mock('vue-echarts', () => ({
  default: defineComponent({ props: { option: { type: Object, default: null } }, setup: () => () => h('svg', { 'data-fake-chart': '' }) }),
}));

const me = demoMe() as Me;
const region = tenantSummary('region', 'Comunidad Demo', { kind: 'region', code: 'ES-DEMO', childCount: 2 }) as unknown as Tenant;

const row = (n: number, assessment: DescendantRow['assessment']): DescendantRow => ({
  tenantId: `t${n}`,
  code: `DEMO-${n}`,
  name: `Municipio ${n}`,
  kind: 'municipality',
  population: 1000 * n,
  parentId: 'p1',
  parentName: 'Provincia Norte',
  assessment,
});
const submitted = {
  id: 'a1',
  modelVersionId: 'v1',
  period: '2026',
  title: null,
  status: 'submitted' as const,
  score: 47.25,
  level: 2,
  levelName: 'En desarrollo',
  coverage: 1,
  submittedAt: '2026-03-04T10:00:00.000Z',
  updatedAt: '2026-03-04T10:00:00.000Z',
};

/** The contract's listDescendantAssessments: JSON pages, or the CSV with Accept: text/csv. */
function overviewApi() {
  const requests: FakeRequest[] = [];
  const connection = createTestConnection({
    'GET /v1/tenants/:id/assessments/descendants': (r): FakeReply => {
      requests.push(r);
      if (r.headers.get('Accept') === 'text/csv') {
        return {
          status: 200,
          body: '\uFEFFNombre;Estado\r\nMunicipio 1;Enviada\r\n',
          headers: { 'content-type': 'text/csv; charset=utf-8' },
        };
      }
      if (r.query.get('period') === '1999') {
        return { status: 400, body: problem(400, 'El año no es válido.'), headers: { 'Content-Language': 'es' } };
      }
      const first = !r.query.get('cursor');
      return {
        status: 200,
        body: {
          period: r.query.get('period') ?? '2026',
          summary: { total: 3, notStarted: 1, draft: 1, submitted: 1, validated: 0 },
          data: first
            ? [row(1, submitted), row(2, null)]
            : [row(3, { ...submitted, id: 'a3', status: 'draft', score: null, level: null, levelName: null, submittedAt: null })],
          nextCursor: first ? 'c2' : null,
        },
      };
    },
  });
  connection.session.adopt(tokens(1));
  return { connection, requests };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('DescendantsView', () => {
  it('lists every organisation below by name with its status, score and level, and who has not started', async () => {
    const { connection, requests } = overviewApi();
    const { wrapper } = await mountScreen(DescendantsView, { connection, me, tenant: region, locale: 'es' });
    await flushPromises();

    expect(requests[0].path).toBe('/v1/tenants/region/assessments/descendants');
    expect(requests[0].headers.get('Accept-Language')).toBe('es');
    expect(wrapper.get('[data-testid="descendants-summary"] h2').text()).toBe('Resumen de 2026');
    expect(wrapper.get('[data-testid="descendants-total"]').text()).toBe('3');
    expect(wrapper.get('[data-testid="descendants-count-not_started"]').text()).toBe('1');
    expect(wrapper.find('[data-testid="descendants-chart"]').attributes('aria-label')).toContain(
      'Sin empezar 1; En borrador 1; Enviadas 1; Validadas 0',
    );

    const rows = wrapper.findAll('[data-testid="descendants-row"]');
    expect(rows).toHaveLength(2);
    expect(rows[0].text()).toContain('Municipio 1');
    expect(rows[0].text()).toContain('Enviada');
    expect(rows[0].text()).toContain('47,3');
    expect(rows[0].text()).toContain('Nivel 2 · En desarrollo');
    expect(rows[0].get('a').attributes('href')).toBe('/t/t1/maturity?assessment=a1');
    expect(rows[1].text()).toContain('Sin empezar');

    // Next page by cursor, with the same filters.
    await wrapper.findAll('nav.pager button')[1].trigger('click');
    await flushPromises();
    expect(requests.at(-1)?.query.get('cursor')).toBe('c2');
    expect(wrapper.findAll('[data-testid="descendants-row"]').map((r) => r.get('th a').text())).toEqual(['Municipio 3']);
  });

  it('filters by status, kind, name and year, from the first page', async () => {
    const { connection, requests } = overviewApi();
    const { wrapper } = await mountScreen(DescendantsView, { connection, me, tenant: region, locale: 'en' });
    await flushPromises();

    await wrapper.get('[data-testid="descendants-status"]').setValue('not_started');
    await flushPromises();
    expect(requests.at(-1)?.query.get('status')).toBe('not_started');
    expect(requests.at(-1)?.query.get('cursor')).toBeNull();

    await wrapper.get('[data-testid="descendants-kind"]').setValue('municipality');
    await flushPromises();
    expect(requests.at(-1)?.query.get('kind')).toBe('municipality');

    vi.useFakeTimers();
    await wrapper.get('[data-testid="descendants-q"]').setValue('villa');
    await vi.advanceTimersByTimeAsync(300);
    vi.useRealTimers();
    await flushPromises();
    expect(requests.at(-1)?.query.get('q')).toBe('villa');

    await wrapper.get('[data-testid="descendants-period"]').setValue('20x');
    await wrapper.get('[data-testid="descendants-filters"]').trigger('submit');
    expect(wrapper.get('#descendants-period-error').text()).toBe('Enter a year such as 2026.');
    const before = requests.length;
    await wrapper.get('[data-testid="descendants-period"]').setValue('2025');
    await wrapper.get('[data-testid="descendants-filters"]').trigger('submit');
    await flushPromises();
    expect(requests.length).toBe(before + 1);
    expect(Object.fromEntries(requests.at(-1)!.query)).toEqual({
      period: '2025',
      status: 'not_started',
      kind: 'municipality',
      q: 'villa',
      limit: '25',
    });
  });

  it('exports the API’s CSV of every matching row, asking for text/csv in the UI language', async () => {
    const { connection, requests } = overviewApi();
    const created: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      created.push(blob as Blob);
      return 'blob:x';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const { wrapper } = await mountScreen(DescendantsView, { connection, me, tenant: region, locale: 'es' });
    await flushPromises();
    await wrapper.get('[data-testid="descendants-export"]').trigger('click');
    await flushPromises();

    const csv = requests.at(-1)!;
    expect(csv.headers.get('Accept')).toBe('text/csv');
    expect(csv.headers.get('Accept-Language')).toBe('es');
    expect(csv.query.get('cursor')).toBeNull();
    expect(csv.query.get('period')).toBe('2026');
    // The API's file as it came (the same bytes, its byte-order mark kept for spreadsheets).
    expect(new Uint8Array(await created[0].arrayBuffer()).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect((await created[0].text()).replace(/^\uFEFF/, '')).toBe('Nombre;Estado\r\nMunicipio 1;Enviada\r\n');
    expect(wrapper.get('[data-testid="live-status"]').text()).toBe('Se ha descargado el CSV del seguimiento.');
  });

  it('shows the API’s problem in the UI language', async () => {
    const { connection } = overviewApi();
    const { wrapper } = await mountScreen(DescendantsView, { connection, me, tenant: region, locale: 'es' });
    await flushPromises();
    await wrapper.get('[data-testid="descendants-period"]').setValue('1999');
    await wrapper.get('[data-testid="descendants-filters"]').trigger('submit');
    await flushPromises();
    const shown = wrapper.get('[data-testid="problem"]');
    expect(shown.text()).toContain('El año no es válido.');
    expect(shown.find('[data-testid="problem-detail"]').attributes('lang')).toBeUndefined();
  });
});
