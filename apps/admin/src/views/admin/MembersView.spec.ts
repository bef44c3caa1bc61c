import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { Me, Tenant } from '@/api/types';
import { createTestConnection, demoMe, problem, tenantSummary, tokens, type FakeRequest } from '@/testing/fake-api';
import { mountScreen } from '@/testing/mount';
import MembersView from './MembersView.vue';

const me = demoMe() as Me;
const region = tenantSummary('region', 'Comunidad Demo', { kind: 'region', code: 'ES-DEMO' }) as unknown as Tenant;

function membersApi(options: { refuse?: boolean } = {}) {
  const members = [
    {
      id: 'm-self',
      userId: 'user-1',
      email: 'admin@demo.example',
      name: 'Ana Administradora',
      role: 'admin',
      createdAt: '2026-01-01T00:00:00Z',
    },
    { id: 'm-2', userId: 'user-2', email: 'luis@demo.example', name: 'Luis Lector', role: 'viewer', createdAt: '2026-02-01T00:00:00Z' },
  ];
  const connection = createTestConnection({
    'GET /v1/tenants/:id/members': () => ({ status: 200, body: { data: members, nextCursor: null } }),
    'GET /v1/tenants/:id/invitations': () => ({ status: 200, body: { data: [], nextCursor: null } }),
    'PATCH /v1/tenants/:id/members/:m': (r: FakeRequest) => {
      if (options.refuse) return { status: 404, body: problem(404, 'El miembro no existe.') };
      const member = members.find((m) => r.path.endsWith(m.id))!;
      member.role = (r.body as { role: string }).role;
      return { status: 200, body: member };
    },
  });
  connection.session.adopt(tokens(1));
  return connection;
}

const dialog = () => document.querySelector<HTMLElement>('[role="alertdialog"]');
const dialogButton = (label: string) =>
  Array.from(dialog()?.querySelectorAll('button') ?? []).find((b) => b.textContent?.trim() === label) as HTMLButtonElement;

async function chooseRole(wrapper: Awaited<ReturnType<typeof mountScreen>>['wrapper'], role: string) {
  const select = wrapper.get<HTMLSelectElement>('#member-role-m-2');
  select.element.value = role;
  await select.trigger('change');
  await flushPromises();
  return select;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('MembersView', () => {
  it('asks before changing a colleague’s role, and announces the change once saved', async () => {
    const connection = membersApi();
    const { wrapper } = await mountScreen(MembersView, { connection, me, tenant: region, confirm: true });
    await flushPromises();

    const select = await chooseRole(wrapper, 'analyst');
    expect(dialog()?.textContent).toContain('Luis Lector will go from Viewer to Analyst here and in every organisation below.');
    expect(connection.api.requests.some((r) => r.method === 'PATCH')).toBe(false);

    dialogButton('Change to Analyst').click();
    await flushPromises();
    const patch = connection.api.requests.find((r) => r.method === 'PATCH')!;
    expect(patch.path).toBe('/v1/tenants/region/members/m-2');
    expect(patch.body).toEqual({ role: 'analyst' });
    expect(select.element.value).toBe('analyst');
    expect(wrapper.get('[data-testid="live-status"]').text()).toBe('Luis Lector is now Analyst.');
  });

  it('puts the saved role back when the change is cancelled, and sends nothing', async () => {
    const connection = membersApi();
    const { wrapper } = await mountScreen(MembersView, { connection, me, tenant: region, confirm: true, locale: 'es' });
    await flushPromises();

    const select = await chooseRole(wrapper, 'admin');
    expect(dialog()?.textContent).toContain('Luis Lector pasará de Consulta a Administración');
    dialogButton('Cancelar').click();
    await flushPromises();
    expect(select.element.value).toBe('viewer');
    expect(connection.api.requests.some((r) => r.method === 'PATCH')).toBe(false);
    expect(wrapper.get('[data-testid="live-status"]').text()).toBe('');
  });

  it('shows the API’s refusal in the UI language and puts the role back', async () => {
    const connection = membersApi({ refuse: true });
    const { wrapper } = await mountScreen(MembersView, { connection, me, tenant: region, confirm: true, locale: 'es' });
    await flushPromises();

    const select = await chooseRole(wrapper, 'auditor');
    dialogButton('Cambiar a Auditoría').click();
    await flushPromises();
    expect(select.element.value).toBe('viewer');
    expect(wrapper.get('[data-testid="problem"]').text()).toContain('El miembro no existe.');
    expect(wrapper.get('[data-testid="live-status"]').text()).toBe('');
  });

  it('never offers the signed-in administrator their own role or removal', async () => {
    const { wrapper } = await mountScreen(MembersView, { connection: membersApi(), me, tenant: region });
    await flushPromises();
    expect(wrapper.get('#member-role-m-self').attributes('disabled')).toBeDefined();
    expect(wrapper.get('button[aria-label="Remove Ana Administradora"]').attributes('disabled')).toBeDefined();
  });
});
