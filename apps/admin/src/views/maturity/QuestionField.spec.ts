import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createAppI18n } from '@/i18n';
import QuestionField, { type AnswerState, type QuestionModel } from './QuestionField.vue';

const empty: AnswerState = { value: null, notApplicable: false, comment: '', evidence: '' };
const text = (en: string) => ({ en, es: en });

function mountField(question: QuestionModel, answer: AnswerState = empty) {
  return mount(QuestionField, {
    props: { question, answer, number: 4 },
    global: { plugins: [createAppI18n('en')] },
  });
}

describe('QuestionField', () => {
  it('offers a scale as one radio group of its options, with the guidance', async () => {
    const wrapper = mountField({
      key: 'proc.online',
      type: 'scale',
      text: text('Procedures online?'),
      guidance: text('Count the procedures.'),
      options: [
        { value: 0, label: text('None') },
        { value: 2, label: text('Some') },
        { value: 4, label: text('All') },
      ],
    });
    expect(wrapper.get('legend').text()).toContain('Q4. Procedures online?');
    expect(wrapper.text()).toContain('Count the procedures.');
    const radios = wrapper.findAll('input[type="radio"]');
    expect(radios).toHaveLength(3);
    expect(new Set(radios.map((r) => r.attributes('name'))).size).toBe(1);
    expect(wrapper.get('[role="radiogroup"]').attributes('aria-label')).toBe('Answer to question 4');
    await radios[2].setValue(true);
    expect(wrapper.emitted('change')?.[0][0]).toEqual({ ...empty, value: 4 });
  });

  it('answers yes/no with booleans and a percentage with a number', async () => {
    const yesNo = mountField({ key: 'q.yn', type: 'yes_no', text: text('Open data?') });
    const [yes, no] = yesNo.findAll('input[type="radio"]');
    expect(yes.element.parentElement?.textContent).toContain('Yes');
    await no.setValue(true);
    expect(yesNo.emitted('change')?.[0][0]).toEqual({ ...empty, value: false });

    const pct = mountField({ key: 'q.pct', type: 'percentage', text: text('Share online?') });
    const input = pct.get('input[type="number"]');
    expect(input.attributes('min')).toBe('0');
    expect(input.attributes('max')).toBe('100');
    expect(pct.get(`label[for="${input.attributes('id')}"]`).text()).toContain('Percentage');
    await input.setValue('42.5');
    expect(pct.emitted('change')?.[0][0]).toEqual({ ...empty, value: 42.5 });
  });

  it('marks not applicable (clearing the value and disabling the answer) and shows a rejection', async () => {
    const wrapper = mountField({ key: 'q.yn', type: 'yes_no', text: text('Open data?') }, { ...empty, value: true });
    await wrapper.get('[data-testid="answer-na"]').setValue(true);
    expect(wrapper.emitted('change')?.[0][0]).toEqual({ ...empty, notApplicable: true, value: null });

    await wrapper.setProps({ answer: { ...empty, notApplicable: true }, error: 'bad value' });
    expect(wrapper.findAll('input[type="radio"]').every((r) => (r.element as HTMLInputElement).disabled)).toBe(true);
    expect(wrapper.get('[data-testid="answer-error"]').text()).toBe('Not saved: bad value');
  });
});
