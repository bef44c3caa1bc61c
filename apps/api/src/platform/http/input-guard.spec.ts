import { pathParameterProblem, queryStringProblem, textBodyProblem } from './input-guard';

describe('input guard', () => {
  it('lets ordinary query strings through without decoding them twice', () => {
    expect(queryStringProblem('limit=10&cursor=abc')).toBeUndefined();
    expect(queryStringProblem('search=Pe%C3%B1aranda%20de%20Bracamonte&q=a+b')).toBeUndefined();
  });

  it('names each query parameter with bad percent-encoding', () => {
    const problem = queryStringProblem('limit=10&search=%E0%A4%A&q%zz=1&ok=%41');
    expect(problem).toMatchObject({ status: 400, code: 'invalid-encoding' });
    expect(problem?.errors?.map((e) => [e.path, e.code])).toEqual([
      ['search', 'badEncoding'],
      ['q%zz', 'badEncoding'],
    ]);
    // UTF-8 of a lone surrogate (CESU) does not decode: it is bad encoding too.
    expect(queryStringProblem('search=%ED%A0%80')?.errors?.[0]).toMatchObject({ path: 'search', code: 'badEncoding' });
  });

  it('names each query parameter holding a NUL, in its key or value', () => {
    const problem = queryStringProblem('search=a%00b&x%00=1&limit=5');
    expect(problem).toMatchObject({ status: 400, code: 'invalid-characters' });
    expect(problem?.errors?.map((e) => [e.path, e.code])).toEqual([
      ['search', 'nulCharacter'],
      ['x\0', 'nulCharacter'],
    ]);
  });

  it('names path parameters holding a NUL', () => {
    expect(pathParameterProblem({ tenantId: '0193a4f2-0000-7000-8000-000000000000' })).toBeUndefined();
    expect(pathParameterProblem({ tenantId: 'ok', assessmentId: 'a\0' })?.errors).toEqual([
      { path: 'assessmentId', code: 'nulCharacter', message: expect.any(Object) },
    ]);
    expect(pathParameterProblem(null)).toBeUndefined();
  });

  it('names the line of a NUL in a CSV body', () => {
    expect(textBodyProblem('code;name\nA;Alba\n')).toBeUndefined();
    expect(textBodyProblem('code;name\nA;Alba\nB;Bad\0name\n')?.errors?.[0]).toMatchObject({ path: 'body', code: 'nulCharacter', line: 3 });
  });
});
