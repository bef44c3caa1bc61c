import { findJsonFlaw, locateFlaw } from './json-body';

const nest = (depth: number, leaf = '1') => '['.repeat(depth) + leaf + ']'.repeat(depth);

describe('findJsonFlaw (one pass before JSON.parse)', () => {
  it('finds nothing in ordinary bodies, escapes and surrogate pairs included', () => {
    for (const text of [
      '{"email":"ana@ayto.es","password":"x"}',
      '{"name":"Peñaranda de Bracamonte \\"la villa\\"","tags":["a\\\\","b\\n"]}',
      '{"emoji":"\\ud83d\\ude00","raw":"😀","e":"\\u00e9"}',
      '"\\\\u0000"', // an escaped backslash followed by the letters u0000, not a NUL
      nest(64),
      '[]',
      '',
    ]) {
      expect({ text, flaw: findJsonFlaw(text) }).toEqual({ text, flaw: null });
    }
  });

  it('finds NUL escapes and lone surrogates, high or low, in values and keys', () => {
    expect(findJsonFlaw('{"email":"a\\u0000@x.es"}')).toBe('nul');
    expect(findJsonFlaw('{"a\\u0000":1}')).toBe('nul');
    expect(findJsonFlaw('{"name":"x\\ud800"}')).toBe('surrogate');
    expect(findJsonFlaw('{"name":"x\\uDBFF\\u0041"}')).toBe('surrogate');
    expect(findJsonFlaw('{"name":"\\udc00x"}')).toBe('surrogate');
    expect(findJsonFlaw('["ok", "\\"quoted\\"", "\\u0000"]')).toBe('nul');
  });

  it('counts nesting outside strings only, and stops at the limit', () => {
    expect(findJsonFlaw(nest(65))).toBe('depth');
    expect(findJsonFlaw(nest(10_000))).toBe('depth');
    expect(findJsonFlaw(`{"a":"${'['.repeat(500)}"}`)).toBeNull();
    expect(findJsonFlaw(`{"a":${nest(3)}}`, 3)).toBe('depth');
  });

  it('leaves malformed text to JSON.parse instead of looping or throwing', () => {
    for (const text of ['{"a":"unterminated', '\\"a', '{"a":"\\u12"}', '"\\', '\\\\"x"\\']) {
      expect(() => findJsonFlaw(text)).not.toThrow();
    }
  });
});

describe('locateFlaw (names the field once a flaw was found)', () => {
  it('gives the path in validation-error notation', () => {
    expect(locateFlaw({ email: 'a\0b' })).toEqual({ path: 'email', flaw: 'nul' });
    expect(locateFlaw({ answers: [{ ok: 'x' }, { comment: 'x\ud800' }] })).toEqual({ path: 'answers[1].comment', flaw: 'surrogate' });
    expect(locateFlaw({ meta: { 'bad\0key': 1 } })).toEqual({ path: 'meta.bad\0key', flaw: 'nul' });
    expect(locateFlaw('\0')).toEqual({ path: '', flaw: 'nul' });
  });

  it('reports the first container past the depth limit, without recursing', () => {
    const deep = JSON.parse(`{"email":${nest(10_000)}}`);
    const found = locateFlaw(deep);
    expect(found?.flaw).toBe('depth');
    expect(found?.path).toMatch(/^email(\[0\]){63}$/);
  });

  it('finds the first flaw in document order', () => {
    expect(locateFlaw({ a: 'fine', b: 'x\0', c: 'y\0' })?.path).toBe('b');
  });
});
