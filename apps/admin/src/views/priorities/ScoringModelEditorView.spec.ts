import { flushPromises } from '@vue/test-utils';
import { ahp } from '@rumbo/method';
import { afterEach, describe, expect, it } from 'vitest';
import type { Me, Tenant } from '@/api/types';
import { createTestConnection, demoMe, problem, tenantSummary, tokens, type FakeRequest } from '@/testing/fake-api';
import { mountScreen } from '@/testing/mount';
import ScoringModelEditorView from './ScoringModelEditorView.vue';

const me = demoMe() as Me;
const region = tenantSummary('region', 'Comunidad Demo', { kind: 'region' }) as unknown as Tenant;
const PATH = '/t/region/priorities/models/new';

/** A fake scoring-models API that refuses to activate an inconsistent AHP model, as the real one does. */
function modelsApi() {
  let stored: Record<string, unknown> | null = null;
  const model = (body: Record<string, unknown>, status = 'draft') => ({
    id: 'model-1',
    name: body.name ?? (stored?.name as string),
    version: 1,
    method: body.method,
    status,
    criteria: (body.criteria as { key: string; field?: string; manual?: boolean; direction: string }[]).map((c) => ({
      key: c.key,
      field: c.field ?? null,
      manual: c.manual === true,
      direction: c.direction,
      givenWeight: null,
      weight: null,
    })),
    pairwise: body.pairwise ?? null,
    ahp: null,
    activatedAt: status === 'active' ? '2026-03-01T10:00:00Z' : null,
    retiredAt: null,
    createdAt: '2026-03-01T09:00:00Z',
    updatedAt: '2026-03-01T09:00:00Z',
  });
  const connection = createTestConnection({
    'POST /v1/tenants/:t/scoring-models': (r: FakeRequest) => {
      stored = model(r.body as Record<string, unknown>);
      return { status: 201, body: stored };
    },
    'PATCH /v1/tenants/:t/scoring-models/:id': (r: FakeRequest) => {
      stored = model({ ...(r.body as Record<string, unknown>), name: stored?.name });
      return { status: 200, body: stored };
    },
    'POST /v1/tenants/:t/scoring-models/:id/activate': () => {
      // The API's own check: the same library, the 422 naming the pair by criterion keys.
      const result = ahp(stored!.pairwise as number[][]);
      const pair = result.mostInconsistentPair;
      if (!result.consistent && pair) {
        const keys = (stored!.criteria as { key: string }[]).map((c) => c.key);
        return {
          status: 422,
          body: problem(422, 'Las comparaciones son incoherentes.', {
            type: 'urn:rumbo:problem:scoring-model-inconsistent',
            pair: { ...pair, criteria: [keys[pair.i], keys[pair.j]] },
          }),
        };
      }
      stored = { ...stored!, status: 'active' };
      return { status: 200, body: stored };
    },
  });
  connection.session.adopt(tokens(1));
  return connection;
}

const dialogButton = (label: string) =>
  Array.from(document.querySelectorAll<HTMLButtonElement>('[role="alertdialog"] button')).find((b) => b.textContent?.trim() === label)!;

