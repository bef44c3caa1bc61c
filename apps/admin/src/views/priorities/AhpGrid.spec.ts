import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { connectionFor, createFakeClient } from '@/testing/fake-client';
import { mountScreen } from '@/testing/mount';
import AhpGrid from './AhpGrid.vue';

const LABELS = ['cost', 'effort', 'reach'];
// cost ≫ effort (9), effort ≫ reach (9), yet reach ≫ cost (9): as inconsistent as three comparisons get.
const CIRCULAR = [
  [1, 9, 1 / 9],
  [1 / 9, 1, 9],
  [9, 1 / 9, 1],
];
// Saaty's "choosing a leader" criteria (METHOD §4): CR 0.044, consistent.
const LEADER = [
  [1, 4, 3, 7],
  [1 / 4, 1, 1 / 3, 3],
  [1 / 3, 3, 1, 5],
  [1 / 7, 1 / 3, 1 / 5, 1],
];

/** The grid bound to a matrix the test can read, as the editor binds it. */
async function mountGrid(initial: number[][], labels = LABELS, locale: 'es' | 'en' = 'en') {
  const matrix = ref(initial);
  const Host = defineComponent({
    render: () => h(AhpGrid, { labels, modelValue: matrix.value, 'onUpdate:modelValue': (m: number[][]) => (matrix.value = m) }),
  });
  const { wrapper } = await mountScreen(Host, { connection: connectionFor(createFakeClient(() => ({ status: 404 })).client), locale });
  await flushPromises();
  return { wrapper, matrix };
}

const text = (wrapper: Awaited<ReturnType<typeof mountGrid>>['wrapper'], testId: string) =>
  wrapper.get(`[data-testid="${testId}"]`).text().replace(/\s+/g, ' ').trim();

afterEach(() => {
  document.body.innerHTML = '';
});

describe('AhpGrid', () => {
  it('computes the leader example live: weights, λmax, CR and the random index named', async () => {
    const { wrapper } = await mountGrid(LEADER, ['experience', 'education', 'charisma', 'age']);
    expect(text(wrapper, 'ahp-cr')).toBe('0.044');
    expect(text(wrapper, 'ahp-lambda')).toBe('4.118');
    expect(text(wrapper, 'ahp-ri')).toBe('Saaty (1980), RI(4) = 0.9');
    expect(
      wrapper
        .get('[data-testid="ahp-weights"]')
        .findAll('tbody tr')
        .map((r) =>
          r
            .findAll('th, td')
            .map((c) => c.text().trim())
            .join(' '),
        ),
    ).toEqual(['experience 54.8%', 'education 12.7%', 'charisma 27%', 'age 5.6%']);
    expect(text(wrapper, 'ahp-verdict')).toContain('Consistent');
    expect(wrapper.find('[data-testid="ahp-advice"]').exists()).toBe(false);
    expect(wrapper.find('.is-pointed').exists()).toBe(false);
  });

  it('shows reciprocals below the diagonal and a picker per cell above it', async () => {
    const { wrapper } = await mountGrid(LEADER, ['experience', 'education', 'charisma', 'age']);
    expect(wrapper.findAll('[role="combobox"]')).toHaveLength(6);
    expect(text(wrapper, 'ahp-cell-0-1')).toBe('4');
    expect(text(wrapper, 'ahp-cell-1-0')).toBe('1/4');
    expect(text(wrapper, 'ahp-cell-2-1')).toBe('3');
    expect(text(wrapper, 'ahp-cell-1-2')).toBe('1/3');
    expect(wrapper.get('[data-testid="ahp-cell-0-3"] [role="combobox"]').attributes('aria-label')).toBe(
      'Importance of experience over age',
    );
  });

  it('points at the least consistent pair with the value that fits, and puts it in with one click', async () => {
    const { wrapper, matrix } = await mountGrid(CIRCULAR);
    expect(text(wrapper, 'ahp-verdict')).toContain('Inconsistent');
    const pointed = wrapper.findAll('td.is-pointed');
    expect(pointed).toHaveLength(1);
    const [row, col] = pointed[0].attributes('id')!.replace('ahp-cell-', '').split('-').map(Number);
    expect(row).toBeLessThan(col);
    expect(pointed[0].text()).toContain('(least consistent comparison)');
    const advice = text(wrapper, 'ahp-advice');
    expect(advice).toContain(`The least consistent comparison is ${LABELS[row]} over ${LABELS[col]}`);
    const before = matrix.value[row][col];

    const button = wrapper.get('[data-testid="ahp-use-suggested"]');
    const suggested = button.text().replace('Use ', '');
    await button.trigger('click');
    await flushPromises();
    // The cell now holds the suggested step, its mirror the reciprocal, and the CR went down.
    expect(matrix.value[row][col]).not.toBe(before);
    expect(text(wrapper, `ahp-cell-${row}-${col}`)).toBe(suggested);
    expect(matrix.value[col][row]).toBeCloseTo(1 / matrix.value[row][col], 12);
    expect(document.activeElement?.closest('td')?.id).toBe(`ahp-cell-${row}-${col}`);
  });

  it('follows a value picked from the scale: the mirror cell and the result change with it', async () => {
    const { wrapper, matrix } = await mountGrid([
      [1, 1, 1],
      [1, 1, 1],
      [1, 1, 1],
    ]);
    expect(text(wrapper, 'ahp-cr')).toBe('0');
    await wrapper.get('[data-testid="ahp-cell-0-2"] [role="combobox"]').trigger('click');
    await flushPromises();
    const option = Array.from(document.querySelectorAll<HTMLElement>('[role="option"]')).find(
      (o) => o.textContent?.trim() === '1/5 — strongly less important',
    );
    expect(option, 'the option is labelled with its meaning').toBeDefined();
    // PrimeVue's Select picks an option on mousedown (a click would come after the overlay closed).
    option!.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    await flushPromises();
    expect(matrix.value[0][2]).toBeCloseTo(0.2, 12);
    expect(matrix.value[2][0]).toBe(5);
    expect(text(wrapper, 'ahp-cell-2-0')).toBe('5');
    expect(Number(text(wrapper, 'ahp-cr'))).toBeGreaterThan(0);
  });

  it('speaks Spanish: the scale’s words and the decimal comma', async () => {
    const { wrapper } = await mountGrid(LEADER, ['experiencia', 'formación', 'carisma', 'edad'], 'es');
    expect(text(wrapper, 'ahp-cr')).toBe('0,044');
    expect(text(wrapper, 'ahp-verdict')).toContain('Coherente');
    await wrapper.get('[data-testid="ahp-cell-0-1"] [role="combobox"]').trigger('click');
    await flushPromises();
    const labels = Array.from(document.querySelectorAll('[role="option"]')).map((o) => o.textContent?.trim());
    expect(labels).toContain('9 — extremadamente más importante');
    expect(labels).toContain('1 — igual de importante');
    expect(labels).toContain('1/3 — moderadamente menos importante');
  });
});
