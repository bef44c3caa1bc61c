import { describe, expect, it } from 'vitest';
import { formatDuration, formatNumber } from './format';

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

describe('wrapLabel', () => {
  it('breaks at spaces into lines of at most the given length, never inside a word', async () => {
    const { wrapLabel } = await import('@/composables/use-chart-format');
    expect(wrapLabel('Administración electrónica y procedimientos', 14)).toBe('Administración\nelectrónica y\nprocedimientos');
    expect(wrapLabel('Datos', 14)).toBe('Datos');
  });
});
