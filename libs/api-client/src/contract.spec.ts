import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractHoles } from './testing/contract-holes';

const root = join(__dirname, '../../..');

describe('the committed contract', () => {
  it('matches a fresh generation from the API code (openapi.json and SDK types)', () => {
    const run = spawnSync(process.execPath, [join(root, 'scripts/openapi.mjs'), '--check'], { cwd: root, encoding: 'utf8' });
    expect(`${run.stdout}${run.stderr}`).toContain('up to date');
    expect(run.status).toBe(0);
  });

  it('lints clean with Spectral OpenAPI rules', () => {
    const spectral = join(root, 'node_modules/.bin/spectral');
    const run = spawnSync(spectral, ['lint', 'libs/api-client/openapi.json', '--ruleset', '.spectral.yaml', '--fail-severity', 'warn'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(run.stdout + run.stderr).toMatch(/No results with a severity of 'warn' or higher found!|no results/i);
    expect(run.status).toBe(0);
  });

  it('names every operation after its controller method and documents problems', () => {
    const spec = JSON.parse(readFileSync(join(root, 'libs/api-client/openapi.json'), 'utf8'));
    for (const [path, item] of Object.entries<
      Record<string, { operationId?: string; summary?: string; responses?: Record<string, unknown> }>
    >(spec.paths)) {
      for (const [method, op] of Object.entries(item)) {
        expect({ path, method, operationId: op.operationId }).toEqual({
          path,
          method,
          operationId: expect.stringMatching(/^[a-z][A-Za-z0-9]+$/),
        });
        expect(op.summary).toBeTruthy();
        expect(op.responses?.default).toBeDefined();
      }
    }
  });
});

/**
 * Holes that are by design: the readiness probe's 503 carries the health report (which checks
 * failed), as orchestrators expect, not a problem document.
 */
const BY_DESIGN = ['problem-media-type ready 503'];

describe('a contract with no holes', () => {
  const spec = JSON.parse(readFileSync(join(root, 'libs/api-client/openapi.json'), 'utf8'));

  it('has every response described, every body exemplified, problems typed and exemplified, ids as uuids, no empty objects', () => {
    const holes = contractHoles(spec).filter((h) => !BY_DESIGN.includes(h));
    expect(holes).toEqual([]);
    for (const h of BY_DESIGN) expect(contractHoles(spec)).toContain(h);
  });

  it('declares both credentials: staff JWTs and rmb_<id>_<secret> API keys, each operation the ones it accepts', () => {
    expect(spec.components.securitySchemes).toMatchObject({
      bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      apiKey: { type: 'http', scheme: 'bearer', bearerFormat: 'rmb_<id>_<secret>' },
    });
    expect(spec.components.securitySchemes.apiKey.description).toMatch(/Authorization: Bearer rmb_<id>_<secret>/);
    const schemesOf = (path: string, method: string) =>
      (spec.paths[path][method].security ?? []).flatMap((s: Record<string, unknown>) => Object.keys(s)).sort();
    expect(schemesOf('/v1/tenants/{tenantId}', 'get')).toEqual(['apiKey', 'bearer']);
    expect(schemesOf('/v1/tenants', 'post')).toEqual(['bearer']);
    expect(schemesOf('/health/live', 'get')).toEqual([]);
  });

  it('lists each operation’s problem codes per status, with the catalogue’s example of that status', () => {
    const move = spec.paths['/v1/tenants/{tenantId}/move'].post.responses;
    const codesOf = (response: { $ref?: string; content?: Record<string, { examples?: Record<string, unknown> }> }) => {
      const resolved = response.$ref ? spec.components.responses[response.$ref.split('/').pop()!] : response;
      return Object.keys(resolved.content['application/problem+json'].examples ?? {}).sort();
    };
    expect(codesOf(move['422'])).toEqual(['constraint-violation', 'parent-not-found']);
    expect(codesOf(move['409'])).toEqual(['tenant-archived']);
    expect(codesOf(move['412'])).toEqual(['precondition-failed']);
    expect(codesOf(move['401'])).toEqual(['unauthorized']);
    expect(codesOf(move['503'])).toEqual(['busy', 'retry']);
    expect(spec.components.examples['parent-not-found'].value).toMatchObject({
      type: 'urn:rumbo:problem:parent-not-found',
      status: 422,
      detail: 'The new parent does not exist or is not visible to you.',
    });
  });
});

describe('the contract checker', () => {
  const problem = { $ref: '#/components/schemas/Problem' };
  const problemResponse = (status: number) => ({
    description: 'x',
    content: { 'application/problem+json': { schema: problem, example: { type: 'urn:rumbo:problem:x', status } } },
  });
  /** One tenant write, every part of it as the rules want it, or with one hole in each part. */
  const contract = (holes: boolean) => ({
    components: {
      schemas: { Problem: { type: 'object', properties: { type: { type: 'string' } } } },
      responses: { Gone: problemResponse(404) },
    },
    paths: {
      '/v1/things/{thingId}': {
        post: {
          operationId: 'make',
          'x-rumbo-access': { kind: 'tenant', access: 'write' },
          security: holes ? [{ bearer: [] }] : [{ bearer: [] }, { apiKey: [] }],
          parameters: [{ in: 'path', name: 'thingId', schema: holes ? { type: 'string' } : { type: 'string', format: 'uuid' } }],
          requestBody: {
            content: {
              'application/json': holes
                ? { schema: { type: 'object' } }
                : { schema: { type: 'object', additionalProperties: true }, example: {} },
            },
          },
          responses: {
            '201': { description: holes ? '' : 'Made' },
            '404': { $ref: '#/components/responses/Gone' },
            ...(holes ? { '409': { description: 'Clash', content: { 'application/json': { schema: problem } } } } : {}),
            default: problemResponse(holes ? 400 : 500),
          },
        },
      },
    },
  });

  it('finds nothing in a contract without holes', () => {
    expect(contractHoles(contract(false))).toEqual([]);
  });

  it('finds each kind of hole', () => {
    expect(contractHoles(contract(true))).toEqual([
      'empty-object make.requestBody',
      'no-body-example make application/json',
      'no-description make 201',
      'problem-example make default',
      'problem-media-type make 409',
      'security make',
      'uuid-path-id make.thingId',
    ]);
  });
});
