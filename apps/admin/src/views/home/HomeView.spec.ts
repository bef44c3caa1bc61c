import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { Me } from '@/api/types';
import { createTestConnection, demoMe, problem, tenantSummary, tokens, type FakeRequest } from '@/testing/fake-api';
import { mountScreen } from '@/testing/mount';
import HomeView from './HomeView.vue';

const region = tenantSummary('region', 'Comunidad Demo', { kind: 'region', code: 'ES-DEMO', childCount: 3 });
const draft = { id: 'd1', period: '2027', status: 'draft', answeredCount: 12, questionCount: 57, coverage: 0.2 };
const sent = { id: 's1', period: '2026', status: 'submitted', answeredCount: 57, questionCount: 57, coverage: 1 };
const below = (name: string, status: string) => ({
  tenantId: `t-${name}`,
  code: name,
  name,
  kind: 'municipality',
  population: null,
  parentId: 'region',
  parentName: 'Comunidad Demo',
  assessment: {
    id: `a-${name}`,
    modelVersionId: 'v1',
    period: '2026',
    title: null,
    status,
    score: 40,
    level: 2,
    levelName: 'En desarrollo',
    coverage: 1,
    submittedAt: null,
    updatedAt: '2026-01-01T00:00:00Z',
  },
});

function homeApi(options: { descendants?: 'missing' } = {}) {
  const connection = createTestConnection({
    'GET /v1/tenants/:id': () => ({ status: 200, body: region }),
    'GET /v1/tenants/:id/ancestors': () => ({ status: 200, body: { data: [] } }),
    'GET /v1/tenants/:id/assessments': (r: FakeRequest) => ({
      status: 200,
      body: { data: r.query.get('status') === 'draft' ? [draft] : [sent], nextCursor: null },
    }),
    'GET /v1/tenants/:id/assessments/descendants': (r: FakeRequest) => {
      if (options.descendants === 'missing') return { status: 404, body: problem(404, 'No existe.') };
      const status = r.query.get('status');
      return {
        status: 200,
        body: {
          period: '2026',
          summary: { total: 15, notStarted: 4, draft: 2, submitted: 6, validated: 3 },
          data: status === 'draft' ? [below('Villanorte', 'draft')] : status === 'submitted' ? [below('Valdeolmos', 'submitted')] : [],
          nextCursor: null,
        },
      };
    },
  });
  connection.session.adopt(tokens(1));
  return connection;
}

const asRole = (role: string) =>
  demoMe({ memberships: [{ tenantId: 'region', tenantCode: 'ES-DEMO', tenantName: 'Comunidad Demo', tenantKind: 'region', role }] }) as Me;

afterEach(() => {
  document.body.innerHTML = '';
  localStorage.clear();
});

describe('HomeView signed in', () => {
  it('shows an administrator what to do now: drafts, assessments to validate, who has not started, shortcuts', async () => {
    const { wrapper } = await mountScreen(HomeView, { connection: homeApi(), me: asRole('admin'), locale: 'es' });
    await flushPromises();
    await flushPromises();

    expect(wrapper.get('h1').text()).toBe('Hola, Ana Administradora');
    expect(wrapper.text()).toContain('Lo que puede hacer ahora en Comunidad Demo (su rol: Administración).');
    const drafts = wrapper.get('[data-testid="home-drafts"]');
    expect(drafts.text()).toContain('Continuar la evaluación de 2027');
    expect(drafts.text()).toContain('12 de 57 preguntas respondidas (20\u00a0%)');
    expect(drafts.get('a').attributes('href')).toBe('/t/region/maturity/assessments/d1');

    const awaiting = wrapper.findAll('[data-testid="home-awaiting-item"]').map((a) => [a.text(), a.attributes('href')]);
    expect(awaiting).toEqual([
      ['Comunidad Demo: evaluación de 2026', '/t/region/maturity?assessment=s1'],
      ['Valdeolmos: evaluación de 2026', '/t/t-Valdeolmos/maturity?assessment=a-Valdeolmos'],
    ]);
    expect(wrapper.get('[data-testid="home-below-summary"]').text()).toBe(
      'En 2026, de 15 organizaciones: 4 sin empezar, 2 en borrador y 9 enviadas o validadas.',
    );
    const notStarted = wrapper.get('[data-testid="home-not-started"]');
    expect(notStarted.text()).toBe('Ver las 4 que no han empezado');
    expect(notStarted.attributes('href')).toBe('/t/region/maturity/descendants?status=not_started');
    expect(wrapper.get('[data-testid="home-below"]').text()).toContain('Villanorte: evaluación de 2026');
    for (const shortcut of ['home-new-assessment', 'home-results', 'home-descendants', 'home-members', 'home-audit']) {
      expect(wrapper.find(`[data-testid="${shortcut}"]`).exists(), shortcut).toBe(true);
    }
    // Not the signed-out brochure.
    expect(wrapper.find('.method').exists()).toBe(false);
  });

  it('offers a viewer only what a viewer can do', async () => {
    const { wrapper } = await mountScreen(HomeView, { connection: homeApi(), me: asRole('viewer'), locale: 'en' });
    await flushPromises();
    await flushPromises();
    expect(wrapper.get('[data-testid="home-draft"]').text()).toBe('See the 2027 draft');
    expect(wrapper.find('[data-testid="home-awaiting"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="home-new-assessment"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="home-members"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="home-results"]').exists()).toBe(true);
  });

  it('still shows its own tasks when the overview of the organisations below fails', async () => {
    const { wrapper } = await mountScreen(HomeView, { connection: homeApi({ descendants: 'missing' }), me: asRole('admin'), locale: 'en' });
    await flushPromises();
    await flushPromises();
    expect(wrapper.get('[data-testid="home-drafts"]').text()).toContain('Continue the 2027 assessment');
    expect(wrapper.get('[data-testid="home-below"] [data-testid="problem"]').text()).toContain('No existe.');
  });
});