/** Sets one upper-triangle cell by picking the option with this text from its scale. */
async function pick(wrapper: Awaited<ReturnType<typeof mountScreen>>['wrapper'], cell: string, text: string) {
  await wrapper.get(`[data-testid="${cell}"] [role="combobox"]`).trigger('click');
  await flushPromises();
  const option = Array.from(document.querySelectorAll<HTMLElement>('[role="option"]')).find((o) => o.textContent?.trim() === text);
  option!.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
  await flushPromises();
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('ScoringModelEditorView', () => {
  it('builds an AHP model, shows the API’s refusal naming the pair, fixes it with the suggestion and activates', async () => {
    const connection = modelsApi();
    const { wrapper } = await mountScreen(ScoringModelEditorView, { connection, me, tenant: region, path: PATH, confirm: true });
    await flushPromises();

    await wrapper.get('#model-name').setValue('Coste, esfuerzo y alcance');
    // Two more criteria: the population reached and the hours lost.
    await wrapper.get('[data-testid="criteria-add"]').trigger('click');
    await wrapper.get('#criterion-source-2').setValue('population');
    expect((wrapper.get('#criterion-key-2').element as HTMLInputElement).value).toBe('population');
    await wrapper.get('#criterion-key-2').setValue('reach');
    await wrapper.get('[data-testid="criteria-add"]').trigger('click');
    await wrapper.get('#criterion-source-3').setValue('annualHours');
    await wrapper.get('#criterion-key-0').setValue('cost');
    await flushPromises();
    expect(wrapper.findAll('[data-testid="ahp-table"] thead th').map((th) => th.text())).toEqual([
      'cost',
      'effort',
      'reach',
      'annualHours',
    ]);

    // Consistent comparisons but one: cost is said to matter less than effort.
    await pick(wrapper, 'ahp-cell-0-1', '1/3 — moderately less important');
    await pick(wrapper, 'ahp-cell-0-2', '5 — strongly more important');
    await pick(wrapper, 'ahp-cell-0-3', '7 — very strongly more important');
    await pick(wrapper, 'ahp-cell-1-2', '3 — moderately more important');
    await pick(wrapper, 'ahp-cell-1-3', '5 — strongly more important');
    await pick(wrapper, 'ahp-cell-2-3', '3 — moderately more important');
    expect(wrapper.get('[data-testid="ahp-verdict"]').text()).toContain('Inconsistent');
    expect(wrapper.get('td.is-pointed').attributes('id')).toBe('ahp-cell-0-1');

    // Activation asks first, then saves the draft and asks the API, which refuses.
    await wrapper.get('[data-testid="editor-activate"]').trigger('click');
    await flushPromises();
    expect(document.querySelector('[role="alertdialog"]')?.textContent).toContain(
      'Coste, esfuerzo y alcance will be saved and will rank the backlog',
    );
    dialogButton('Activate Coste, esfuerzo y alcance').click();
    await flushPromises();
    const created = connection.api.requests.find((r) => r.method === 'POST' && r.path.endsWith('/scoring-models'))!;
    expect(created.body).toMatchObject({
      name: 'Coste, esfuerzo y alcance',
      method: 'ahp',
      criteria: [
        { key: 'cost', field: 'annualCost', direction: 'higher_is_better' },
        { key: 'effort', manual: true, direction: 'lower_is_better' },
        { key: 'reach', field: 'population', direction: 'higher_is_better' },
        { key: 'annualHours', field: 'annualHours', direction: 'higher_is_better' },
      ],
    });
    expect((created.body as { pairwise: number[][] }).pairwise[1][0]).toBe(3);
    expect(wrapper.get('[data-testid="editor-refused"]').text()).toBe(
      'It cannot be activated: cost over effort is 0.333; 0.5 would be consistent.',
    );

    // The grid points at a pair; its suggestion goes in with one click, and activation now works.
    await wrapper.get('[data-testid="ahp-use-suggested"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="ahp-verdict"]').text()).toContain('Consistent');
    await wrapper.get('[data-testid="editor-activate"]').trigger('click');
    await flushPromises();
    expect(document.querySelector('[role="alertdialog"]')?.textContent).toContain(
      'Coste, esfuerzo y alcance (version 1) will rank the backlog',
    );
    dialogButton('Activate Coste, esfuerzo y alcance').click();
    await flushPromises();
    const patch = connection.api.requests.find((r) => r.method === 'PATCH')!;
    expect((patch.body as { pairwise: number[][] }).pairwise[0][1]).toBe(0.5);
    expect(connection.api.requests.filter((r) => r.path.endsWith('/activate'))).toHaveLength(2);
    expect(wrapper.find('[data-testid="editor-refused"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="live-status"]').text()).toBe('Coste, esfuerzo y alcance version 1 is now the active model.');
    expect(wrapper.get('[data-testid="editor-read-only"]').text()).toContain('This model is active');
  });

  it('sends nothing while the definition is incomplete, and says what is missing', async () => {
    const connection = modelsApi();
    const { wrapper } = await mountScreen(ScoringModelEditorView, { connection, me, tenant: region, path: PATH, locale: 'es' });
    await flushPromises();
    await wrapper.get('#criterion-key-1').setValue('');
    await wrapper.get('[data-testid="editor-save"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="editor-problems"]').text()).toContain('Indique un nombre.');
    expect(wrapper.get('[data-testid="editor-problems"]').text()).toContain('Cada criterio necesita una clave.');
    expect(connection.api.requests.some((r) => r.method === 'POST')).toBe(false);
  });

  it('asks for a positive weight of every criterion of a weighted model', async () => {
    const connection = modelsApi();
    const { wrapper } = await mountScreen(ScoringModelEditorView, { connection, me, tenant: region, path: PATH });
    await flushPromises();
    await wrapper.get('#model-name').setValue('Ponderado');
    await wrapper.get('[data-testid="method-weighted"]').setValue(true);
    await wrapper.get('#criterion-weight-1').setValue('0');
    await wrapper.get('[data-testid="editor-save"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="editor-problems"]').text()).toBe('The weight of effort must be a number above 0.');
    expect(connection.api.requests).toHaveLength(0);
  });

  it('explains RICE’s built-in factors and creates it without criteria of its own', async () => {
    const connection = modelsApi();
    const { wrapper } = await mountScreen(ScoringModelEditorView, { connection, me, tenant: region, path: PATH });
    await flushPromises();
    await wrapper.get('#model-name').setValue('RICE');
    await wrapper.get('[data-testid="method-rice"]').setValue(true);
    expect(wrapper.get('[data-testid="built-in-rice"]').text()).toContain('Impact: 3 massive, 2 high, 1 medium, 0.5 low, 0.25 minimal.');
    expect(wrapper.find('[data-testid="ahp-grid"]').exists()).toBe(false);
  });
});
