import { defineProblems, localise, registeredProblems } from './catalogue';
import { ProblemError } from './problem';

enum SampleProblem {
  Plain = 'sample-plain',
  WithParams = 'sample-with-params',
}

const sample = defineProblems(
  'sample',
  SampleProblem,
  {
    [SampleProblem.Plain]: { status: 409, detail: { es: 'Choca.', en: 'It clashes.' }, headers: { 'Retry-After': '1' } },
    [SampleProblem.WithParams]: {
      status: 422,
      detail: (p: { count: number }) => ({ es: `Faltan ${p.count}.`, en: `${p.count} missing.` }),
    },
  },
  { [SampleProblem.WithParams]: { count: 3 } },
);

describe('problem catalogues', () => {
  it('raises a code with its status, both texts and its headers', () => {
    const problem = sample.raise(SampleProblem.Plain, { errors: [{ path: 'x', code: 'y', message: { es: 'uno', en: 'one' } }] });
    expect(problem).toBeInstanceOf(ProblemError);
    expect(problem).toMatchObject({ status: 409, code: 'sample-plain', detail: { es: 'Choca.', en: 'It clashes.' } });
    expect(problem.headers).toEqual({ 'Retry-After': '1' });
    expect(localise(problem.errors![0].message, 'en')).toBe('one');
  });

  it('builds a parametrised detail in every language', () => {
    const problem = sample.raise(SampleProblem.WithParams, { count: 2 });
    expect(localise(problem.detail, 'es')).toBe('Faltan 2.');
    expect(localise(problem.detail, 'en')).toBe('2 missing.');
  });

  it('registers every code with its status and an English example for the contract', () => {
    expect(registeredProblems().get('sample-with-params')).toEqual({
      code: 'sample-with-params',
      module: 'sample',
      status: 422,
      example: '3 missing.',
      texts: { es: 'Faltan 3.', en: '3 missing.' },
      headers: [],
    });
    expect(registeredProblems().get('sample-plain')?.headers).toEqual(['Retry-After']);
  });

  it('refuses a code declared by two modules', () => {
    expect(() =>
      defineProblems(
        'other',
        SampleProblem,
        {
          [SampleProblem.Plain]: { status: 400, detail: { es: 'a', en: 'a' } },
          [SampleProblem.WithParams]: { status: 400, detail: () => ({ es: 'b', en: 'b' }) },
        },
        { [SampleProblem.WithParams]: undefined as never },
      ),
    ).toThrow(/declared by sample and other/);
  });
});
