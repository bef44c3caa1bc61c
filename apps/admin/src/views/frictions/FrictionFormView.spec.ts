import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestConnection, problem, tokens, type FakeRequest } from '@/testing/fake-api';
import {
  AREAS,
  assessment,
  friction,
  FRICTION_ANALYST,
  FRICTION_ME,
  FRICTION_TOWN,
  GAPS,
  MODEL_VERSION,
  SETTINGS,
} from '@/testing/frictions';
import { mountScreen } from '@/testing/mount';
import { latestSubmitted, rootCauseOptions } from '@/composables/use-frictions-references';
import FrictionFormView from './FrictionFormView.vue';

const mounted: { unmount: () => void }[] = [];
afterEach(() => {
  mounted.splice(0).forEach((w) => w.unmount());
  document.body.innerHTML = '';
});

function api(extra: Parameters<typeof createTestConnection>[0] = {}) {
  const connection = createTestConnection({
    'GET /v1/tenants/:t/friction-areas': () => ({ status: 200, body: { data: AREAS } }),
    'GET /v1/tenants/:t/friction-settings': () => ({ status: 200, body: SETTINGS, headers: { ETag: 'W/"3"' } }),
    'GET /v1/tenants/:t/friction-owners': () => ({ status: 200, body: { data: [{ userId: 'u-ana', name: 'Ana' }] } }),
    'GET /v1/tenants/:t/assessments': () => ({
      status: 200,
      body: {
        data: [
          assessment('a2025', 'validated', '2025-06-01T00:00:00Z', '2025'),
          assessment('a2026', 'submitted', '2026-03-01T00:00:00Z', '2026'),
          assessment('draft', 'draft', null, '2027'),
        ],
        nextCursor: null,
      },
    }),
    'GET /v1/tenants/:t/maturity-model-versions/:v': () => ({ status: 200, body: MODEL_VERSION }),
    'GET /v1/tenants/:t/assessments/:a/gaps': (r) => ({ status: 200, body: r.query.get('limit') === '100' ? GAPS : { ...GAPS, data: [] } }),
    ...extra,
  });
  connection.session.adopt(tokens(1));
  return connection;
}

async function mountForm(path: string, connection = api(), locale: 'es' | 'en' = 'en', me = FRICTION_ME) {
  const screen = await mountScreen(FrictionFormView, { connection, me, tenant: FRICTION_TOWN, locale, path });
  mounted.push(screen.wrapper);
  await flushPromises();
  return screen;
}

/** Types into a PrimeVue InputNumber as a person would: its input event carries the parsed value. */
async function typeNumber(
  input: { element: Element; trigger: (event: string, options?: Record<string, unknown>) => Promise<void> },
  text: string,
): Promise<void> {
  const el = input.element as HTMLInputElement;
  el.value = text;
  await input.trigger('input', { inputType: 'insertText', data: text });
  await input.trigger('blur');
  await flushPromises();
}

const field = (wrapper: Awaited<ReturnType<typeof mountForm>>['wrapper'], id: string) => wrapper.get(`#${id}`);

