import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import type { Me, Tenant } from '@/api/types';
import { rejectedCsv, useBulkImport, type BulkImportReport } from '@/composables/use-bulk-import';
import { createTestConnection, demoMe, problem, tenantSummary, tokens } from '@/testing/fake-api';
import { FakeXhr, objectUrls, stubUploads } from '@/testing/fake-xhr';
import { mountScreen } from '@/testing/mount';
import BulkImportPanel from './BulkImportPanel.vue';

interface Row {
  row: number;
  key?: string | null;
  column?: string | null;
  code: string;
  message: string;
}

const me = demoMe() as Me;
const region = tenantSummary('region', 'Comunidad Demo', { kind: 'region' }) as unknown as Tenant;
const { blobs, revoked } = objectUrls;

/** A screen using the panel as the three import screens do, with its own route and ids. */
function host(options: { showBar?: boolean; focusReport?: boolean; csv?: boolean }) {
  return defineComponent({
    setup() {
      const importer = useBulkImport<BulkImportReport<Row>>((file) => ({
        path: `/v1/things/import`,
        contentType: file.name.endsWith('.json') ? 'application/json' : 'text/csv',
      }));
      return () =>
        h(
          BulkImportPanel<Row>,
          {
            importer,
            testPrefix: 'thing-import',
            ids: { file: 'thing-file', report: 'thing-report' },
            formatTitle: 'Format',
            formatIntro: 'One thing a row.',
            formatColumns: options.csv ? [{ name: 'key', label: 'The key' }] : undefined,
            template: options.csv ? { csv: () => 'key\r\n', fileName: 'things.csv', testId: 'thing-template' } : undefined,
            fileLabel: 'Things file',
            fileHint: 'CSV or JSON.',
            chooseFile: 'Choose a things file.',
            accept: '.csv,.json',
            maxBytes: 1000,
            columns: [
              { key: 'key', header: 'Key' },
              { key: 'column', header: 'Column', code: true },
            ],
            rejectedCsv: options.csv
              ? (rows: readonly Row[]) => rejectedCsv(['row', 'key', 'message'], rows, 'en', (c) => c.toUpperCase())
              : undefined,
            rejectedFileName: 'things-rejected.csv',
            showBar: options.showBar,
            focusReport: options.focusReport,
          },
          { format: () => h('p', { id: 'thing-format' }, 'Any columns.'), 'report-footer': () => h('p', { id: 'thing-footer' }, 'Back.') },
        );
    },
  });
}

async function mountPanel(options: Parameters<typeof host>[0] = {}) {
  const connection = createTestConnection({});
  connection.session.adopt(tokens(1));
  return mountScreen(host(options), { connection, me, tenant: region, locale: 'en' });
}

async function send(wrapper: Awaited<ReturnType<typeof mountPanel>>['wrapper'], name = 'things.csv') {
  const input = wrapper.get<HTMLInputElement>('#thing-file');
  Object.defineProperty(input.element, 'files', { value: [new File(['a,b\n'], name)], configurable: true });
  await input.trigger('change');
  await wrapper.get('[data-testid="thing-import-form"]').trigger('submit');
  await flushPromises();
  return FakeXhr.last!;
}

const report = (rejected: Row[]) => ({ created: 2, updated: 1, unchanged: 0, rejected });

