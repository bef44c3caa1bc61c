import { CsvError, isBlankRecord, parseCsv } from './csv';

const fields = (text: string) => parseCsv(text).map((r) => r.fields);

describe('parseCsv (RFC 4180)', () => {
  it('reads plain records with LF or CRLF, with or without a final line break', () => {
    expect(fields('a,b,c\n1,2,3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
    expect(fields('a,b,c\r\n1,2,3')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
    expect(fields('a\rb\r')).toEqual([['a'], ['b']]);
  });

  it('returns nothing for an empty text or a lone byte order mark', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\uFEFF')).toEqual([]);
  });

  it('strips a UTF-8 byte order mark before the first field', () => {
    expect(fields('\uFEFFcode,name\nX,Y')).toEqual([
      ['code', 'name'],
      ['X', 'Y'],
    ]);
  });

  it('keeps empty fields, including leading and trailing ones', () => {
    expect(fields(',a,,b,')).toEqual([['', 'a', '', 'b', '']]);
    expect(fields('a,\nb,')).toEqual([
      ['a', ''],
      ['b', ''],
    ]);
  });

  it('reads quoted fields with commas, escaped quotes and line breaks', () => {
    expect(fields('"a,b","say ""hi""","line1\nline2",""\n')).toEqual([['a,b', 'say "hi"', 'line1\nline2', '']]);
    expect(fields('"x"\r\n"y"')).toEqual([['x'], ['y']]);
    expect(fields('"CRLF\r\ninside",z')).toEqual([['CRLF\r\ninside', 'z']]);
  });

  it('keeps a quote inside an unquoted field literally and spaces as they are', () => {
    expect(fields('ab"c, d ')).toEqual([['ab"c', ' d ']]);
  });

  it('numbers records by the line they start on, across quoted line breaks and blank lines', () => {
    const records = parseCsv('h1,h2\n"multi\nline",x\n\nlast,y\r\n');
    expect(records.map((r) => r.line)).toEqual([1, 2, 4, 5]);
    expect(records[2].fields).toEqual(['']);
  });

  it('rejects a quoted field that never closes, naming the line where it opens', () => {
    let error: unknown;
    try {
      parseCsv('a,b\n1,"open\n2,3');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CsvError);
    expect(error).toMatchObject({ line: 2, fault: 'unclosed-quote' });
  });

  it('rejects text after a closing quote', () => {
    expect(() => parseCsv('"ab"c,d')).toThrow(/line 1: unexpected text after a closing quote/);
  });

  it('is fast enough for large imports (100,000 records)', () => {
    const text = Array.from({ length: 100_000 }, (_, i) => `C${i},P${i},municipality,"Name, ${i}",${i}`).join('\r\n');
    const started = Date.now();
    const records = parseCsv(text);
    expect(records).toHaveLength(100_000);
    expect(records[99_999].fields).toEqual(['C99999', 'P99999', 'municipality', 'Name, 99999', '99999']);
    // Generous bound: only catches an accidentally quadratic parser.
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('isBlankRecord', () => {
  it('is true for empty or separator-only records', () => {
    expect(isBlankRecord([''])).toBe(true);
    expect(isBlankRecord(['', ' ', ''])).toBe(true);
    expect(isBlankRecord(['', 'x'])).toBe(false);
  });
});
