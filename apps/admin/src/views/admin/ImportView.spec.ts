import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me, Tenant } from '@/api/types';
import { rejectedRowsCsv } from '@/composables/use-tenant-import';
import { csvField, importTemplate } from '@/lib/csv';
import { createTestConnection, demoMe, problem, tenantSummary, tokens } from '@/testing/fake-api';
import { FakeXhr, objectUrls, stubUploads } from '@/testing/fake-xhr';
import { mountScreen } from '@/testing/mount';
import ImportView from './ImportView.vue';

/** The files offered as downloads, by object URL, and the URLs released. */
const { blobs, revoked } = objectUrls;
const download = (url: string | undefined) => blobs.get(url ?? '')!.text();

const me = demoMe() as Me;
const region = tenantSummary('region', 'Comunidad Demo', { kind: 'region', code: 'ES-DEMO' }) as unknown as Tenant;

async function mountImport(locale: 'es' | 'en' = 'en') {
  const connection = createTestConnection({});
  connection.session.adopt(tokens(1));
  const mounted = await mountScreen(ImportView, { connection, me, tenant: region, locale });
  return { ...mounted, connection };
}

async function chooseFile(wrapper: Awaited<ReturnType<typeof mountImport>>['wrapper'], text: string, name = 'tenants.csv') {
  const input = wrapper.get<HTMLInputElement>('#import-file');
  const file = new File([text], name, { type: 'text/csv' });
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true });
  await input.trigger('change');
  return file;
}

beforeEach(stubUploads);

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

const CSV = 'code,parentCode,kind,name,population\nX-1,ES-DEMO,municipality,Uno,100\nX-2,ES-DEMO,planet,Dos,\n';

