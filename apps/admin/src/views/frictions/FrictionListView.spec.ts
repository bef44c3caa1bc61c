import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestConnection, problem, tokens, type FakeRequest } from '@/testing/fake-api';
import { AREAS, friction, FRICTION_ME, FRICTION_TOWN } from '@/testing/frictions';
import { mountScreen } from '@/testing/mount';
import { bulkTargets, movableCount } from './friction-status';
import FrictionListView from './FrictionListView.vue';

// PrimeVue's confirmation bus is global: every mounted screen's dialog would answer, so each is unmounted.
const mounted: { unmount: () => void }[] = [];
afterEach(() => {
  mounted.splice(0).forEach((w) => w.unmount());
  document.body.innerHTML = '';
});

const page = [
  friction('a', { title: 'Paper permit', annualCost: 12345.6, annualHours: 1500.25, status: 'identified', tags: ['paper'] }),
  friction('b', { title: 'Three offices', annualCost: 800, status: 'analysed', allowedStatuses: ['prioritised', 'discarded'] }),
  friction('c', { title: 'Closed case', status: 'resolved', allowedStatuses: [] }),
];

function api(extra: Parameters<typeof createTestConnection>[0] = {}) {
  const connection = createTestConnection({
    'GET /v1/tenants/:t/frictions': () => ({ status: 200, body: { data: page, nextCursor: 'next-1' } }),
    'GET /v1/tenants/:t/friction-areas': () => ({ status: 200, body: { data: AREAS } }),
    'GET /v1/tenants/:t/friction-owners': () => ({ status: 200, body: { data: [] } }),
    ...extra,
  });
  connection.session.adopt(tokens(1));
  return connection;
}

async function mountList(connection = api(), locale: 'es' | 'en' = 'en') {
  const screen = await mountScreen(FrictionListView, { connection, me: FRICTION_ME, tenant: FRICTION_TOWN, locale, confirm: true });
  mounted.push(screen.wrapper);
  await flushPromises();
  return screen;
}

const lists = (connection: ReturnType<typeof api>) =>
  connection.api.requests.filter((r) => r.method === 'GET' && r.path === '/v1/tenants/town/frictions');

