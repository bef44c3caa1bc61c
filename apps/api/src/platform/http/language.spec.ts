import { negotiateLanguage } from './language';

describe('negotiateLanguage', () => {
  it('defaults to Spanish without a header or without a match', () => {
    expect(negotiateLanguage(undefined)).toBe('es');
    expect(negotiateLanguage('')).toBe('es');
    expect(negotiateLanguage('fr-FR, de;q=0.8')).toBe('es');
    expect(negotiateLanguage('fr', 'en')).toBe('en');
  });

  it('matches regional tags by their primary language', () => {
    expect(negotiateLanguage('en-GB')).toBe('en');
    expect(negotiateLanguage('es-ES,es;q=0.9')).toBe('es');
    expect(negotiateLanguage('EN-us')).toBe('en');
  });

  it('takes the highest q-value, the first one on a tie, and ignores q=0', () => {
    expect(negotiateLanguage('fr;q=1, es;q=0.5, en;q=0.8')).toBe('en');
    expect(negotiateLanguage('en;q=0.7, es;q=0.7')).toBe('en');
    expect(negotiateLanguage('en;q=0, es;q=0.1')).toBe('es');
    expect(negotiateLanguage('en;q=0')).toBe('es');
    expect(negotiateLanguage('en;q=abc, es;q=0.2')).toBe('es');
  });

  it('reads * as the default', () => {
    expect(negotiateLanguage('fr, *;q=0.5')).toBe('es');
    expect(negotiateLanguage('*', 'en')).toBe('en');
  });
});