beforeEach(stubUploads);
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('BulkImportPanel with useBulkImport', () => {
  it('refuses to send without a file: says so, marks the field and focuses it', async () => {
    const { wrapper } = await mountPanel();
    await wrapper.get('[data-testid="thing-import-form"]').trigger('submit');
    await flushPromises();
    expect(FakeXhr.all).toHaveLength(0);
    expect(wrapper.get('#thing-file-error').text()).toBe('Choose a things file.');
    expect(wrapper.get('#thing-file').attributes('aria-invalid')).toBe('true');
    expect(document.activeElement?.id).toBe('thing-file');
  });

  it('posts to the target with its media type, shows progress, then the counts and the rejected rows', async () => {
    const { wrapper } = await mountPanel({ showBar: true, focusReport: true, csv: true });
    expect(wrapper.get('#thing-import-format-title').text()).toBe('Format');
    expect(wrapper.get('.columns-list').text()).toBe('key — The key');
    expect(wrapper.find('#thing-format').exists()).toBe(false);
    const template = wrapper.get('[data-testid="thing-template"]');
    expect(template.attributes('download')).toBe('things.csv');
    expect(await blobs.get(template.attributes('href')!)!.text()).toBe('key\r\n');
    const xhr = await send(wrapper, 'things.json');
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('http://api.test/v1/things/import');
    expect(xhr.headers['Content-Type']).toBe('application/json');
    xhr.progress(25, 50);
    await flushPromises();
    expect(wrapper.get('[data-testid="thing-import-status"]').text()).toBe('Uploading the file: 50%.');
    expect(wrapper.get('[role="progressbar"]').attributes('aria-valuenow')).toBe('50');
    xhr.uploaded();
    await flushPromises();
    expect(wrapper.get('[data-testid="thing-import-status"]').text()).toBe('File uploaded. The API is processing the rows…');

    xhr.respond(
      200,
      report([
        { row: 4, key: 'K-4', column: 'value', code: 'nan', message: 'Not a number.' },
        { row: 7, code: 'x', message: 'Bad.' },
      ]),
    );
    await flushPromises();
    expect(wrapper.get('[data-testid="thing-import-status"]').text()).toBe('Import finished: 5 rows, 2 rejected.');
    expect(wrapper.get('[data-testid="thing-import-created"] dd').text()).toBe('2');
    expect(wrapper.get('[data-testid="thing-import-rejected"] dd').text()).toBe('2');
    expect(wrapper.find('.stacked-bar').exists()).toBe(true);
    expect(document.activeElement?.id).toBe('thing-report');
    const table = wrapper.get('table[aria-labelledby="thing-import-rejected-title"]');
    expect(table.findAll('th').map((th) => th.text())).toEqual(['Row', 'Key', 'Column', 'Reason']);
    expect(table.findAll('tbody tr').map((tr) => tr.findAll('td').map((td) => td.text()))).toEqual([
      ['4', 'K-4', 'value', 'Not a number.'],
      ['7', '—', '—', 'Bad.'],
    ]);
    expect(table.find('tbody tr td:nth-child(3) code').text()).toBe('value');
    const link = wrapper.get('[data-testid="thing-import-rejected-download"]');
    expect(link.attributes('download')).toBe('things-rejected.csv');
    expect(await blobs.get(link.attributes('href')!)!.text()).toBe('\uFEFFROW,KEY,MESSAGE\r\n4,K-4,Not a number.\r\n7,,Bad.\r\n');

    // A second import replaces the report: the old file's URL is released, none is kept for no rejections.
    const first = link.attributes('href')!;
    const again = await send(wrapper);
    again.respond(200, report([]));
    await flushPromises();
    expect(revoked).toContain(first);
    expect(wrapper.find('[data-testid="thing-import-rejected-download"]').exists()).toBe(false);
    expect(wrapper.text()).toContain('Every row was accepted.');
    expect(wrapper.get('[data-testid="thing-import-status"]').text()).toBe('Import finished: 3 rows, 0 rejected.');
  });

  it('without the options: no bar, no download, focus stays, and cancel goes back to idle', async () => {
    const { wrapper } = await mountPanel();
    expect(wrapper.get('#thing-format').text()).toBe('Any columns.');
    expect(wrapper.find('[data-testid="thing-template"]').exists()).toBe(false);
    const xhr = await send(wrapper);
    expect(wrapper.find('#thing-footer').exists()).toBe(false);
    expect(wrapper.find('[data-testid="thing-import-progress"]').exists()).toBe(true);
    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Cancel')!
      .trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="thing-import-progress"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="thing-import-status"]').text()).toBe('');

    const next = await send(wrapper);
    expect(next).not.toBe(xhr);
    next.respond(200, report([{ row: 2, code: 'x', message: 'Bad.' }]));
    await flushPromises();
    expect(wrapper.find('.stacked-bar').exists()).toBe(false);
    expect(wrapper.find('[data-testid="thing-import-rejected-download"]').exists()).toBe(false);
    expect(document.activeElement?.id).not.toBe('thing-report');
    expect(wrapper.get('#thing-report').attributes('tabindex')).toBeUndefined();
    expect(wrapper.get('#thing-footer').text()).toBe('Back.');
  });

  it('shows the API problem and no report when the import is refused', async () => {
    const { wrapper } = await mountPanel();
    const xhr = await send(wrapper);
    xhr.respond(400, problem(400, 'Missing column key.'), 'content-type: application/problem+json');
    await flushPromises();
    expect(wrapper.get('[data-testid="thing-import-status"]').text()).toBe('The import could not be completed.');
    expect(wrapper.get('[data-testid="problem-detail"]').text()).toBe('Missing column key.');
    expect(wrapper.find('[data-testid="thing-import-report"]').exists()).toBe(false);
  });
});

describe('rejectedCsv', () => {
  it('writes the chosen columns in order, empty for a missing value, `;` and decimal comma in Spanish', () => {
    const rows: Row[] = [
      { row: 3, key: 'A;B', code: 'c', message: 'm' },
      { row: 1.5, key: null, code: 'd', message: '=1' },
    ];
    expect(rejectedCsv(['row', 'key', 'code', 'message'], rows, 'es', (c) => c)).toBe(
      '\uFEFFrow;key;code;message\r\n3;"A;B";c;m\r\n1,5;;d;\'=1\r\n',
    );
  });
});
