import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import PrimeVue from 'primevue/config';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiPlugin, type RumboClient } from '@/api/client';
import { createAppI18n, type AppLocale } from '@/i18n';
import { connectionFor, createFakeClient, readyReport, type FakeAnswer } from '@/testing/fake-client';
import { primeVueOptions } from '@/theme';
import StatusView from './StatusView.vue';

function mountStatus(client: RumboClient, locale: AppLocale) {
  const i18n = createAppI18n(locale);
  const wrapper = mount(StatusView, {
    global: { plugins: [createPinia(), i18n, [PrimeVue, primeVueOptions], createApiPlugin(connectionFor(client))] },
  });
  return { wrapper, i18n };
}

const text = (wrapper: ReturnType<typeof mount>, testId: string) =>
  wrapper.get(`[data-testid="${testId}"]`).text().replace(/\s+/g, ' ').trim();

afterEach(() => localStorage.clear());

describe('StatusView', () => {
  it('shows a ready API with its database, latency, version and uptime in Spanish', async () => {
    const { client, calls } = createFakeClient(() => ({ status: 200, body: readyReport() }));
    const { wrapper } = mountStatus(client, 'es');
    await flushPromises();

    expect(calls).toEqual(['/health/ready']);
    expect(wrapper.get('h1').text()).toBe('Estado del servicio');
    expect(text(wrapper, 'status-api')).toBe('Operativa');
    expect(text(wrapper, 'status-database')).toBe('Conectada');
    expect(text(wrapper, 'status-latency')).toBe('3,25 ms');
    expect(text(wrapper, 'status-version')).toBe('1.2.3');
    expect(text(wrapper, 'status-uptime')).toBe('1 hora, 1 minuto y 5 segundos');
    expect(text(wrapper, 'status-live')).toMatch(/^La API está operativa\. Comprobado a las /);
    expect(wrapper.find('[data-testid="status-error"]').exists()).toBe(false);
    expect(wrapper.get('button').text()).toContain('Actualizar');
  });

  it('shows the same report in English', async () => {
    const { client } = createFakeClient(() => ({ status: 200, body: readyReport() }));
    const { wrapper } = mountStatus(client, 'en');
    await flushPromises();

    expect(wrapper.get('h1').text()).toBe('Service status');
    expect(text(wrapper, 'status-api')).toBe('Ready');
    expect(text(wrapper, 'status-database')).toBe('Connected');
    expect(text(wrapper, 'status-latency')).toBe('3.25 ms');
    expect(text(wrapper, 'status-uptime')).toBe('1 hour, 1 minute, and 5 seconds');
    expect(text(wrapper, 'status-live')).toMatch(/^The API is ready\. Checked at /);
    expect(wrapper.get('button').text()).toContain('Refresh');
  });

  it('re-renders in the other language when the locale changes', async () => {
    const { client } = createFakeClient(() => ({ status: 200, body: readyReport() }));
    const { wrapper, i18n } = mountStatus(client, 'es');
    await flushPromises();
    expect(text(wrapper, 'status-database')).toBe('Conectada');

    i18n.global.locale.value = 'en';
    await flushPromises();
    expect(text(wrapper, 'status-database')).toBe('Connected');
    expect(text(wrapper, 'status-latency')).toBe('3.25 ms');
  });

  it('reports a 503 answer as "not ready" with the database down', async () => {
    const { client } = createFakeClient(() => ({
      status: 503,
      body: readyReport({ status: 'error', database: 'down' }),
    }));
    const { wrapper } = mountStatus(client, 'es');
    await flushPromises();

    expect(text(wrapper, 'status-api')).toBe('No operativa');
    expect(text(wrapper, 'status-database')).toBe('Sin conexión');
    expect(text(wrapper, 'status-live')).toMatch(/^La API no está operativa\./);
    expect(wrapper.find('[data-testid="status-error"]').exists()).toBe(false);
  });

  it('announces progress while checking, then the result', async () => {
    let release!: (answer: FakeAnswer) => void;
    const { client } = createFakeClient(() => new Promise<FakeAnswer>((resolve) => (release = resolve)));
    const { wrapper } = mountStatus(client, 'en');
    await flushPromises();

    const live = wrapper.get('[role="status"]');
    expect(live.attributes('aria-live')).toBe('polite');
    expect(live.text()).toBe('Checking the API status…');
    expect(wrapper.get('article').attributes('aria-busy')).toBe('true');
    expect(wrapper.find('[data-testid="status-report"]').exists()).toBe(false);

    release({ status: 200, body: readyReport() });
    await flushPromises();
    expect(live.text()).toMatch(/^The API is ready\./);
    expect(wrapper.get('article').attributes('aria-busy')).toBe('false');
  });

  it('says the API cannot be reached on a network error, in both languages', async () => {
    const { client } = createFakeClient(() => ({ networkError: true }));
    const { wrapper, i18n } = mountStatus(client, 'es');
    await flushPromises();

    expect(text(wrapper, 'status-error')).toBe('No se ha podido contactar con la API. Compruebe la conexión y vuelva a intentarlo.');
    expect(wrapper.find('[data-testid="status-error"] [role="alert"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="status-report"]').exists()).toBe(false);

    i18n.global.locale.value = 'en';
    await flushPromises();
    expect(text(wrapper, 'status-error')).toBe('The API could not be reached. Check the connection and try again.');
  });

  it('names the HTTP status of an unexpected answer and rejects bodies that are not reports', async () => {
    const answers: FakeAnswer[] = [
      { status: 500, body: { title: 'Internal Server Error' } },
      { status: 200, body: { status: 'ok' } },
    ];
    const { client } = createFakeClient(() => answers.shift()!);
    const { wrapper } = mountStatus(client, 'en');
    await flushPromises();
    expect(text(wrapper, 'status-error')).toBe('The API answered with an unexpected error (HTTP 500).');

    await wrapper.get('button').trigger('click');
    await flushPromises();
    expect(text(wrapper, 'status-error')).toBe('The API answered in a format that is not recognised.');
  });

  it('checks again when the refresh button is pressed, and recovers from an error', async () => {
    const answers: FakeAnswer[] = [{ networkError: true }, { status: 200, body: readyReport() }];
    const { client, calls } = createFakeClient(() => answers.shift()!);
    const { wrapper } = mountStatus(client, 'es');
    await flushPromises();
    expect(wrapper.find('[data-testid="status-error"]').exists()).toBe(true);

    await wrapper.get('button').trigger('click');
    await flushPromises();
    expect(calls).toHaveLength(2);
    expect(wrapper.find('[data-testid="status-error"]').exists()).toBe(false);
    expect(text(wrapper, 'status-api')).toBe('Operativa');
  });
});
