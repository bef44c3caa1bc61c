import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { Me, Tenant } from '@/api/types';
import { createTestConnection, demoMe, problem, tenantSummary, tokens, type FakeRequest } from '@/testing/fake-api';
import { mountScreen } from '@/testing/mount';
import ApiKeysView from './ApiKeysView.vue';

const SECRET = 'rmb_01a218f713bc776a9d0d5a0ddfbfe4f1_KzPuIw0OfpIRpRphr3CayzGSlm1M-MRpqe2fPCmtrGw';
const me = demoMe() as Me;
const region = tenantSummary('region', 'Comunidad Demo', { kind: 'region', code: 'ES-DEMO' }) as unknown as Tenant;

function keysApi() {
  const keys: Record<string, unknown>[] = [];
  const connection = createTestConnection({
    'GET /v1/tenants/:id/api-keys': () => ({ status: 200, body: { data: keys, nextCursor: null } }),
    'POST /v1/tenants/:id/api-keys': (r: FakeRequest) => {
      const body = r.body as { name: string; scopes: string[]; expiresAt?: string };
      if (body.name === 'taken') return { status: 409, body: problem(409, 'A key with this name exists') };
      const stored = {
        id: `k${keys.length + 1}`,
        name: body.name,
        prefix: 'rmb_01a218f7',
        lastFour: 'trGw',
        scopes: body.scopes,
        expiresAt: body.expiresAt ?? null,
        lastUsedAt: null,
        revokedAt: null,
        createdAt: '2026-03-01T10:00:00.000Z',
      };
      keys.unshift(stored);
      return { status: 201, body: { ...stored, key: SECRET } };
    },
    'DELETE /v1/tenants/:id/api-keys/:key': () => ({ status: 204 }),
  });
  connection.session.adopt(tokens(1));
  return connection;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('ApiKeysView', () => {
  it('shows a new key once, with a warning and a copy button, and never again after dismissing it', async () => {
    const connection = keysApi();
    const { wrapper } = await mountScreen(ApiKeysView, { connection, me, tenant: region });
    await flushPromises();
    expect(wrapper.text()).toContain('No keys.');

    await wrapper.get('#key-name').setValue('Ticketing (production)');
    await wrapper.get('#scope-kpis-write').setValue(true);
    await wrapper.get('[data-testid="api-key-form"]').trigger('submit');
    await flushPromises();

    const post = connection.api.requests.find((r) => r.method === 'POST')!;
    expect(post.path).toBe('/v1/tenants/region/api-keys');
    expect(post.body).toEqual({ name: 'Ticketing (production)', scopes: ['read', 'kpis:write'] });

    const shown = wrapper.get('[data-testid="api-key-created"]');
    expect(shown.text()).toContain('This is the only time the full key is shown');
    expect(wrapper.get<HTMLInputElement>('[data-testid="api-key-secret"]').element.value).toBe(SECRET);
    expect(wrapper.get<HTMLInputElement>('[data-testid="api-key-secret"]').attributes('readonly')).toBeDefined();
    expect(wrapper.get('label[for="api-key-secret"]').text()).toBe('API key');
    expect(shown.findAll('button').map((b) => b.text())).toContain('Copy');
    expect(document.activeElement?.id).toBe('api-key-created-title');

    // The list only ever shows the prefix and the last four characters.
    const table = wrapper.get('[data-testid="api-keys-table"]');
    expect(table.text()).toContain('rmb_01a218f7…trGw');
    expect(table.text()).not.toContain(SECRET);

    await wrapper.get('[data-testid="api-key-dismiss"]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="api-key-created"]').exists()).toBe(false);
    expect(wrapper.html()).not.toContain(SECRET);
    expect(document.body.innerHTML).not.toContain(SECRET);
    expect(JSON.stringify({ ...localStorage, ...sessionStorage })).not.toContain(SECRET);
  });

  it('requires a name and a permission, and reports the API problem', async () => {
    const connection = keysApi();
    const { wrapper } = await mountScreen(ApiKeysView, { connection, me, tenant: region, locale: 'es' });
    await flushPromises();

    await wrapper.get('#scope-read').setValue(false);
    await wrapper.get('[data-testid="api-key-form"]').trigger('submit');
    expect(wrapper.get('#key-name-error').text()).toBe('Este campo es obligatorio.');
    expect(wrapper.get('#key-name').attributes('aria-invalid')).toBe('true');
    expect(wrapper.get('#key-scopes-error').text()).toBe('Elija al menos un permiso.');
    expect(connection.api.requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    await wrapper.get('#key-name').setValue('taken');
    await wrapper.get('#scope-read').setValue(true);
    await wrapper.get('[data-testid="api-key-form"]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="problem"]').text()).toContain('La solicitud entra en conflicto con el estado actual.');
    expect(wrapper.get('[data-testid="problem-request-id"]').text()).toContain('req-409');
    expect(wrapper.find('[data-testid="api-key-created"]').exists()).toBe(false);
  });

  it('revokes a key after confirmation', async () => {
    const connection = keysApi();
    const { wrapper } = await mountScreen(ApiKeysView, { connection, me, tenant: region, confirm: true });
    await flushPromises();
    await wrapper.get('#key-name').setValue('Old integration');
    await wrapper.get('[data-testid="api-key-form"]').trigger('submit');
    await flushPromises();

    await wrapper.get('button[aria-label="Revoke the key Old integration"]').trigger('click');
    await flushPromises();
    const dialog = document.querySelector<HTMLElement>('[role="alertdialog"]')!;
    expect(dialog.textContent).toContain('Systems using “Old integration” lose access immediately.');
    expect(connection.api.requests.some((r) => r.method === 'DELETE')).toBe(false);
    Array.from(dialog.querySelectorAll('button'))
      .find((b) => b.textContent?.trim() === 'Revoke')!
      .click();
    await flushPromises();
    expect(connection.api.requests.find((r) => r.method === 'DELETE')?.path).toBe('/v1/tenants/region/api-keys/k1');
  });
});