describe('FrictionFormView', () => {
  it('computes hours and cost per line, per audience and in total as the person types, with the tenant defaults', async () => {
    const { wrapper } = await mountForm('/t/town/frictions/new', api(), 'es');
    await typeNumber(field(wrapper, 'burden-0-population'), '1000');
    await typeNumber(field(wrapper, 'burden-0-frequencyPerYear'), '2');
    await typeNumber(field(wrapper, 'burden-0-minutesPerOccurrence'), '30');
    // Citizens: hours, no money.
    expect(wrapper.get('[data-testid="burden-0-cost"]').text()).toContain('2000');
    expect(wrapper.get('[data-testid="cost-row-citizens"]').text()).toContain('1000 h');

    // A staff line takes the tenant's 42 €/h: 100 × 12 × 15 min = 300 h → 12.600 €.
    await wrapper.get('[data-testid="burden-add-staff"]').trigger('click');
    await flushPromises();
    await typeNumber(field(wrapper, 'burden-1-population'), '100');
    await typeNumber(field(wrapper, 'burden-1-frequencyPerYear'), '12');
    await typeNumber(field(wrapper, 'burden-1-minutesPerOccurrence'), '15');
    expect(wrapper.get('[data-testid="burden-1-annual-cost"]').text()).toBe('12.600\u00a0€');
    expect(wrapper.get('[data-testid="cost-row-staff"]').text()).toContain('300 h');
    expect(wrapper.get('[data-testid="cost-total"]').text()).toBe('12.600\u00a0€');
    expect(wrapper.get('[data-testid="cost-source"]').text()).toContain('Calculado mientras escribe');
    expect(wrapper.get('#burden-1-tariffPerHour-hint').text()).toBe('Vacío: la tarifa de la organización, 42\u00a0€ la hora.');
    // Each audience once: no third button for staff.
    expect(wrapper.find('[data-testid="burden-add-staff"]').exists()).toBe(false);
  });

  it('fills a line’s minutes from the standard-activity estimator', async () => {
    const { wrapper } = await mountForm('/t/town/frictions/new');
    await wrapper.get('[data-testid="burden-0-estimate"]').trigger('click');
    await flushPromises();
    const dialog = document.querySelector('[data-testid="minutes-estimator"]')!;
    const choose = (key: string, value: string) => {
      const select = dialog.querySelector<HTMLSelectElement>(`[data-testid="estimator-${key}"]`)!;
      select.value = value;
      select.dispatchEvent(new Event('change'));
    };
    choose('filling-in-forms', 'medium'); // 5
    choose('obtaining-data', 'complex'); // 120
    const times = dialog.querySelector<HTMLInputElement>('#estimator-filling-in-forms-times')!;
    times.value = '2';
    times.dispatchEvent(new Event('input'));
    await flushPromises();
    expect(dialog.querySelector('[data-testid="estimator-total"]')!.textContent).toContain('130 minutes');
    dialog.querySelector<HTMLButtonElement>('[data-testid="estimator-use"]')!.click();
    await flushPromises();
    expect((field(wrapper, 'burden-0-minutesPerOccurrence').element as HTMLInputElement).value).toBe('130');
  });

  it('lists the latest submitted assessment’s dimensions, weakest first, with score and gap', async () => {
    const { wrapper } = await mountForm('/t/town/frictions/new');
    const options = wrapper.findAll('[data-testid="root-cause-option"]');
    // Each checkbox is named by its label and described by its gap.
    const texts = options.map((o) => {
      const text = (id: string) => document.getElementById(id)!.textContent!.replace(/\s+/g, ' ').trim();
      const label = document
        .querySelector(`label[for="${o.attributes('id')}"]`)!
        .textContent!.replace(/\s+/g, ' ')
        .trim();
      return `${label} | ${text(o.attributes('aria-describedby')!)}`;
    });
    expect(texts).toEqual([
      'Technology › Data | Score 32.5, level 2 · 17.5 points to the next level',
      'Technology › Infrastructure | Score 75, level 4 · top level',
      'Technology › Skills | not scored',
    ]);
    expect(wrapper.get('[data-testid="root-causes"]').text()).toContain('Dimensions of the 2026 assessment');
  });

  it('creates the friction with its lines and root causes, then shows the server’s figures', async () => {
    const posted: FakeRequest[] = [];
    const created = friction('new-1', { title: 'Paper permit', area: 'health', annualCost: 99, version: 1 });
    const connection = api({
      'POST /v1/tenants/:t/frictions': (r) => {
        posted.push(r);
        return { status: 201, body: created, headers: { ETag: 'W/"1"' } };
      },
      'GET /v1/tenants/:t/frictions/:id': () => ({ status: 200, body: created, headers: { ETag: 'W/"1"' } }),
    });
    const { wrapper, router } = await mountForm('/t/town/frictions/new', connection);
    await field(wrapper, 'friction-title').setValue('Paper permit');
    await field(wrapper, 'friction-area').setValue('health');
    await field(wrapper, 'friction-owner').setValue('u-ana');
    await field(wrapper, 'friction-tags').setValue('paper, signature, paper');
    await field(wrapper, 'friction-tags').trigger('change');
    await typeNumber(field(wrapper, 'burden-0-population'), '1000');
    await typeNumber(field(wrapper, 'burden-0-frequencyPerYear'), '2');
    await typeNumber(field(wrapper, 'burden-0-minutesPerOccurrence'), '30');
    await wrapper.findAll('[data-testid="root-cause-option"]')[0].setValue(true);
    await wrapper.get('[data-testid="friction-form"]').trigger('submit');
    await flushPromises();

    expect(posted[0].body).toEqual({
      title: 'Paper permit',
      description: null,
      area: 'health',
      service: null,
      channel: null,
      ownerId: 'u-ana',
      ref: null,
      tags: ['paper', 'signature'],
      evidence: [],
      burdens: [{ audience: 'citizens', population: 1000, frequencyPerYear: 2, minutesPerOccurrence: 30 }],
      rootCauses: [{ modelId: 'model-1', areaKey: 'tech', dimensionKey: 'data' }],
      status: 'identified',
    });
    expect(router.currentRoute.value.fullPath).toBe('/t/town/frictions/new-1');
    await flushPromises();
    expect(wrapper.get('[data-testid="cost-source"]').text()).toBe('As stored by the server.');
    expect(wrapper.get('[data-testid="cost-total"]').text()).toBe('€99');
  });

  it('says what is missing instead of sending an incomplete friction', async () => {
    const connection = api();
    const { wrapper } = await mountForm('/t/town/frictions/new', connection);
    await wrapper.get('[data-testid="friction-form"]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="friction-client-problem"]').text()).toBe('Give the friction a title.');
    expect(document.activeElement?.id).toBe('friction-title');
    await field(wrapper, 'friction-title').setValue('X');
    await field(wrapper, 'friction-area').setValue('health');
    await wrapper.get('[data-testid="friction-form"]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="burden-0-population-error"]').text()).toBe('Required.');
    expect(connection.api.requests.some((r) => r.method === 'POST')).toBe(false);
  });

  it('saves with If-Match and, on 412, offers to reload what someone else saved', async () => {
    let version = 4;
    const patches: FakeRequest[] = [];
    const connection = api({
      'GET /v1/tenants/:t/frictions/:id': () => ({
        status: 200,
        body: friction('f1', { title: `Version ${version}`, version }),
        headers: { ETag: `W/"${version}"` },
      }),
      'PATCH /v1/tenants/:t/frictions/:id': (r) => {
        patches.push(r);
        return { status: 412, body: problem(412, 'The friction changed since you read it.') };
      },
    });
    const { wrapper } = await mountForm('/t/town/frictions/f1', connection);
    expect(wrapper.get('h1').text()).toBe('Version 4');
    await field(wrapper, 'friction-title').setValue('Mine');
    await wrapper.get('[data-testid="friction-form"]').trigger('submit');
    await flushPromises();
    expect(patches[0].headers.get('If-Match')).toBe('W/"4"');
    expect(wrapper.get('[data-testid="friction-stale"]').text()).toContain('Someone else changed this since you opened it.');
    version = 5;
    await wrapper.get('[data-testid="friction-reload"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('h1').text()).toBe('Version 5');
    expect((field(wrapper, 'friction-title').element as HTMLInputElement).value).toBe('Version 5');
    expect(wrapper.find('[data-testid="friction-stale"]').exists()).toBe(false);
  });

  it('shows the API’s validation messages beside their fields', async () => {
    const connection = api({
      'GET /v1/tenants/:t/frictions/:id': () => ({ status: 200, body: friction('f1'), headers: { ETag: 'W/"1"' } }),
      'PATCH /v1/tenants/:t/frictions/:id': () => ({
        status: 422,
        body: problem(422, 'Some fields are not valid.', {
          errors: [
            { path: 'ref', code: 'friction-ref-taken', message: 'Another friction already has this reference.' },
            { path: 'burdens[0].population', code: 'too-large', message: 'At most 1,000,000,000.' },
          ],
        }),
      }),
    });
    const { wrapper } = await mountForm('/t/town/frictions/f1', connection);
    await field(wrapper, 'friction-ref').setValue('F-2');
    await wrapper.get('[data-testid="friction-form"]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="friction-ref-error"]').text()).toBe('Another friction already has this reference.');
    expect(field(wrapper, 'friction-ref').attributes('aria-invalid')).toBe('true');
    expect(wrapper.get('[data-testid="burden-0-population-error"]').text()).toBe('At most 1,000,000,000.');
  });

  it('adds an area inline and selects it', async () => {
    const posted: FakeRequest[] = [];
    const connection = api({
      'POST /v1/tenants/:t/friction-areas': (r) => {
        posted.push(r);
        return { status: 201, body: { key: 'gestion-del-agua', name: { es: 'Gestión del agua', en: 'Gestión del agua' }, builtIn: false } };
      },
    });
    const { wrapper } = await mountForm('/t/town/frictions/new', connection, 'es');
    await wrapper.get('[data-testid="friction-add-area"]').trigger('click');
    await flushPromises();
    expect(document.activeElement?.id).toBe('friction-new-area');
    await wrapper.get('[data-testid="friction-new-area"]').setValue('Gestión del agua');
    await wrapper.get('[data-testid="friction-new-area-submit"]').trigger('click');
    await flushPromises();
    expect(posted[0].body).toEqual({ key: 'gestion-del-agua', name: { es: 'Gestión del agua', en: 'Gestión del agua' } });
    expect((field(wrapper, 'friction-area').element as HTMLSelectElement).value).toBe('gestion-del-agua');
    expect(document.activeElement?.id).toBe('friction-area');
  });

  it('lets an analyst choose the owner by name, without the administrators’ member list', async () => {
    const connection = api();
    const { wrapper } = await mountForm('/t/town/frictions/new', connection, 'en', FRICTION_ANALYST);
    expect(connection.api.requests.some((r) => r.path.endsWith('/members'))).toBe(false);
    const options = field(wrapper, 'friction-owner')
      .findAll('option')
      .map((o) => o.text());
    expect(options).toContain('Ana');
  });
});

