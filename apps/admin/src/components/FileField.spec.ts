import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createAppI18n } from '@/i18n';
import FileField from './FileField.vue';

function choose(input: HTMLInputElement, file: File): void {
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input.dispatchEvent(new Event('change'));
}

describe('FileField', () => {
  it('wires its label, hint and error to the input, and hands over the chosen file', async () => {
    const wrapper = mount(FileField, {
      props: { id: 'f', label: 'Archivo', hint: 'Un CSV.', required: true, accept: '.csv' },
      global: { plugins: [createAppI18n('es')] },
    });
    const input = wrapper.get<HTMLInputElement>('input[type="file"]');
    expect(wrapper.get('label').attributes('for')).toBe('f');
    expect(input.attributes('aria-describedby')).toBe('f-hint');
    expect(input.attributes('aria-required')).toBe('true');
    expect(input.attributes('accept')).toBe('.csv');

    const file = new File(['a,b'], 'datos.csv', { type: 'text/csv' });
    choose(input.element, file);
    expect(wrapper.emitted('change')?.[0]).toEqual([file]);

    await wrapper.setProps({ error: 'Elija un archivo CSV.' });
    expect(input.attributes('aria-invalid')).toBe('true');
    expect(input.attributes('aria-describedby')).toBe('f-hint f-error');
    expect(wrapper.get('#f-error').text()).toBe('Elija un archivo CSV.');
  });

  it('refuses a file over the limit before anything is sent, in the UI language', async () => {
    const wrapper = mount(FileField, {
      props: { id: 'f', label: 'Archivo', maxBytes: 1024 * 1024 },
      global: { plugins: [createAppI18n('es')] },
    });
    const input = wrapper.get<HTMLInputElement>('input[type="file"]');
    choose(input.element, new File([new Uint8Array(1024 * 1024 + 1)], 'grande.csv'));
    await wrapper.vm.$nextTick();
    expect(wrapper.emitted('change')?.[0]).toEqual([null]);
    expect(wrapper.get('#f-error').text()).toBe('El archivo supera el máximo de 1 MB.');
    expect(input.attributes('aria-invalid')).toBe('true');
  });
});
