import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { frictionRejectedCsv, importContentType } from '@/composables/use-frictions-import';
import { createTestConnection, problem, tokens } from '@/testing/fake-api';
import { FRICTION_ME, FRICTION_TOWN } from '@/testing/frictions';
import { FakeXhr, objectUrls, stubUploads } from '@/testing/fake-xhr';
import { mountScreen } from '@/testing/mount';
import FrictionImportView from './FrictionImportView.vue';

const { blobs } = objectUrls;
beforeEach(stubUploads);
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

async function mountImport(locale: 'es' | 'en' = 'en') {
  const connection = createTestConnection({});
  connection.session.adopt(tokens(1));
  return mountScreen(FrictionImportView, { connection, me: FRICTION_ME, tenant: FRICTION_TOWN, locale });
}

async function choose(wrapper: Awaited<ReturnType<typeof mountImport>>['wrapper'], text: string, name: string, type: string) {
  const input = wrapper.get<HTMLInputElement>('#friction-import-file');
  Object.defineProperty(input.element, 'files', { value: [new File([text], name, { type })], configurable: true });
  await input.trigger('change');
}

describe('FrictionImportView', () => {
  it('uploads with progress, then reports the counts and each rejected row with its field and reason', async () => {
    const { wrapper } = await mountImport();
    await choose(wrapper, 'ref,title\nF-1,Paper\n', 'frictions.csv', 'text/csv');
    await wrapper.get('[data-testid="friction-import-form"]').trigger('submit');
    await flushPromises();
    const xhr = FakeXhr.last!;
    expect(xhr.url).toBe('http://api.test/v1/tenants/town/frictions/import');
    expect(xhr.headers['Content-Type']).toBe('text/csv');
    xhr.upload.onprogress?.({ loaded: 30, total: 100, lengthComputable: true } as ProgressEvent);
    await flushPromises();
    expect(wrapper.get('[role="progressbar"]').attributes('aria-valuenow')).toBe('30');
    xhr.upload.onload?.();
    await flushPromises();
    expect(wrapper.get('[data-testid="friction-import-status"]').text()).toBe('File uploaded. The API is processing the rows…');

    xhr.respond(200, {
      created: 2,
      updated: 1,
      unchanged: 4,
      rejected: [{ row: 3, field: 'citizensPopulation', code: 'negative', message: 'It cannot be negative.', ref: 'F-3' }],
    });
    await flushPromises();
    expect(wrapper.get('[data-testid="friction-import-created"]').text()).toBe('Created2');
    const rows = wrapper.findAll('[data-testid="friction-import-rejected"] tbody tr').map((tr) => tr.findAll('td').map((td) => td.text()));
    expect(rows).toEqual([['3', 'F-3', 'citizensPopulation', 'It cannot be negative.']]);
    // Focus goes to the report, so its counts are read next.
    expect(document.activeElement?.id).toBe('friction-import-report-title');
    const href = wrapper.get('[data-testid="friction-import-rejected-download"]').attributes('href')!;
    expect((await blobs.get(href)!.text()).split('\r\n')[0]).toBe('\uFEFFRow,Reference,Column,Reason code,Reason');
  });

  it('sends a .json file as JSON', async () => {
    const { wrapper } = await mountImport();
    await choose(wrapper, '[]', 'frictions.json', '');
    await wrapper.get('[data-testid="friction-import-form"]').trigger('submit');
    await flushPromises();
    expect(FakeXhr.last!.headers['Content-Type']).toBe('application/json');
    expect(importContentType(new File(['x'], 'a.CSV'))).toBe('text/csv');
  });

  it('shows the refusal of the whole file', async () => {
    const { wrapper } = await mountImport('es');
    await choose(wrapper, 'bad', 'x.csv', 'text/csv');
    await wrapper.get('[data-testid="friction-import-form"]').trigger('submit');
    FakeXhr.last!.respond(400, problem(400, 'Falta la columna title.'));
    await flushPromises();
    expect(wrapper.get('[data-testid="problem-detail"]').text()).toBe('Falta la columna title.');
    expect(wrapper.find('[data-testid="friction-import-report"]').exists()).toBe(false);
  });

  it('asks for a file first', async () => {
    const { wrapper } = await mountImport();
    await wrapper.get('[data-testid="friction-import-form"]').trigger('submit');
    expect(FakeXhr.last).toBeNull();
    expect(wrapper.get('#friction-import-file-error').text()).toBe('Choose a CSV or JSON file.');
  });
});

describe('rejected frictions CSV', () => {
  it('is written for a Spanish spreadsheet in Spanish', () => {
    const csv = frictionRejectedCsv(
      [{ row: 2, field: 'title', code: 'required', message: 'Falta; el título', ref: null }] as never,
      'es',
      (c) => c,
    );
    expect(csv).toBe('\uFEFFrow;ref;field;code;message\r\n2;;title;required;"Falta; el título"\r\n');
  });
});
