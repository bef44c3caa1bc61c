import { describe, expect, it } from 'vitest';
import { formatDuration, formatNumber, formatSigned } from './format';

describe('formatDuration', () => {
  it.each([
    [0, 'es', '0 segundos'],
    [0, 'en', '0 seconds'],
    [59.9, 'en', '59 seconds'],
    [60, 'es', '1 minuto'],
    [90_061, 'es', '1 día, 1 hora, 1 minuto y 1 segundo'],
    [90_061, 'en', '1 day, 1 hour, 1 minute, and 1 second'],
    [2 * 86_400 + 5, 'en', '2 days and 5 seconds'],
  ])('%d s in %s is "%s"', (seconds, locale, expected) => {
    expect(formatDuration(seconds, locale)).toBe(expected);
  });
});

describe('formatNumber', () => {
  it('uses the locale decimal separator', () => {
    expect(formatNumber(3.25, 'es', 2)).toBe('3,25');
    expect(formatNumber(3.25, 'en', 2)).toBe('3.25');
  });
});

describe('formatSigned', () => {
  it('spells out the sign of a change, with a true minus, and none for what rounds to zero', () => {
    expect(formatSigned(9.66, 'es')).toBe('+9,7');
    expect(formatSigned(-5, 'en')).toBe('−5');
    expect(formatSigned(0.01, 'es')).toBe('0');
    expect(formatSigned(-0.01, 'es')).toBe('0');
    expect(formatSigned(null, 'es')).toBe('—');
  });
});

describe('wrapLabel', () => {
  it('breaks at spaces into lines of at most the given length, never inside a word', async () => {
    const { wrapLabel } = await import('@/composables/use-chart-format');
    expect(wrapLabel('Administración electrónica y procedimientos', 14)).toBe('Administración\nelectrónica y\nprocedimientos');
    expect(wrapLabel('Datos', 14)).toBe('Datos');
  });
});

describe('chart number formatters', () => {
  it('format a plain value and what ECharts hands a data label alike, in the UI language', async () => {
    const { mount } = await import('@vue/test-utils');
    const { defineComponent } = await import('vue');
    const { createAppI18n } = await import('@/i18n');
    const { useChartFormat } = await import('@/composables/use-chart-format');
    let chart: ReturnType<typeof useChartFormat> | undefined;
    const Probe = defineComponent({
      setup() {
        chart = useChartFormat();
        return () => null;
      },
    });
    mount(Probe, { global: { plugins: [createAppI18n('es')] } });
    expect(chart!.number(1)(27.64)).toBe('27,6');
    expect(chart!.number(0)({ value: 18, name: 'Enviadas' })).toBe('18');
    expect(chart!.percentPoints(1)({ value: 12.5 })).toBe('12,5\u00a0%'); // a no-break space before %, as Intl writes it
    expect(chart!.number(0)('x')).toBe('—');
  });
});
