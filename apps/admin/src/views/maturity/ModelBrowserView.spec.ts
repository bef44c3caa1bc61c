import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import type { Me, ModelVersion, Tenant } from '@/api/types';
import { toDefinition } from '@/composables/use-maturity-models';
import { createTestConnection, demoMe, problem, tenantSummary, tokens, type FakeRequest } from '@/testing/fake-api';
import { modelV1, modelV2 } from '@/testing/maturity-models';
import { mountScreen } from '@/testing/mount';
import ModelBrowserView from './ModelBrowserView.vue';

// ECharts needs a real layout engine; the chart itself is not under test, its accessible parts are.
vi.mock('vue-echarts', () => ({
  default: defineComponent({ props: { option: { type: Object, default: null } }, setup: () => () => h('svg', { 'data-fake-chart': '' }) }),
}));

const region = tenantSummary('region', 'Comunidad Demo', { kind: 'region', code: 'ES-DEMO' }) as unknown as Tenant;
const admin = demoMe() as Me;
const viewer = demoMe({
  memberships: [{ tenantId: 'region', tenantCode: 'ES-DEMO', tenantName: 'Comunidad Demo', tenantKind: 'region', role: 'viewer' }],
}) as Me;

const globalModel = {
  id: 'model-g',
  key: 'rumbo-default',
  name: { es: 'Modelo Rumbo', en: 'Rumbo model' },
  description: null,
  scope: 'global',
  ownerTenantId: null,
  latestVersion: { id: 'ver-g', version: 1, status: 'published' },
  versions: [{ id: 'ver-g', version: 1, status: 'published' }],
};

function browserApi(options: { v2: ModelVersion; importReply?: (r: FakeRequest) => { status: number; body: unknown } }) {
  let v2 = options.v2;
  const ownModel = () => ({
    id: 'model-1',
    key: 'test-model',
    name: modelV1.name,
    description: modelV1.description,
    scope: 'tenant',
    ownerTenantId: 'region',
    latestVersion:
      v2.status === 'published' ? { id: 'ver-2', version: 2, status: 'published' } : { id: 'ver-1', version: 1, status: 'published' },
    versions: [
      { id: 'ver-2', version: 2, status: v2.status },
      { id: 'ver-1', version: 1, status: 'published' },
    ],
  });
  const connection = createTestConnection({
    'GET /v1/tenants/:id/maturity-models': () => ({ status: 200, body: { data: [globalModel, ownModel()] } }),
    'GET /v1/tenants/:id/maturity-model-versions/:v': (r) => {
      const id = r.path.split('/').pop();
      if (id === 'ver-1') return { status: 200, body: modelV1 };
      if (id === 'ver-2') return { status: 200, body: v2 };
      if (id === 'ver-g')
        return { status: 200, body: { ...modelV1, id: 'ver-g', key: 'rumbo-default', scope: 'global', name: globalModel.name } };
      return { status: 404, body: problem(404, 'model version not found') };
    },
    'POST /v1/tenants/:id/maturity-model-versions/:v/publish': () => {
      v2 = { ...v2, status: 'published', publishedAt: '2026-11-26T10:00:00.000Z' };
      return { status: 200, body: v2 };
    },
    'POST /v1/tenants/:id/maturity-models/import': (r) => options.importReply?.(r) ?? { status: 201, body: v2 },
  });
  connection.session.adopt(tokens(1));
  return connection;
}

afterEach(() => {
  document.body.innerHTML = '';
});

async function chooseFile(wrapper: Awaited<ReturnType<typeof mountScreen>>['wrapper'], content: string) {
  const input = wrapper.get('[data-testid="model-file"]');
  const file = new File([content], 'model.json', { type: 'application/json' });
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true });
  await input.trigger('change');
  await flushPromises();
}

