import { localise } from '../errors/catalogue';
import { ProblemError } from '../errors/problem';
import { decodeText } from './bulk-body';

function thrown(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('decodeText', () => {
  const spain = Buffer.from([0x45, 0x73, 0x70, 0x61, 0xf1, 0x61]); // "España" in windows-1252

  it('decodes UTF-8 by default and drops a byte order mark', () => {
    expect(decodeText(Buffer.from('\uFEFFEspaña', 'utf8'), 'text/csv')).toBe('España');
    expect(decodeText(Buffer.from('España', 'utf8'), 'text/csv; charset=UTF-8')).toBe('España');
  });

  it('decodes the charset the Content-Type names', () => {
    expect(decodeText(spain, 'text/csv; charset=windows-1252')).toBe('España');
    expect(decodeText(spain, 'text/csv;charset="ISO-8859-1"')).toBe('España');
  });

  it('refuses bytes that are not valid in the charset (400) and an unknown charset (415)', () => {
    expect(() => decodeText(spain, 'text/csv')).toThrow(ProblemError);
    expect(thrown(() => decodeText(spain, 'text/csv'))).toMatchObject({ status: 400, code: 'undecodable-text' });
    expect(localise((thrown(() => decodeText(spain, 'text/csv')) as ProblemError).detail, 'en')).toMatch(/not valid utf-8.*windows-1252/);
    expect(localise((thrown(() => decodeText(spain, 'text/csv')) as ProblemError).detail, 'es')).toMatch(
      /no es utf-8 válido.*windows-1252/,
    );
    expect(thrown(() => decodeText(spain, 'text/csv; charset=klingon'))).toMatchObject({ status: 415, code: 'unsupported-charset' });
  });
});
