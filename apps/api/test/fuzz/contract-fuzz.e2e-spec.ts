import { Agent, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import contract from '../../../../libs/api-client/openapi.json';
import { bearer, Fixtures, login, unique } from '../helpers/fixtures';
import { createAssessment, importModel, smallModel, smallModelAnswers, uniqueModelKey } from '../helpers/maturity';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { CaseBuilder, operationsOf, type FuzzRequest } from './cases';
import { Random, SchemaGenerator, type Schema } from './generate';

/**
 * Contract fuzzing: for every operation of libs/api-client/openapi.json, hostile requests built from
 * its own schemas (wrong types, missing and extra fields, huge and unusual Unicode strings, NUL and
 * lone surrogates, forged ids and cursors, broken JSON, wrong content types, hostile headers and
 * credentials), mostly as a platform administrator, some as a tenant administrator or anonymous.
 * No answer may be a 5xx, and every error must be an RFC 9457 problem document.
 *
 * Seeded (RUMBO_FUZZ_SEED to replay another run), in-process against the real application on the
 * test database, over a few connections. `npm test` sends 40 per operation (about 2,200 requests);
 * RUMBO_LONG_TESTS=1 sends 200 per operation (about 11,000). RUMBO_FUZZ_PER_OPERATION overrides
 * both, RUMBO_FUZZ_REPORT=1 prints how many answers had each status.
 */

const SEED = Number(process.env.RUMBO_FUZZ_SEED ?? 20_261_204);
const PER_OPERATION = Number(process.env.RUMBO_FUZZ_PER_OPERATION ?? (process.env.RUMBO_LONG_TESTS === '1' ? 200 : 40));
/** Connections sending at once: one, so that a run is deterministic (concurrent plausible writes may rightly answer 503 retry). */
const LANES = 1;

interface Answer {
  status: number;
  contentType: string;
  body: string;
}

interface Failure {
  request: FuzzRequest;
  answer: Answer;
  why: string;
}

/** What is wrong with an answer, or null. */
function judge(answer: Answer): string | null {
  if (answer.status >= 500) return `status ${answer.status}`;
  if (answer.status < 400) return null;
  if (!answer.contentType.startsWith('application/problem+json')) return `error as ${answer.contentType || 'no content type'}`;
  let problem: Record<string, unknown>;
  try {
    problem = JSON.parse(answer.body) as Record<string, unknown>;
  } catch {
    return 'problem body is not JSON';
  }
  if (problem.status !== answer.status) return `problem status ${String(problem.status)} on a ${answer.status}`;
  if (typeof problem.type !== 'string' || !problem.type.startsWith('urn:rumbo:problem:')) return 'problem without a type';
  if (typeof problem.requestId !== 'string' || typeof problem.title !== 'string' || typeof problem.detail !== 'string')
    return 'problem fields missing';
  if (/\bat [\w.<>]+ \(|node_modules|SELECT |INSERT |QueryFailedError/.test(answer.body)) return 'problem leaks internals';
  return null;
}

describe('contract fuzzing: no hostile request reaches a 500', () => {
  let t: TestApp;
  let fx: Fixtures;
  let port: number;
  const agent = new Agent({ keepAlive: true, maxSockets: LANES });
  const ids: Record<string, string> = {};
  const tokens = { admin: '', tenantAdmin: '' };
  let restore: () => Promise<void>;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    fx = await Fixtures.open();
    const region = await fx.tenant({ kind: 'region', code: unique('fuzz-region') });
    const town = await fx.tenant({ parentId: region.id, kind: 'municipality', population: 4000 });
    const platformAdmin = await fx.user({ platformAdmin: true });
    const tenantAdmin = await fx.user({ memberships: [{ tenantId: region.id, role: 'admin' }] });
    tokens.admin = (await login(t, platformAdmin)).accessToken;
    tokens.tenantAdmin = (await login(t, tenantAdmin)).accessToken;
    const version = await importModel(t, tokens.admin, smallModel(uniqueModelKey('fuzz')), { publish: true });
    const submitted = await createAssessment(t, tokens.admin, region.id, version.id, {
      answers: smallModelAnswers(),
      submit: true,
      period: '2025',
    });
    const draft = await createAssessment(t, tokens.admin, region.id, version.id, { period: '2026' });
    const invitation = await request(t.server)
      .post(`/v1/tenants/${region.id}/invitations`)
      .set('Authorization', bearer(tokens.admin))
      .send({ email: `${unique('invitee')}@test.example`, role: 'viewer' });
    if (invitation.status !== 201) throw new Error(`invitation answered ${invitation.status}`);
    const viewer = await fx.user();
    Object.assign(ids, {
      tenantId: region.id,
      parentId: town.id,
      versionId: version.id,
      modelVersionId: version.id,
      assessmentId: draft.id,
      otherId: submitted.id,
      keyId: (await fx.apiKey(region.id, ['read'])).id,
      membershipId: await fx.membership(viewer.id, region.id, 'viewer'),
      invitationId: invitation.body.id as string,
    });
    // Undo what a plausible request may have done to the tree the next operations rely on.
    restore = async () => {
      await fx.query('UPDATE tenants SET archived_at = NULL WHERE id = ANY($1) AND archived_at IS NOT NULL', [[region.id, town.id]]);
      await fx.query('UPDATE tenants SET parent_id = NULL WHERE id = $1 AND parent_id IS NOT NULL', [region.id]);
      await fx.query('UPDATE tenants SET parent_id = $2 WHERE id = $1 AND parent_id IS DISTINCT FROM $2', [town.id, region.id]);
    };
  });
  afterAll(async () => {
    agent.destroy();
    await fx?.close();
    await t?.close();
  });

  const send = (r: FuzzRequest): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, method: r.method, path: r.url, headers: r.headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      });
      req.on('error', reject);
      req.end(r.body);
    });

  const operations = operationsOf(contract as unknown as { paths: Record<string, Record<string, unknown>> });

  it('covers every operation of the contract', () => {
    expect(operations.length).toBeGreaterThanOrEqual(50);
    expect(operations.filter((o) => o.secured).length).toBeGreaterThan(40);
  });

  const random = new Random(SEED);
  const schemas = (contract as unknown as { components: { schemas: Record<string, Schema> } }).components.schemas;
  let builder: CaseBuilder;
  const statuses = new Map<number, number>();

  it.each(operations.map((op) => [op.operationId, op] as const))(
    `%s: ${PER_OPERATION} hostile requests, no 5xx, every error a problem document`,
    async (_id, op) => {
      builder ??= new CaseBuilder(random, new SchemaGenerator(schemas, random, ids), ids, tokens);
      // Built in order from the seed, then sent over a few connections at once.
      const cases = Array.from({ length: PER_OPERATION }, (_, i) => builder.build(op, i));
      const failures: Failure[] = [];
      const lanes = Array.from({ length: LANES }, async (_, lane) => {
        for (let i = lane; i < cases.length; i += LANES) {
          const answer = await send(cases[i]);
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          const why = judge(answer);
          if (why) failures.push({ request: cases[i], answer, why });
        }
      });
      await Promise.all(lanes);
      await restore();
      const report = failures.slice(0, 8).map((f) => ({
        why: f.why,
        kind: f.request.kind,
        request: `${f.request.method} ${f.request.url.slice(0, 200)} ${f.request.headers['content-type'] ?? ''} ${f.request.body?.toString('utf8').slice(0, 200) ?? ''}`,
        answer: f.answer.body.slice(0, 300),
      }));
      expect({ seed: SEED, failures: failures.length, first: report }).toEqual({ seed: SEED, failures: 0, first: [] });
    },
    120_000,
  );

  it('reached the services too, not only the validation layer', () => {
    if (process.env.RUMBO_FUZZ_REPORT === '1')
      process.stdout.write(`fuzz statuses: ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}\n`);
    expect([...statuses.entries()].filter(([s]) => s < 300).reduce((n, [, c]) => n + c, 0)).toBeGreaterThan(operations.length);
  });
});