describe('FrictionFormView for a viewer', () => {
  it('shows the friction read-only, without a save button', async () => {
    const viewer = { ...FRICTION_ME, memberships: [{ ...FRICTION_ME.memberships[0], role: 'viewer' as const }] };
    const connection = api({
      'GET /v1/tenants/:t/frictions/:id': () => ({ status: 200, body: friction('f1'), headers: { ETag: 'W/"1"' } }),
    });
    const { wrapper } = await mountForm('/t/town/frictions/f1', connection, 'es', viewer);
    expect(wrapper.get('[data-testid="friction-read-only"]').text()).toContain('Usted puede consultar esta fricción');
    expect(wrapper.get('fieldset.friction-form__body').attributes('disabled')).toBeDefined();
    expect(wrapper.find('[data-testid="friction-save"]').exists()).toBe(false);
  });
});

describe('root-cause options', () => {
  it('take the most recently submitted assessment, validated or not, never a draft', () => {
    const list = [
      assessment('old', 'validated', '2025-06-01T00:00:00Z', '2025'),
      assessment('new', 'submitted', '2026-03-01T00:00:00Z', '2026'),
      assessment('d', 'draft', null, '2027'),
    ];
    expect(latestSubmitted(list as never)?.id).toBe('new');
    expect(latestSubmitted([list[2]] as never)).toBeNull();
  });

  it('follow the gaps’ order and put unscored dimensions last', () => {
    const options = rootCauseOptions(MODEL_VERSION as never, GAPS as never);
    expect(options.map((o) => [o.dimensionKey, o.shortfall])).toEqual([
      ['data', 17.5],
      ['infra', null],
      ['skills', null],
    ]);
  });
});
