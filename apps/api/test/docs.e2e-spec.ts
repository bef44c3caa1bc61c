import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchmark, scoreAssessment, type Answer, type MaturityModel } from '@rumbo/method';
import { presentScores } from '../src/maturity/scoring/score-presenter';
import { ROLE_ACCESS, SCOPE_ACCESS } from '../src/tenancy/access/access-levels';
import type { AuthRequirement } from '../src/platform/auth/auth.decorators';

/**
 * The guides an auditor reads say what the code does: the auditor's access lists match the routes'
 * declarations (through the committed contract, which another test keeps equal to the code), and the
 * worked examples of the scoring method are what the method library and the API's presenter give.
 */
const root = join(__dirname, '../../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** The fenced JSON block that follows `<!-- worked-example:<name> -->`. */
function jsonBlock(markdown: string, name: string): unknown {
  const match = new RegExp(`<!-- worked-example:${name} -->\\s*\`\`\`json\\n([\\s\\S]*?)\\n\`\`\``).exec(markdown);
  if (!match) throw new Error(`docs/method.md has no worked-example:${name} block`);
  return JSON.parse(match[1]);
}

/** `METHOD path` of every table row between `<!-- auditor-access:<name> -->` and the next end marker. */
function tableRoutes(markdown: string, name: string): string[] {
  const match = new RegExp(`<!-- auditor-access:${name} -->([\\s\\S]*?)<!-- auditor-access:end -->`).exec(markdown);
  if (!match) throw new Error(`docs/auditor.md has no auditor-access:${name} block`);
  return [...match[1].matchAll(/^\|\s*`([A-Z]+)`\s*\|\s*`([^`]+)`\s*\|/gm)].map((m) => `${m[1]} ${m[2]}`).sort();
}

describe('docs/auditor.md', () => {
  const contract = JSON.parse(read('libs/api-client/openapi.json')) as {
    paths: Record<string, Record<string, { 'x-rumbo-access': AuthRequirement }>>;
  };
  const operations = Object.entries(contract.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, access: op['x-rumbo-access'] })),
  );
  const auditor = ROLE_ACCESS.auditor;
  const granted = (a: AuthRequirement) =>
    a.kind === 'principal' || a.kind === 'user' || (a.kind === 'tenant' && auditor.includes(a.access));

  it('lists exactly the operations the auditor role can call', () => {
    const expected = operations.filter((o) => granted(o.access)).map((o) => o.route);
    expect(tableRoutes(read('docs/auditor.md'), 'can')).toEqual(expected.sort());
  });

  it('lists exactly the operations refused to it, reads of members, invitations and keys among them', () => {
    const expected = operations.filter((o) => o.access.kind !== 'public' && !granted(o.access)).map((o) => o.route);
    const listed = tableRoutes(read('docs/auditor.md'), 'cannot');
    expect(listed).toEqual(expected.sort());
    expect(listed).toEqual(
      expect.arrayContaining([
        'GET /v1/tenants/{tenantId}/members',
        'GET /v1/tenants/{tenantId}/invitations',
        'GET /v1/tenants/{tenantId}/api-keys',
      ]),
    );
  });

  it('is right that the role is read and audit only, and that no API key scope reads the trail', () => {
    expect([...auditor].sort()).toEqual(['audit', 'read']);
    expect(Object.values(SCOPE_ACCESS).some((levels) => levels.includes('audit'))).toBe(false);
  });
});

describe('docs/method.md', () => {
  const markdown = read('docs/method.md');

  it('worked example: the scores the method and the API give are the ones printed', () => {
    const input = jsonBlock(markdown, 'input') as { model: MaturityModel; answers: Answer[] };
    // The document writes scale options as their values; a model version has { value, label }.
    const model = JSON.parse(JSON.stringify(input.model), (key, value: unknown) =>
      key === 'options' && Array.isArray(value) ? value.map((v) => ({ value: v, label: String(v) })) : value,
    ) as MaturityModel;
    const result = scoreAssessment(model, input.answers);
    // The example model has keys only: the presenter falls back to them for texts and names.
    const noTexts = { areas: new Map(), dimensions: new Map(), questions: new Map(), levels: new Map() };
    const answer = presentScores(
      '0190b4e2-0000-7000-8000-000000000001',
      '0190b4e2-0000-7000-8000-000000000002',
      null,
      result,
      true,
      noTexts,
      'en',
    );
    expect(answer).toMatchObject(jsonBlock(markdown, 'scores') as object);

    // The hand checks the text promises: contributions add up at every level.
    const questions = result.areas.flatMap((a) => a.dimensions.flatMap((d) => d.questions));
    expect(questions.reduce((sum, q) => sum + q.contributionToOverall, 0)).toBeCloseTo(result.overall.score!, 9);
    expect(result.overall.score).toBeCloseTo((215 / 3 + 42.5) / 2, 12);
    expect(result.overall.level).toMatchObject({ level: 3, name: 'Defined' });
  });

  it('worked example: the benchmark figures are the method’s', () => {
    const { own, peers } = jsonBlock(markdown, 'peers') as { own: number; peers: number[] };
    const result = benchmark(own, peers);
    if (!result.available) throw new Error('the example cohort is large enough');
    const printed = jsonBlock(markdown, 'benchmark');
    expect({ available: true, cohortSize: result.cohortSize, percentile: result.percentileRank, quartiles: result.quartiles }).toEqual(
      printed,
    );
    expect(benchmark(own, peers.slice(0, 4))).toMatchObject({ available: false, reason: 'cohort-too-small', cohortSize: 4 });
  });

  it('is where the READMEs point, instead of a METHOD.md the repository does not contain', () => {
    for (const readme of ['README.md', 'libs/method/README.md', 'apps/api/src/maturity/default-model/README.md']) {
      expect({ readme, citesMissingFile: /METHOD\.md/.test(read(readme)) }).toEqual({ readme, citesMissingFile: false });
    }
    expect(read('README.md')).toContain('docs/method.md');
  });
});
