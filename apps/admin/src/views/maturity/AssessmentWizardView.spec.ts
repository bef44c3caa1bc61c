import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { Me, Tenant } from '@/api/types';
import { createTestConnection, demoMe, problem, tenantSummary, tokens, type FakeRequest } from '@/testing/fake-api';
import { mountScreen } from '@/testing/mount';
import AssessmentWizardView from './AssessmentWizardView.vue';

const me = demoMe() as Me;
const town = tenantSummary('town', 'Villanorte', { kind: 'municipality', code: 'DEMO-N-001', ancestors: ['region'] }) as unknown as Tenant;
const text = (en: string) => ({ en, es: en });

const version = {
  id: 'v1',
  modelId: 'm1',
  key: 'rumbo-default',
  name: text('Model'),
  publishedAt: null,
  questionCount: 2,
  scope: 'global',
  status: 'published',
  levels: [],
  areas: [
    {
      key: 'tech',
      weight: 1,
      name: text('Technology'),
      dimensions: [
        {
          key: 'infra',
          weight: 1,
          name: text('Infrastructure'),
          questions: [{ key: 'q.cloud', type: 'yes_no', weight: 1, evidenceRequired: true, text: text('Cloud?') }],
        },
        {
          key: 'data',
          weight: 1,
          name: text('Data'),
          questions: [{ key: 'q.open', type: 'percentage', weight: 1, text: text('Open data share?') }],
        },
      ],
    },
  ],
};

function wizardApi() {
  const puts: unknown[] = [];
  const submits: unknown[] = [];
  const connection = createTestConnection({
    'GET /v1/tenants/:id/assessments/:a': () => ({
      status: 200,
      body: { id: 'a1', tenantId: 'town', modelVersionId: 'v1', period: '2142', status: 'draft', score: null, level: null, coverage: 0 },
    }),
    'GET /v1/tenants/:id/assessments/:a/answers': () => ({ status: 200, body: { data: [] } }),
    'GET /v1/tenants/:id/maturity-model-versions/:v': () => ({ status: 200, body: version }),
    'PUT /v1/tenants/:id/assessments/:a/answers': (r: FakeRequest) => {
      puts.push(r.body);
      return { status: 200, body: { saved: 1, rejected: [], coverage: 0.5, missing: 1 } };
    },
    'POST /v1/tenants/:id/assessments/:a/submit': (r: FakeRequest) => {
      submits.push(r.path);
      return {
        status: 422,
        body: problem(422, 'Faltan respuestas', {
          errors: [
            { code: 'missing', message: 'sin responder', path: 'answers.q.open', questionKey: 'q.open' },
            { code: 'evidenceRequired', message: 'falta la evidencia', path: 'answers.q.cloud.evidence', questionKey: 'q.cloud' },
          ],
        }),
      };
    },
  });
  connection.session.adopt(tokens(1));
  return { connection, puts, submits };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('AssessmentWizardView', () => {
  it('steps through dimensions, saves answers, and after a confirmed submit links every missing answer and evidence', async () => {
    const { connection, puts, submits } = wizardApi();
    const { wrapper } = await mountScreen(AssessmentWizardView, {
      connection,
      me,
      tenant: town,
      path: '/t/town/maturity/assessments/a1',
      confirm: true,
    });
    await flushPromises();
    expect(wrapper.get('[data-testid="wizard-step-title"]').text()).toBe('Step 1 of 2: Infrastructure');
    // The evidence requirement is beside the question and its field is open, not in the collapsed panel.
    expect(wrapper.get('[data-question="q.cloud"] legend').text()).toContain('Evidence required');
    const evidence = wrapper.get('[data-question="q.cloud"] [data-testid="answer-evidence"]');
    expect(evidence.element.closest('details')).toBeNull();
    expect(evidence.attributes('aria-required')).toBe('true');

    await wrapper.findAll('[data-testid="answer-option"]')[0].setValue(true);
    expect(wrapper.get('[data-testid="wizard-save-status"]').attributes('data-status')).toBe('pending');

    await wrapper.get('[data-testid="wizard-next"]').trigger('click');
    await flushPromises();
    expect(puts).toEqual([{ answers: [{ questionKey: 'q.cloud', value: true, comment: null, evidence: null }] }]);
    const title = wrapper.get('[data-testid="wizard-step-title"]');
    expect(title.text()).toBe('Step 2 of 2: Data');
    expect(document.activeElement).toBe(title.element);

    await wrapper.get('[data-testid="wizard-previous"]').trigger('click');
    await flushPromises();
    await wrapper.get('[data-testid="wizard-next"]').trigger('click');
    await flushPromises();

    await wrapper.get('[data-testid="wizard-submit"]').trigger('click');
    await flushPromises();
    const dialog = document.querySelector<HTMLElement>('[role="alertdialog"]')!;
    expect(dialog.textContent).toContain('The 2142 assessment will be submitted with 1 of 2 questions answered.');
    expect(submits).toHaveLength(0);
    Array.from(dialog.querySelectorAll('button'))
      .find((b) => b.textContent?.trim() === 'Submit assessment')!
      .click();
    await flushPromises();
    expect(submits).toHaveLength(1);
    expect(document.activeElement?.id).toBe('wizard-missing-title');
    const links = wrapper.findAll('[data-testid="wizard-missing-link"]');
    expect(links).toHaveLength(1);
    expect(links[0].text()).toContain('Q2. Open data share?');
    const evidenceLinks = wrapper.findAll('[data-testid="wizard-missing-evidence-link"]');
    expect(evidenceLinks.map((l) => l.text())).toEqual(['Q1. Cloud?']);
    expect(wrapper.get('[data-testid="wizard-missing"]').text()).toContain('One answer needs its evidence:');

    // The evidence link opens step 1 on the evidence field, marked as missing.
    await evidenceLinks[0].trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="wizard-step-title"]').text()).toContain('Step 1');
    expect(document.activeElement?.getAttribute('data-testid')).toBe('answer-evidence');
    expect(wrapper.get('[data-question="q.cloud"] [data-testid="evidence-missing"]').text()).toBe(
      'The evidence for this answer is missing.',
    );
    expect(wrapper.get('[data-question="q.cloud"] [data-testid="answer-evidence"]').attributes('aria-invalid')).toBe('true');

    await links[0].trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="wizard-step-title"]').text()).toContain('Step 2');
    expect(document.activeElement?.getAttribute('data-testid')).toBe('answer-percentage');
  });

  it('sends nothing when the submit is cancelled', async () => {
    const { connection, submits } = wizardApi();
    const { wrapper } = await mountScreen(AssessmentWizardView, {
      connection,
      me,
      tenant: town,
      path: '/t/town/maturity/assessments/a1',
      confirm: true,
      locale: 'es',
    });
    await flushPromises();
    await wrapper.get('[data-testid="wizard-next"]').trigger('click');
    await flushPromises();
    await wrapper.get('[data-testid="wizard-submit"]').trigger('click');
    await flushPromises();
    const dialog = document.querySelector<HTMLElement>('[role="alertdialog"]')!;
    expect(dialog.textContent).toContain('¿Enviar la evaluación?');
    Array.from(dialog.querySelectorAll('button'))
      .find((b) => b.textContent?.trim() === 'Cancelar')!
      .click();
    await flushPromises();
    expect(submits).toHaveLength(0);
    expect(wrapper.find('[data-testid="wizard-missing"]').exists()).toBe(false);
  });
});
