import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me, Tenant } from '@/api/types';
import { criteriaTemplate } from '@/composables/use-scoring-import';
import { createTestConnection, demoMe, tenantSummary, tokens } from '@/testing/fake-api';
import { FakeXhr } from '@/testing/fake-xhr';
import { mountScreen } from '@/testing/mount';
import CriteriaImportView from './CriteriaImportView.vue';

const me = demoMe() as Me;
const region = tenantSummary('region', 'Comunidad Demo', { kind: 'region' }) as unknown as Tenant;

beforeEach(() => {
  FakeXhr.last = null;
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: () => 'blob:template', revokeObjectURL: () => undefined }));
});

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('CriteriaImportView', () => {
  it('uploads the values with progress, then reports the counts and each rejected row', async () => {
    const connection = createTestConnection({});
    connection.session.adopt(tokens(1));
    const { wrapper } = await mountScreen(CriteriaImportView, {
      connection,
      me,
      tenant: region,
      locale: 'es',
      path: '/t/region/priorities/import',
    });
    const input = wrapper.get<HTMLInputElement>('#criteria-file');
    const file = new File(['ref,criterion,value\nFR-1,effort,3\nX,effort,2\n'], 'esfuerzos.csv', { type: 'text/csv' });
    Object.defineProperty(input.element, 'files', { value: [file], configurable: true });
    await input.trigger('change');
    await wrapper.get('[data-testid="criteria-import-form"]').trigger('submit');
    await flushPromises();

    const xhr = FakeXhr.last!;
    expect(xhr.url).toBe('http://api.test/v1/tenants/region/frictions/criteria/import');
    expect(xhr.headers).toMatchObject({ 'Content-Type': 'text/csv', 'Accept-Language': 'es', Authorization: 'Bearer access-1' });
    expect(xhr.body).toBe(file);
    xhr.upload.onprogress?.({ loaded: 30, total: 100, lengthComputable: true } as ProgressEvent);
    await flushPromises();
    expect(wrapper.get('[role="progressbar"]').attributes('aria-valuenow')).toBe('30');
    expect(wrapper.get('[data-testid="criteria-import-status"]').text()).toBe('Subiendo el archivo: 30 %.');

    xhr.upload.onload?.();
    xhr.status = 200;
    xhr.responseText = JSON.stringify({
      created: 1,
      updated: 0,
      unchanged: 0,
      rejected: [
        {
          row: 2,
          field: 'ref',
          code: 'unknown-ref',
          message: 'No hay ninguna fricción con la referencia «X».',
          ref: 'X',
          criterion: 'effort',
        },
      ],
    });
    xhr.onload?.();
    await flushPromises();
    expect(wrapper.get('[data-testid="criteria-import-created"] dd').text()).toBe('1');
    expect(wrapper.get('[data-testid="criteria-import-rejected"] dd').text()).toBe('1');
    expect(
      wrapper.findAll('[data-testid="criteria-import-rejected-rows"] tbody tr').map((tr) => tr.findAll('td').map((td) => td.text().trim())),
    ).toEqual([['2', 'X', 'effort', 'No hay ninguna fricción con la referencia «X».']]);
    expect(wrapper.find('[role="progressbar"]').exists()).toBe(false);
  });

  it('asks for a file before sending anything, and offers a template in the machine format', async () => {
    const connection = createTestConnection({});
    const { wrapper } = await mountScreen(CriteriaImportView, { connection, me, tenant: region, path: '/t/region/priorities/import' });
    await wrapper.get('[data-testid="criteria-import-form"]').trigger('submit');
    await flushPromises();
    expect(FakeXhr.last).toBeNull();
    expect(wrapper.get('[data-testid="criteria-file-error"]').text()).toBe('Choose a CSV file.');
    expect(criteriaTemplate()).toBe('ref,criterion,value\r\nFR-001,effort,3\r\nFR-002,effort,0.5\r\n');
  });
});
