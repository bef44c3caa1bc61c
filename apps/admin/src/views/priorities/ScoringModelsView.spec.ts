import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { Me, Tenant } from '@/api/types';
import { createTestConnection, demoMe, problem, tenantSummary, tokens } from '@/testing/fake-api';
import { mountScreen } from '@/testing/mount';
import ScoringModelsView from './ScoringModelsView.vue';

const region = tenantSummary('region', 'Comunidad Demo', { kind: 'region' }) as unknown as Tenant;
const model = (id: string, name: string, status: string, method = 'ahp') => ({
  id,
  name,
  version: 1,
  method,
  status,
  criteria: [{ key: 'cost', field: 'annualCost', manual: false, direction: 'higher_is_better', givenWeight: null, weight: 1 }],
  pairwise: null,
  ahp: null,
  activatedAt: status === 'active' ? '2026-03-01T10:00:00Z' : null,
  retiredAt: null,
  createdAt: '2026-03-01T09:00:00Z',
  updatedAt: '2026-03-01T09:00:00Z',
});

function modelsApi() {
  let models = [model('m1', 'Coste', 'active', 'weighted'), model('m2', 'Líder', 'draft')];
  const connection = createTestConnection({
    'GET /v1/tenants/:t/scoring-models': () => ({ status: 200, body: { data: models } }),
    'POST /v1/tenants/:t/scoring-models/:id/activate': () => ({
      status: 422,
      body: problem(422, 'Las comparaciones son incoherentes.', {
        type: 'urn:rumbo:problem:scoring-model-inconsistent',
        pair: { i: 1, j: 3, criteria: ['impact', 'effort'], value: 9, consistentValue: 2.2, suggestedValue: 2 },
      }),
    }),
    'DELETE /v1/tenants/:t/scoring-models/:id': () => {
      models = models.filter((m) => m.id !== 'm2');
      return { status: 204 };
    },
  });
  connection.session.adopt(tokens(1));
  return connection;
}

const dialogButton = (label: string) =>
  Array.from(document.querySelectorAll<HTMLButtonElement>('[role="alertdialog"] button')).find((b) => b.textContent?.trim() === label)!;
const mount = (connection: ReturnType<typeof modelsApi>, role = 'admin') =>
  mountScreen(ScoringModelsView, {
    connection,
    me: demoMe({ memberships: [{ tenantId: 'region', tenantCode: 'R', tenantName: 'Comunidad Demo', tenantKind: 'region', role }] }) as Me,
    tenant: region,
    path: '/t/region/priorities/models',
    confirm: true,
  });

afterEach(() => {
  document.body.innerHTML = '';
});

describe('ScoringModelsView', () => {
  it('lists the models with method and status, and shows the API’s refusal to activate naming the pair', async () => {
    const connection = modelsApi();
    const { wrapper } = await mount(connection);
    await flushPromises();
    const rows = wrapper.findAll('[data-testid="models-table"] tbody tr').map((tr) => tr.findAll('td').map((td) => td.text().trim()));
    expect(rows.map((r) => r.slice(0, 5))).toEqual([
      ['Coste', '1', 'Weighted sum', 'Active', '1'],
      ['Líder', '1', 'AHP (pairwise comparisons)', 'Draft', '1'],
    ]);
    // Only the draft can be activated or deleted.
    expect(wrapper.findAll('button[aria-label^="Activate"]').map((b) => b.attributes('aria-label'))).toEqual(['Activate Líder version 1']);

    await wrapper.get('button[aria-label="Activate Líder version 1"]').trigger('click');
    await flushPromises();
    expect(connection.api.requests.some((r) => r.path.endsWith('/activate'))).toBe(false);
    dialogButton('Activate Líder').click();
    await flushPromises();
    expect(wrapper.get('[data-testid="models-refused"]').text()).toBe(
      'It cannot be activated: impact over effort is 9; 2 would be consistent.',
    );
  });

  it('deletes a draft once confirmed', async () => {
    const connection = modelsApi();
    const { wrapper } = await mount(connection);
    await flushPromises();
    await wrapper.get('button[aria-label="Delete draft Líder version 1"]').trigger('click');
    await flushPromises();
    dialogButton('Delete').click();
    await flushPromises();
    expect(connection.api.requests.find((r) => r.method === 'DELETE')!.path).toBe('/v1/tenants/region/scoring-models/m2');
    expect(wrapper.findAll('[data-testid="models-table"] tbody tr')).toHaveLength(1);
    expect(wrapper.get('[data-testid="live-status"]').text()).toBe('Draft Líder deleted.');
  });

  it('offers a viewer no new model, activation nor deletion', async () => {
    const { wrapper } = await mount(modelsApi(), 'viewer');
    await flushPromises();
    expect(wrapper.find('[data-testid="models-new"]').exists()).toBe(false);
    expect(wrapper.findAll('button[aria-label^="Activate"], button[aria-label^="Delete"]')).toHaveLength(0);
  });
});
