import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '@/api/types';
import { createTestConnection, demoMe, tenantSummary, type FakeRequest } from '@/testing/fake-api';
import { mountScreen } from '@/testing/mount';
import TenantPicker from './TenantPicker.vue';
import TenantSwitcher from './TenantSwitcher.vue';

const region = tenantSummary('region', 'Comunidad Demo', { kind: 'region', childCount: 2, code: 'ES-DEMO' });
const north = tenantSummary('north', 'Provincia de Norteña', {
  kind: 'province',
  childCount: 60,
  parentId: 'region',
  ancestors: ['region'],
  pathNames: ['Comunidad Demo'],
});
const south = tenantSummary('south', 'Provincia de Sureña', { kind: 'province', childCount: 0, parentId: 'region', ancestors: ['region'] });
const municipality = (n: number) =>
  tenantSummary(`m${n}`, `Municipio ${String(n).padStart(2, '0')}`, {
    parentId: 'north',
    ancestors: ['region', 'north'],
    pathNames: ['Comunidad Demo', 'Provincia de Norteña'],
  });

/** A hierarchy of 1 region, 2 provinces and 60 municipalities, paged 50 at a time like the API. */
function hierarchy() {
  return createTestConnection({
    'GET /v1/tenants': (r: FakeRequest) => {
      const search = r.query.get('search');
      if (search) {
        const all = [region, north, south, ...Array.from({ length: 60 }, (_, i) => municipality(i + 1))];
        const matches = all.filter((t) => t.name.toLowerCase().includes(search.toLowerCase()));
        const limit = Number(r.query.get('limit'));
        const from = Number(r.query.get('cursor') ?? 0);
        const page = matches.slice(from, from + limit);
        return { status: 200, body: { data: page, nextCursor: from + limit < matches.length ? String(from + limit) : null } };
      }
      return { status: 200, body: { data: [region], nextCursor: null } };
    },
    'GET /v1/tenants/:id/children': (r: FakeRequest) => {
      if (r.path.includes('/region/')) return { status: 200, body: { data: [north, south], nextCursor: null } };
      const all = Array.from({ length: 60 }, (_, i) => municipality(i + 1));
      const cursor = r.query.get('cursor');
      return cursor
        ? { status: 200, body: { data: all.slice(50), nextCursor: null } }
        : { status: 200, body: { data: all.slice(0, 50), nextCursor: 'page-2' } };
    },
  });
}

const me = demoMe() as Me;

afterEach(() => {
  document.body.innerHTML = '';
  localStorage.clear();
  vi.useRealTimers();
});

