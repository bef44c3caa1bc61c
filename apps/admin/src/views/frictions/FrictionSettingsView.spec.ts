import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestConnection, problem, tokens, type FakeRequest } from '@/testing/fake-api';
import { FRICTION_ME, FRICTION_TOWN, SETTINGS } from '@/testing/frictions';
import { mountScreen } from '@/testing/mount';
import FrictionSettingsView from './FrictionSettingsView.vue';

afterEach(() => {
  document.body.innerHTML = '';
});

async function mountSettings(
  put: (r: FakeRequest) => { status: number; body?: unknown; headers?: Record<string, string> },
  locale: 'es' | 'en' = 'es',
) {
  let version = 3;
  const connection = createTestConnection({
    'GET /v1/tenants/:t/friction-settings': () => ({ status: 200, body: { ...SETTINGS, version }, headers: { ETag: `W/"${version}"` } }),
    'PUT /v1/tenants/:t/friction-settings': (r) => {
      const reply = put(r);
      version += 1;
      return reply;
    },
  });
  connection.session.adopt(tokens(1));
  const screen = await mountScreen(FrictionSettingsView, { connection, me: FRICTION_ME, tenant: FRICTION_TOWN, locale });
  await flushPromises();
  return screen;
}

describe('FrictionSettingsView', () => {
  it('shows the rates in the tenant currency and saves them with If-Match', async () => {
    const puts: FakeRequest[] = [];
    const { wrapper } = await mountSettings((r) => {
      puts.push(r);
      return { status: 200, body: { ...SETTINGS, staffTariffPerHour: 50, version: 4 }, headers: { ETag: 'W/"4"' } };
    });
    const staff = wrapper.get<HTMLInputElement>('#friction-settings-staff');
    expect(staff.element.value).toBe('42,00\u00a0€');
    staff.element.value = '50';
    await staff.trigger('input', { inputType: 'insertText', data: '50' });
    await staff.trigger('blur');
    await wrapper.get('[data-testid="friction-settings-form"]').trigger('submit');
    await flushPromises();
    expect(puts[0].headers.get('If-Match')).toBe('W/"3"');
    expect(puts[0].body).toEqual({ staffTariffPerHour: 50, businessTariffPerHour: 30, currency: 'EUR' });
    expect(wrapper.text()).toContain('Tarifas guardadas; se han recalculado las fricciones que las usan.');
  });

  it('explains a 412 and reloads the current rates', async () => {
    const { wrapper } = await mountSettings(() => ({ status: 412, body: problem(412, 'changed') }), 'en');
    await wrapper.get('[data-testid="friction-settings-form"]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="friction-settings-stale"]').text()).toContain('Someone else changed this');
    await wrapper.get('[data-testid="friction-settings-stale"] button').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="friction-settings-stale"]').exists()).toBe(false);
    expect(document.activeElement?.id).toBe('friction-settings-staff');
  });

  it('shows a rate the API refused beside its field', async () => {
    const { wrapper } = await mountSettings(() => ({
      status: 422,
      body: problem(422, 'invalid', { errors: [{ path: 'businessTariffPerHour', code: 'max', message: 'Como mucho 1.000.000.' }] }),
    }));
    await wrapper.get('[data-testid="friction-settings-form"]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="friction-settings-businesses-error"]').text()).toBe('Como mucho 1.000.000.');
  });
});