describe('ModelBrowserView', () => {
  it('lists the usable models and opens the newest published version with levels, weights and questions', async () => {
    const connection = browserApi({ v2: modelV2 });
    const { wrapper } = await mountScreen(ModelBrowserView, {
      connection,
      me: viewer,
      tenant: region,
      locale: 'es',
      path: '/t/region/maturity/models',
    });
    await flushPromises();

    const rows = wrapper.findAll('[data-testid="models-row"]');
    expect(rows.map((r) => r.find('th').text())).toEqual(['Modelo Rumbo', 'Modelo de prueba']);
    expect(rows[0].text()).toContain('Global');
    expect(rows[1].text()).toContain('Esta organización');
    expect(rows[1].text()).toContain('v2 · Borrador');

    // Nothing in the URL: the first model's published version.
    const version = wrapper.get('[data-testid="model-version"]');
    expect(version.text()).toContain('Modelo Rumbo — versión 1');
    expect(wrapper.get('[data-testid="model-counts"]').text()).toBe('2 áreas · 3 dimensiones · 3 preguntas');
    expect(wrapper.get('[data-testid="model-levels"]').text()).toContain('Avanzado');
    const weights = wrapper.get('[data-testid="model-weights-table"]');
    expect(weights.text()).toContain('56,3'); // data: 0.75 × 0.75 of the overall score
    expect(wrapper.get('[data-testid="model-weights-chart"]').attributes('aria-label')).toContain('Datos 56,3');

    const question = wrapper.get('[data-key="tech.cloud"]');
    expect(question.text()).toContain('¿Usa la nube?');
    expect(question.text()).toContain('Requiere evidencia');
    expect(question.get('[data-testid="model-question-guidance"]').text()).toContain('estrategia');
    const source = question.get('[data-testid="model-question-sources"] a');
    expect(source.attributes('href')).toBe('https://www.oecd.org/');
    expect(source.attributes('rel')).toContain('noopener');
    expect(question.get('abbr').attributes('title')).toBe('Índice de Gobierno Digital de la OCDE');

    // A viewer can browse but neither import nor publish; a published version has no changes section without a predecessor.
    expect(wrapper.find('[data-testid="model-import"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="model-publish"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="model-changes"]').exists()).toBe(false);

    // Opening another version from the list moves the focus to its title.
    const v1 = wrapper
      .findAll('[data-testid="models-version"]')
      .find((b) => b.text() === 'v1 · Publicada' && b.attributes('aria-label')?.includes('prueba'))!;
    await v1.trigger('click');
    await flushPromises();
    expect(wrapper.get('#model-version-title').text()).toBe('Modelo de prueba — versión 1');
    expect(document.activeElement?.id).toBe('model-version-title');
    expect(v1.attributes('aria-pressed')).toBe('true');
  });

  it('filters the questions by text and by cited framework, and says how many are shown', async () => {
    const connection = browserApi({ v2: modelV2 });
    const { wrapper } = await mountScreen(ModelBrowserView, {
      connection,
      me: viewer,
      tenant: region,
      locale: 'en',
      path: '/t/region/maturity/models?version=ver-1',
    });
    await flushPromises();
    expect(wrapper.get('[data-testid="model-question-count"]').text()).toBe('3 of 3 questions shown');

    await wrapper.get('[data-testid="model-search"]').setValue('open data');
    expect(wrapper.findAll('[data-testid="model-question"]').map((q) => q.attributes('data-key'))).toEqual(['data.open']);
    expect(wrapper.get('[data-testid="model-question-count"]').text()).toBe('1 of 3 questions shown');

    await wrapper.get('[data-testid="model-search"]').setValue('');
    await wrapper.get('[data-testid="model-framework"]').setValue('OECD-DGI');
    expect(wrapper.findAll('[data-testid="model-question"]').map((q) => q.attributes('data-key'))).toEqual(['tech.cloud']);

    await wrapper.get('[data-testid="model-search"]').setValue('nothing like this');
    expect(wrapper.find('[data-testid="model-no-match"]').exists()).toBe(true);
    await wrapper.get('[data-testid="model-clear"]').trigger('click');
    expect(wrapper.findAll('[data-testid="model-question"]')).toHaveLength(3);
  });

  it('shows what changed since the previous version and lets the owner publish a draft after confirming', async () => {
    const connection = browserApi({ v2: modelV2 });
    const { wrapper } = await mountScreen(ModelBrowserView, {
      connection,
      me: admin,
      tenant: region,
      locale: 'en',
      path: '/t/region/maturity/models?version=ver-2',
      confirm: true,
    });
    await flushPromises();

    expect(wrapper.get('[data-testid="model-status"]').text()).toBe('Draft');
    const changes = wrapper.get('[data-testid="model-changes"]');
    expect(changes.text()).toContain('Changes since version 1');
    expect(wrapper.get('[data-testid="model-changes-kept"]').text()).toBe('2');
    expect(changes.text()).toContain('people.training');
    expect(changes.text()).toContain('tech.cloud: weight, scale values');
    expect(changes.text()).toContain('weight of Data: 3 → 2');

    await wrapper.get('[data-testid="model-publish"]').trigger('click');
    await flushPromises();
    const accept = [...document.querySelectorAll<HTMLButtonElement>('.p-confirmdialog button')].find((b) =>
      b.textContent?.includes('Publish'),
    );
    expect(document.body.textContent).toContain('will never change again');
    accept!.click();
    await flushPromises();

    const publish = connection.api.requests.find((r) => r.method === 'POST');
    expect(publish?.path).toBe('/v1/tenants/region/maturity-model-versions/ver-2/publish');
    expect(wrapper.get('[data-testid="model-status"]').text()).toBe('Published');
    expect(wrapper.find('[data-testid="model-publish"]').exists()).toBe(false);
  });

  it('imports a file, lists each invalid field path on 422, and opens the new version on success', async () => {
    let reply: { status: number; body: unknown } = {
      status: 422,
      body: problem(422, 'The model is not valid; see errors.', {
        errors: [
          { path: 'areas[0].weight', code: 'positive', message: 'must be a positive number' },
          { path: 'levels[1].minScore', code: 'increasing', message: 'must be greater than the previous level' },
        ],
      }),
    };
    const connection = browserApi({ v2: modelV2, importReply: () => reply });
    const { wrapper } = await mountScreen(ModelBrowserView, {
      connection,
      me: admin,
      tenant: region,
      locale: 'en',
      path: '/t/region/maturity/models',
    });
    await flushPromises();

    // Not JSON: said at once, nothing sent.
    await chooseFile(wrapper, '{"key": ');
    expect(wrapper.get('[data-testid="model-file-error"]').text()).toContain('not valid JSON');
    await wrapper.get('[data-testid="model-import"]').trigger('submit');
    expect(connection.api.requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    const doc = toDefinition(modelV2);
    await chooseFile(wrapper, JSON.stringify(doc));
    await wrapper.get('[data-testid="model-import"]').trigger('submit');
    await flushPromises();
    const errors = wrapper.get('[data-testid="model-import-errors"]');
    expect(errors.text()).toContain('areas[0].weight');
    expect(errors.text()).toContain('levels[1].minScore');
    expect(errors.text()).toContain('Problems found (2)');

    reply = { status: 201, body: modelV2 };
    await wrapper.get('#model-publish').setValue(true);
    await wrapper.get('[data-testid="model-import"]').trigger('submit');
    await flushPromises();
    const sent = connection.api.requests.filter((r) => r.method === 'POST');
    expect(sent).toHaveLength(2);
    expect(sent[1].path).toBe('/v1/tenants/region/maturity-models/import');
    expect(sent[1].query.get('publish')).toBe('true');
    expect(sent[1].body).toEqual(doc);
    expect(wrapper.find('[data-testid="model-import-errors"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="model-imported"]').text()).toContain('Test model imported as draft version 2');
    expect(wrapper.get('[data-testid="model-version"]').text()).toContain('Test model — version 2');
  });

  it('says so when the version in the URL is not usable here', async () => {
    const connection = browserApi({ v2: modelV2 });
    const { wrapper } = await mountScreen(ModelBrowserView, {
      connection,
      me: viewer,
      tenant: region,
      locale: 'en',
      path: '/t/region/maturity/models?version=nope',
    });
    await flushPromises();
    expect(wrapper.get('[data-testid="problem"]').text()).toContain('not usable in this organisation');
    expect(wrapper.findAll('[data-testid="models-row"]')).toHaveLength(2);
  });
});
