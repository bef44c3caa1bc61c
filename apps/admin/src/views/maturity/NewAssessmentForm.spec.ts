import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { Me } from '@/api/types';
import { createTestConnection, demoMe, problem, tokens } from '@/testing/fake-api';
import { mountScreen } from '@/testing/mount';
import NewAssessmentForm from './NewAssessmentForm.vue';

const model = {
  id: 'm1',
  key: 'rumbo-default',
  name: { es: 'Modelo Rumbo', en: 'Rumbo model' },
  description: null,
  scope: 'global',
  ownerTenantId: null,
  latestVersion: { id: 'v2', version: 2, status: 'published' },
  versions: [
    { id: 'v3', version: 3, status: 'draft' },
    { id: 'v2', version: 2, status: 'published' },
  ],
};

function api() {
  const connection = createTestConnection({
    'GET /v1/tenants/:id/maturity-models': () => ({ status: 200, body: { data: [model] } }),
    'POST /v1/tenants/:id/assessments': (r) => ({ status: 201, body: { id: 'new-1', ...(r.body as object) } }),
  });
  connection.session.adopt(tokens(1));
  return connection;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('NewAssessmentForm', () => {
  it('offers published versions only, and sends the year, title and respondents', async () => {
    const connection = api();
    const { wrapper, screen } = await mountScreen(NewAssessmentForm, {
      connection,
      me: demoMe() as Me,
      locale: 'en',
      props: { tenantId: 'town' },
    });
    await flushPromises();
    expect(wrapper.findAll('#new-version option').map((o) => o.text())).toEqual(['Rumbo model (version 2)']);

    await wrapper.get('#new-period').setValue('2027');
    await wrapper.get('#new-title').setValue('  Annual self-assessment ');
    await wrapper.get('[data-testid="respondents-add"]').trigger('click');
    await flushPromises();
    const row = wrapper.get('[data-testid="respondent"]');
    // The new row's name field takes the focus.
    expect(document.activeElement?.id).toMatch(/^respondent-name-/);

    // A row without a name, or with a malformed email, is said so and nothing is sent.
    await row.get('input[type="email"]').setValue('maria@');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(row.text()).toContain("Enter the respondent's name, or remove the row.");
    expect(row.text()).toContain('Enter a valid email address, or leave it empty.');
    expect(document.activeElement?.id).toMatch(/^respondent-name-/);
    expect(connection.api.requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    await row.get('[id^="respondent-name-"]').setValue('María López');
    await row.get('[id^="respondent-role-"]').setValue('Head of IT');
    await row.get('input[type="email"]').setValue('maria@example.org');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    const post = connection.api.requests.find((r) => r.method === 'POST')!;
    expect(post.body).toEqual({
      modelVersionId: 'v2',
      period: '2027',
      title: 'Annual self-assessment',
      respondents: [{ name: 'María López', role: 'Head of IT', email: 'maria@example.org' }],
    });
    expect(screen.emitted('created')).toEqual([['new-1']]);
  });

  it('removes a respondent row and gives the focus back to the add button', async () => {
    const connection = api();
    const { wrapper } = await mountScreen(NewAssessmentForm, { connection, me: demoMe() as Me, locale: 'es', props: { tenantId: 'town' } });
    await flushPromises();
    await wrapper.get('[data-testid="respondents-add"]').trigger('click');
    await flushPromises();
    await wrapper.get('[data-testid="respondent"] button').trigger('click');
    await flushPromises();
    expect(wrapper.findAll('[data-testid="respondent"]')).toHaveLength(0);
    expect(document.activeElement?.id).toBe('respondents-add');

    // No respondents: an empty list is sent, and no title.
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    const post = connection.api.requests.find((r) => r.method === 'POST')!;
    expect(post.body).toMatchObject({ modelVersionId: 'v2', respondents: [] });
    expect(post.body).not.toHaveProperty('title');
  });

  it('offers to continue the existing assessment when the year is already taken (409 assessment-exists)', async () => {
    const connection = createTestConnection({
      'GET /v1/tenants/:id/maturity-models': () => ({ status: 200, body: { data: [model] } }),
      'POST /v1/tenants/:id/assessments': () => ({
        status: 409,
        body: problem(409, 'Ya existe una evaluación de 2026 con este modelo.', {
          type: 'urn:rumbo:problem:assessment-exists',
          existingAssessmentId: '0190aaaa-0000-7000-8000-0000000000aa',
          existingStatus: 'draft',
        }),
        headers: { 'Content-Language': 'es' },
      }),
    });
    connection.session.adopt(tokens(1));
    const { wrapper, screen } = await mountScreen(NewAssessmentForm, {
      connection,
      me: demoMe() as Me,
      locale: 'es',
      props: { tenantId: 'town' },
    });
    await flushPromises();
    await wrapper.get('#new-period').setValue('2026');
    await wrapper.get('[data-testid="new-assessment"]').trigger('submit');
    await flushPromises();

    const notice = wrapper.get('[data-testid="assessment-exists"]');
    expect(notice.text()).toContain('Esta organización ya tiene una evaluación de 2026 con este modelo.');
    expect(notice.text()).toContain('Está en borrador: puede continuarla donde se dejó.');
    expect(document.activeElement).toBe(notice.element);
    // Not a bare conflict: no generic problem, and nothing created.
    expect(wrapper.find('[data-testid="problem"]').exists()).toBe(false);
    expect(screen.emitted('created')).toBeUndefined();
    const link = wrapper.get('[data-testid="assessment-exists-continue"]');
    expect(link.text()).toBe('Continuar esa evaluación');
    expect(link.attributes('href')).toBe('/t/town/maturity/assessments/0190aaaa-0000-7000-8000-0000000000aa');

    // Another year is another assessment: the notice goes.
    await wrapper.get('#new-period').setValue('2027');
    expect(wrapper.find('[data-testid="assessment-exists"]').exists()).toBe(false);
  });

  it('shows any other refusal as the API problem', async () => {
    const connection = createTestConnection({
      'GET /v1/tenants/:id/maturity-models': () => ({ status: 200, body: { data: [model] } }),
      'POST /v1/tenants/:id/assessments': () => ({ status: 403, body: problem(403, 'Su rol no permite crear evaluaciones.') }),
    });
    connection.session.adopt(tokens(1));
    const { wrapper } = await mountScreen(NewAssessmentForm, { connection, me: demoMe() as Me, locale: 'es', props: { tenantId: 'town' } });
    await flushPromises();
    await wrapper.get('[data-testid="new-assessment"]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="problem"]').text()).toContain('Su rol no permite crear evaluaciones.');
    expect(wrapper.find('[data-testid="assessment-exists"]').exists()).toBe(false);
  });
});
