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
          questions: [{ key: 'q.cloud', type: 'yes_no', weight: 1, text: text('Cloud?') }],
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
    'POST /v1/tenants/:id/assessments/:a/submit': () => ({
      status: 422,
      body: problem(422, 'Unanswered questions', { errors: [{ code: 'missing', message: 'unanswered', path: 'answers.q.open' }] }),
    }),
  });
  connection.session.adopt(tokens(1));
  return { connection, puts };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('AssessmentWizardView', () => {
  it('steps through dimensions, saves answers, and links the questions a submit reports missing', async () => {
    const { connection, puts } = wizardApi();
    const { wrapper } = await mountScreen(AssessmentWizardView, {
      connection,
      me,
      tenant: town,
      path: '/t/town/maturity/assessments/a1',
    });
    await flushPromises();
    expect(wrapper.get('[data-testid="wizard-step-title"]').text()).toBe('Step 1 of 2: Infrastructure');

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
    const links = wrapper.findAll('[data-testid="wizard-missing-link"]');
    expect(links).toHaveLength(1);
    expect(links[0].text()).toContain('Q2. Open data share?');

    await wrapper.get('[data-testid="wizard-previous"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="wizard-step-title"]').text()).toContain('Step 1');
    await links[0].trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="wizard-step-title"]').text()).toContain('Step 2');
    expect(document.activeElement?.getAttribute('data-testid')).toBe('answer-percentage');
  });
});