describe('TenantPicker', () => {
  it('shows the top of the accessible tree and loads children lazily, 50 at a time', async () => {
    const connection = hierarchy();
    const { wrapper } = await mountScreen(TenantPicker, { connection, me, props: { idPrefix: 't' } });
    await flushPromises();

    const tree = wrapper.get('[role="tree"]');
    expect(tree.attributes('aria-labelledby')).toBe('t-tree-label');
    expect(wrapper.get('#t-tree-label').text()).toBe('Browse the hierarchy');
    const items = () => wrapper.findAll('[role="treeitem"]').map((i) => i.attributes('aria-label'));
    expect(items()).toEqual(['Comunidad Demo (ES-DEMO)']);
    expect(connection.api.requests.map((r) => `${r.path}?${r.query}`)).toEqual(['/v1/tenants?roots=true&limit=50']);

    // Expanding loads the children; nothing else is fetched.
    await wrapper.get('[data-pc-section="nodetogglebutton"]').trigger('click');
    await flushPromises();
    expect(items()).toEqual(['Comunidad Demo (ES-DEMO)', 'Provincia de Norteña (NORTH)', 'Provincia de Sureña (SOUTH)']);
    expect(connection.api.requests.at(-1)?.path).toBe('/v1/tenants/region/children');

    // A big level shows its first page and a "load more" entry that fetches the next page.
    const toggles = wrapper.findAll('[data-pc-section="nodetogglebutton"]');
    await toggles[1].trigger('click');
    await flushPromises();
    expect(items()).toHaveLength(3 + 50 + 1);
    expect(items()[2]).toBe('Municipio 01 (M1)');
    expect(items()[52]).toBe('Show more…');
    expect(items().at(-1)).toBe('Provincia de Sureña (SOUTH)');

    const more = wrapper.findAll('[role="treeitem"]').find((i) => i.attributes('aria-label') === 'Show more…')!;
    await more.get('[data-pc-section="nodecontent"]').trigger('click');
    await flushPromises();
    expect(items()).toHaveLength(3 + 60);
    expect(items()).not.toContain('Show more…');
    expect(connection.api.requests.at(-1)?.query.get('cursor')).toBe('page-2');
  });

  it('picks a tenant from the tree', async () => {
    const { wrapper, screen } = await mountScreen(TenantPicker, { connection: hierarchy(), me, props: { idPrefix: 't' } });
    await flushPromises();
    await wrapper.get('[role="treeitem"] [data-pc-section="nodecontent"]').trigger('click');
    expect(screen.emitted('pick')?.[0]).toEqual([region]);
  });

  it('searches everything accessible, shows where each result sits, and pages the results', async () => {
    vi.useFakeTimers();
    const connection = hierarchy();
    const { wrapper, screen } = await mountScreen(TenantPicker, { connection, me, props: { idPrefix: 't' } });
    await flushPromises();

    const input = wrapper.get('#t-search');
    expect(wrapper.get('label[for="t-search"]').text()).toBe('Search by name or code');
    await input.setValue('municipio');
    await vi.advanceTimersByTimeAsync(300);
    await flushPromises();

    const results = () => wrapper.findAll('[data-testid="tenant-result"]');
    expect(results()).toHaveLength(20);
    expect(results()[0].text()).toContain('Municipio 01');
    expect(results()[0].text()).toContain('Comunidad Demo › Provincia de Norteña');
    expect(wrapper.get('[data-testid="tenant-search-status"]').text()).toBe('First 20 results; there are more.');
    expect(wrapper.find('[role="tree"]').exists()).toBe(false);

    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Show more results')!
      .trigger('click');
    await flushPromises();
    expect(results()).toHaveLength(40);

    await results()[1].trigger('click');
    expect(screen.emitted('pick')?.[0]?.[0]).toMatchObject({ id: 'm2', name: 'Municipio 02' });

    await input.setValue('zzz');
    await input.trigger('keydown', { key: 'Enter' });
    await flushPromises();
    expect(wrapper.get('[data-testid="tenant-search-status"]').text()).toBe('No results for “zzz”.');
  });

  it('disables a tenant and its subtree when moving (a tenant cannot go under itself)', async () => {
    vi.useFakeTimers();
    const { wrapper } = await mountScreen(TenantPicker, { connection: hierarchy(), me, props: { idPrefix: 'm', excludeId: 'north' } });
    await wrapper.get('#m-search').setValue('provincia');
    await vi.advanceTimersByTimeAsync(300);
    await flushPromises();
    await wrapper.get('#m-search').setValue('o');
    await vi.advanceTimersByTimeAsync(300);
    await flushPromises();
    const buttons = wrapper.findAll('[data-testid="tenant-result"]');
    const byName = (name: string) => buttons.find((b) => b.text().includes(name))!;
    expect(byName('Provincia de Norteña').attributes('disabled')).toBeDefined();
    expect(byName('Municipio 01').attributes('disabled')).toBeDefined();
    expect(byName('Comunidad Demo').attributes('disabled')).toBeUndefined();
  });
});

describe('TenantSwitcher', () => {
  it('shows the selected tenant, and switching keeps the current screen for the new tenant and remembers it', async () => {
    vi.useFakeTimers();
    const { wrapper, router, tenant } = await mountScreen(TenantSwitcher, {
      connection: hierarchy(),
      me,
      path: '/t/region/admin/audit',
    });
    tenant.select(region);
    await flushPromises();

    const button = wrapper.get('[data-testid="tenant-switcher"]');
    expect(button.text()).toContain('Comunidad Demo');
    expect(button.attributes('aria-haspopup')).toBe('dialog');
    await button.trigger('click');
    await flushPromises();

    const dialog = document.querySelector<HTMLElement>('[role="dialog"]')!;
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    const search = dialog.querySelector<HTMLInputElement>('#switcher-search')!;
    search.value = 'Sureña';
    search.dispatchEvent(new Event('input'));
    await vi.advanceTimersByTimeAsync(300);
    await flushPromises();
    const result = dialog.querySelector<HTMLButtonElement>('[data-testid="tenant-result"]')!;
    expect(result.textContent).toContain('Provincia de Sureña');
    result.click();
    await flushPromises();

    expect(router.currentRoute.value.fullPath).toBe('/t/south/admin/audit');
    expect(tenant.selection?.id).toBe('south');
    expect(JSON.parse(localStorage.getItem('rumbo.tenant.user-1')!)).toMatchObject({ id: 'south', name: 'Provincia de Sureña' });
    expect(wrapper.get('[data-testid="tenant-switcher"]').text()).toContain('Provincia de Sureña');
  });
});