describe('FrictionListView', () => {
  it('lists the frictions with locale money and hours, area names and only the allowed moves', async () => {
    const { wrapper } = await mountList(api(), 'es');
    const rows = wrapper.findAll('[data-testid="frictions-table"] tbody tr');
    expect(rows).toHaveLength(3);
    const cells = rows[0].findAll('td').map((td) => td.text());
    expect(cells[1]).toContain('Paper permit');
    expect(cells[2]).toBe('Movilidad');
    expect(cells[1]).toContain('F-a · modificada el 3 feb 2026');
    expect(cells[5]).toBe('12.346\u00a0€1500,3 h');
    const options = rows[0].findAll('[data-testid="friction-status"] option').map((o) => o.text());
    expect(options).toEqual(['Identificada', 'Pasar a: Analizada', 'Pasar a: Descartada']);
    // A resolved friction has nowhere to go: a tag, no select.
    expect(rows[2].find('[data-testid="friction-status"]').exists()).toBe(false);
    expect(rows[2].text()).toContain('Resuelta');
    expect(wrapper.get('[data-testid="friction-import-link"]').attributes('href')).toBe('/t/town/frictions/import');
  });

  it('sends the filters and the order to the API, debouncing typed ones', async () => {
    const connection = api();
    const { wrapper } = await mountList(connection);
    expect(lists(connection)[0].query.get('sort')).toBe('-annualCost');
    await wrapper.get('[data-testid="frictions-status"]').setValue('analysed');
    await wrapper.get('[data-testid="frictions-sort"]').setValue('title');
    await wrapper.get('[data-testid="frictions-area"]').setValue('health');
    await flushPromises();
    const last = lists(connection).at(-1)!;
    expect(Object.fromEntries(last.query)).toMatchObject({ status: 'analysed', sort: 'title', area: 'health', limit: '25' });
    await wrapper.get('[data-testid="frictions-q"]').setValue('permit');
    await new Promise((r) => setTimeout(r, 300));
    await flushPromises();
    expect(lists(connection).at(-1)!.query.get('q')).toBe('permit');
  });

  it('changes a status in place and announces it', async () => {
    const posted: FakeRequest[] = [];
    const connection = api({
      'POST /v1/tenants/:t/frictions/:id/status': (r) => {
        posted.push(r);
        return { status: 200, body: friction('a', { status: 'analysed' }) };
      },
    });
    const { wrapper } = await mountList(connection);
    await wrapper.findAll('[data-testid="friction-status"]')[0].setValue('analysed');
    await flushPromises();
    expect(posted.map((r) => [r.path, r.body])).toEqual([['/v1/tenants/town/frictions/a/status', { status: 'analysed' }]]);
    expect(wrapper.text()).toContain('Paper permit is now Analysed.');
  });

  it('puts the select back and shows the problem when the API refuses the move', async () => {
    const connection = api({
      'POST /v1/tenants/:t/frictions/:id/status': () => ({ status: 409, body: problem(409, 'It cannot move from resolved.') }),
    });
    const { wrapper } = await mountList(connection);
    const select = wrapper.findAll('[data-testid="friction-status"]')[0];
    await select.setValue('analysed');
    await flushPromises();
    expect((select.element as HTMLSelectElement).value).toBe('identified');
    expect(wrapper.get('[data-testid="problem-detail"]').text()).toBe('It cannot move from resolved.');
  });

  it('changes the selected frictions after a confirmation and reports the refused ones', async () => {
    const bulk: FakeRequest[] = [];
    const connection = api({
      'POST /v1/tenants/:t/frictions/status': (r) => {
        bulk.push(r);
        return {
          status: 200,
          body: {
            updated: ['a', 'b'],
            rejected: [
              {
                row: 3,
                field: 'status',
                code: 'friction-transition-invalid',
                message: 'A resolved friction stays resolved.',
                frictionId: 'c',
              },
            ],
          },
        };
      },
    });
    const { wrapper } = await mountList(connection);
    await wrapper.get('[data-testid="frictions-select-all"]').setValue(true);
    expect(wrapper.get('[data-testid="bulk-count"]').text()).toBe('3 frictions selected');
    const targets = wrapper.findAll('[data-testid="bulk-status"] option').map((o) => o.attributes('value'));
    expect(targets).toEqual(['', 'analysed', 'prioritised', 'discarded']);
    await wrapper.get('[data-testid="bulk-status"]').setValue('discarded');
    await wrapper.get('[data-testid="bulk-apply"]').trigger('click');
    await flushPromises();

    // Nothing is sent before the confirmation, which says how many will move.
    expect(bulk).toHaveLength(0);
    const dialog = document.querySelector('[role="alertdialog"], [role="dialog"]')!;
    expect(dialog.textContent).toContain('2 of the 3 selected frictions will move to “Discarded”. 1 cannot move there');
    const accept = [...dialog.querySelectorAll('button')].find((b) => b.textContent?.includes('Move to Discarded'))!;
    accept.click();
    await flushPromises();

    expect(bulk[0].body).toEqual({ ids: ['a', 'b', 'c'], status: 'discarded' });
    expect(wrapper.get('[data-testid="bulk-rejected"]').text()).toContain('Closed case: A resolved friction stays resolved.');
    expect(wrapper.text()).toContain('2 frictions moved to Discarded; 1 refused.');
    // The refused one stays selected, to act on it again.
    expect(wrapper.get('[data-testid="bulk-count"]').text()).toBe('One friction selected');
  });

  it('sends nothing when the bulk change is cancelled', async () => {
    const connection = api();
    const { wrapper } = await mountList(connection);
    await wrapper.findAll('[data-testid="friction-select"]')[0].setValue(true);
    await wrapper.get('[data-testid="bulk-status"]').setValue('analysed');
    await wrapper.get('[data-testid="bulk-apply"]').trigger('click');
    await flushPromises();
    const dialog = document.querySelector('[role="alertdialog"], [role="dialog"]')!;
    [...dialog.querySelectorAll('button')].find((b) => b.textContent?.includes('Cancel'))!.click();
    await flushPromises();
    expect(connection.api.requests.some((r) => r.method === 'POST')).toBe(false);
  });

  it('pages with the cursor the API handed out', async () => {
    const connection = api();
    const { wrapper } = await mountList(connection);
    const next = wrapper.findAll('.pager button').find((b) => b.text().includes('Next'))!;
    await next.trigger('click');
    await flushPromises();
    expect(lists(connection).at(-1)!.query.get('cursor')).toBe('next-1');
  });

  it('downloads the export the API writes', async () => {
    const clicked: string[] = [];
    const original = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    };
    const connection = api({
      'GET /v1/tenants/:t/frictions/export': (r) => ({
        status: 200,
        body: r.query.get('format') === 'csv' ? 'ref,title\r\n' : '[]',
        headers: { 'content-type': r.query.get('format') === 'csv' ? 'text/csv' : 'application/json' },
      }),
    });
    try {
      const { wrapper } = await mountList(connection);
      await wrapper.get('[data-testid="friction-export-csv"]').trigger('click');
      await flushPromises();
      expect(clicked).toEqual(['rumbo-frictions-DEMO-N-001.csv']);
      expect(wrapper.text()).toContain('The CSV export has been downloaded.');
    } finally {
      HTMLAnchorElement.prototype.click = original;
    }
  });
});

describe('bulk targets', () => {
  it('offers what at least one selected friction may move to, and counts who can', () => {
    const selection = [
      { status: 'identified', allowedStatuses: ['analysed', 'discarded'] },
      { status: 'discarded', allowedStatuses: ['identified'] },
    ];
    expect(bulkTargets(selection)).toEqual(['identified', 'analysed', 'discarded']);
    expect(movableCount(selection, 'discarded')).toBe(1);
    expect(bulkTargets([])).toEqual([]);
  });
});