describe('ImportView', () => {
  it('uploads the CSV with progress, then reports the counts and the rejected rows', async () => {
    const { wrapper, i18n } = await mountImport();
    const file = await chooseFile(wrapper, CSV);
    await wrapper.get('[data-testid="import-form"]').trigger('submit');
    await flushPromises();

    const xhr = FakeXhr.last!;
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('http://api.test/v1/tenants/region/import');
    expect(xhr.headers).toMatchObject({ 'Content-Type': 'text/csv', Authorization: 'Bearer access-1' });
    expect(xhr.body).toBe(file);

    // Upload progress: a determinate, labelled progress bar and a polite status.
    xhr.progress(40, 100);
    await flushPromises();
    const bar = wrapper.get('[role="progressbar"]');
    expect(bar.attributes('aria-valuenow')).toBe('40');
    expect(bar.attributes('aria-label')).toBe('Upload progress');
    expect(wrapper.get('[data-testid="import-status"]').text()).toBe('Uploading the file: 40%.');

    // Sent: the server works; the bar becomes indeterminate.
    xhr.uploaded();
    await flushPromises();
    expect(wrapper.get('[data-testid="import-status"]').text()).toBe('File uploaded. The API is processing the rows…');
    expect(wrapper.get('[role="progressbar"]').attributes('aria-label')).toBe('Processing the file');
    expect(wrapper.get('article').attributes('aria-busy')).toBe('true');

    xhr.respond(200, {
      created: 3,
      updated: 1,
      unchanged: 0,
      rejected: [
        { row: 2, field: 'kind', code: 'invalid-kind', tenantCode: 'X-2', message: 'The kind "planet" must be one of country, region.' },
        { row: 5, field: 'code', code: 'code-required', tenantCode: null, message: 'The code is required.' },
      ],
    });
    await flushPromises();

    expect(wrapper.find('[role="progressbar"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="import-status"]').text()).toBe('Import finished: 6 rows, 2 rejected.');
    const counter = (key: string) => wrapper.get(`[data-testid="import-${key}"]`).text();
    expect(counter('created')).toBe('Created3');
    expect(counter('updated')).toBe('Updated1');
    expect(counter('unchanged')).toBe('Unchanged0');
    expect(counter('rejected')).toBe('Rejected2');

    const table = wrapper.get('[data-testid="import-rejected"] table');
    expect(table.attributes('aria-labelledby')).toBe('import-rejected-title');
    expect(table.findAll('th').map((th) => th.text())).toEqual(['Row', 'Code', 'Reason']);
    const rows = table.findAll('tbody tr').map((tr) => tr.findAll('td').map((td) => td.text()));
    expect(rows).toEqual([
      ['2', 'X-2', 'The kind "planet" must be one of country, region.'],
      ['5', '—', 'The code is required.'],
    ]);
    const link = wrapper.get('[data-testid="import-rejected-download"]');
    expect(link.attributes('download')).toBe('rumbo-import-rejected.csv');
    const english = link.attributes('href');
    expect((await download(english)).split('\r\n').slice(0, 2)).toEqual([
      '\uFEFFRow,Code,Column,Reason code,Reason',
      '2,X-2,kind,invalid-kind,"The kind ""planet"" must be one of country, region."',
    ]);

    // The file follows the UI language: Spanish headers and `;` between fields; the old file is released.
    i18n.global.locale.value = 'es';
    await flushPromises();
    const spanish = wrapper.get('[data-testid="import-rejected-download"]').attributes('href');
    expect(spanish).not.toBe(english);
    expect(revoked).toContain(english);
    expect((await download(spanish)).split('\r\n')[0]).toBe('\uFEFFFila;Código;Columna;Código del motivo;Motivo');
  });

  it('offers a template with the expected header and the tenant as parent', async () => {
    const { wrapper } = await mountImport('es');
    const link = wrapper.get('[data-testid="import-template"]');
    expect(link.text()).toBe('Descargar una plantilla CSV');
    expect(link.attributes('download')).toBe('rumbo-import-template.csv');
    expect(importTemplate('ES-DEMO').split('\r\n')[0]).toBe('code,parentCode,kind,name,population');
    expect(importTemplate('ES-DEMO').split('\r\n')[1]).toBe('EJEMPLO-001,ES-DEMO,municipality,Ayuntamiento de Ejemplo,12500');
  });

  it('shows the API problem and its request id when the import is refused', async () => {
    const { wrapper } = await mountImport();
    await chooseFile(wrapper, 'bad');
    await wrapper.get('[data-testid="import-form"]').trigger('submit');
    FakeXhr.last!.respond(400, problem(400, 'The header must be code,parentCode,kind,name,population'));
    await flushPromises();
    expect(wrapper.get('[data-testid="import-status"]').text()).toBe('The import could not be completed.');
    expect(wrapper.get('[data-testid="problem-detail"]').text()).toBe('The header must be code,parentCode,kind,name,population');
    expect(wrapper.get('[data-testid="problem-request-id"]').text()).toContain('req-400');
    expect(wrapper.find('[data-testid="import-report"]').exists()).toBe(false);
  });

  it('refreshes the token and uploads again after a 401', async () => {
    const connection = createTestConnection({
      'POST /v1/auth/refresh': () => ({ status: 200, body: tokens(2) }),
    });
    connection.session.adopt(tokens(1));
    const { wrapper } = await mountScreen(ImportView, { connection, me, tenant: region });
    await chooseFile(wrapper, CSV);
    await wrapper.get('[data-testid="import-form"]').trigger('submit');
    FakeXhr.last!.respond(401, problem(401));
    await flushPromises();
    expect(FakeXhr.all).toHaveLength(2);
    expect(FakeXhr.last!.headers.Authorization).toBe('Bearer access-2');
    FakeXhr.last!.respond(200, { created: 1, updated: 0, unchanged: 0, rejected: [] });
    await flushPromises();
    expect(wrapper.text()).toContain('Every row was accepted.');
  });

  it('asks for a file before uploading', async () => {
    const { wrapper } = await mountImport();
    await wrapper.get('[data-testid="import-form"]').trigger('submit');
    expect(FakeXhr.last).toBeNull();
    expect(wrapper.get('#import-file-error').text()).toBe('Choose a CSV file.');
    expect(wrapper.get('#import-file').attributes('aria-invalid')).toBe('true');
  });
});

describe('rejected rows CSV', () => {
  const header = (locale: 'es' | 'en') => (column: string) => `${locale}:${column}`;
  const rows = [
    { row: 3, field: 'name', code: 'name-too-long' as const, tenantCode: '+X', message: 'bad; very,\nlong' },
    { row: 4, field: null, code: 'field-count' as const, tenantCode: null, message: 'm' },
  ];

  it('escapes quotes, commas and line breaks, and neutralises spreadsheet formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(rejectedRowsCsv(rows, 'en', header('en'))).toBe(
      '\uFEFFen:row,en:tenantCode,en:field,en:code,en:message\r\n3,\'+X,name,name-too-long,"bad; very,\nlong"\r\n4,,,field-count,m\r\n',
    );
  });

  it('is written for a Spanish spreadsheet in Spanish: `;` between fields', () => {
    expect(rejectedRowsCsv(rows, 'es', header('es'))).toBe(
      '\uFEFFes:row;es:tenantCode;es:field;es:code;es:message\r\n3;\'+X;name;name-too-long;"bad; very,\nlong"\r\n4;;;field-count;m\r\n',
    );
  });
});
