import request from 'supertest';
import { uuidv7 } from '../src/platform/database/uuid';
import { ProbeModule } from './helpers/probe.module';
import { createProbeSchema, dropProbeSchema } from './helpers/probe-schema';
import { createTestApp, type TestApp } from './helpers/test-app';
import { testDatabaseUrls } from './helpers/test-env';

const PROBLEM = /^application\/problem\+json/;

describe('errors are RFC 9457 problem documents', () => {
  let t: TestApp;

  beforeAll(async () => {
    const { ownerUrl, appUrl } = testDatabaseUrls();
    await createProbeSchema(ownerUrl, appUrl);
    t = await createTestApp({ BODY_LIMIT: '2048' }, [ProbeModule]);
  });
  afterAll(async () => {
    await t?.close();
    await dropProbeSchema(testDatabaseUrls().ownerUrl);
  });

  function expectProblem(res: request.Response, status: number, code: string): void {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({ type: `urn:rumbo:problem:${code}`, status, title: expect.any(String), detail: expect.any(String) });
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
    expect(res.body.requestId).toMatch(/\S/);
    expect(JSON.stringify(res.body)).not.toMatch(/\bat [\w.]+ \(|node_modules|SELECT|INSERT/);
  }

  it('unknown route → 404 with the request id', async () => {
    const res = await request(t.server).get('/v1/does-not-exist');
    expectProblem(res, 404, 'not-found');
    expect(res.body.instance).toBe('/v1/does-not-exist');
  });

  it('echoes a caller-supplied X-Request-Id and replaces an unsafe one', async () => {
    const mine = await request(t.server).get('/v1/nowhere').set('X-Request-Id', 'trace-abc.123');
    expect(mine.headers['x-request-id']).toBe('trace-abc.123');
    expect(mine.body.requestId).toBe('trace-abc.123');
    const unsafe = await request(t.server).get('/health/live').set('X-Request-Id', 'bad id <script>');
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
  });

  it('validation → 400 with one entry per bad field, nested paths and unknown properties', async () => {
    const res = await request(t.server)
      .post('/v1/test-probe/echo')
      .send({ name: 'x', count: 0, tags: [{ label: 'ok' }, { label: '' }], extra: true });
    expectProblem(res, 400, 'validation-error');
    const byPath = Object.fromEntries(res.body.errors.map((e: { path: string; code: string }) => [`${e.path}:${e.code}`, true]));
    expect(byPath).toMatchObject({
      'name:minLength': true,
      'count:min': true,
      'tags[1].label:minLength': true,
      'extra:unknownProperty': true,
    });
    for (const e of res.body.errors) expect(e).toEqual({ path: expect.any(String), code: expect.any(String), message: expect.any(String) });
  });

  it('valid input passes the pipe unchanged', async () => {
    const res = await request(t.server).post('/v1/test-probe/echo').send({ name: 'Rumbo', count: 3 });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ name: 'Rumbo', count: 3 });
  });

  it('malformed JSON → 400', async () => {
    const res = await request(t.server).post('/v1/test-probe/echo').set('Content-Type', 'application/json').send('{"name": ');
    expectProblem(res, 400, 'malformed-json');
  });

  it('wrong media type → 415', async () => {
    const res = await request(t.server).post('/v1/test-probe/echo').set('Content-Type', 'text/plain').send('name=x');
    expectProblem(res, 415, 'unsupported-media-type');
  });

  it('body over the limit → 413', async () => {
    const res = await request(t.server)
      .post('/v1/test-probe/echo')
      .send({ name: 'x'.repeat(4096), count: 1 });
    expectProblem(res, 413, 'payload-too-large');
  });

  it('unexpected error → 500 with a generic detail, nothing of the cause', async () => {
    const res = await request(t.server).get('/v1/test-probe/boom');
    expectProblem(res, 500, 'internal-error');
    expect(JSON.stringify(res.body)).not.toContain('secret_table');
  });

  it('PostgreSQL unique violation → 409, foreign-key violation → 422, without SQL or values', async () => {
    const tenantId = uuidv7();
    const created = await request(t.server).post(`/v1/test-probe/tenants/${tenantId}/items`).send({ code: 'dup-code-value' });
    expect(created.status).toBe(201);
    const duplicate = await request(t.server).post(`/v1/test-probe/tenants/${tenantId}/items`).send({ code: 'dup-code-value' });
    expectProblem(duplicate, 409, 'unique-violation');
    expect(JSON.stringify(duplicate.body)).not.toContain('dup-code-value');
    expect(duplicate.body.errors[0].code).toBe('uq_probe_items_code');

    const dangling = await request(t.server).post(`/v1/test-probe/tenants/${tenantId}/links`).send({ itemId: uuidv7() });
    expectProblem(dangling, 422, 'foreign-key-violation');

    // The same code in another tenant is not a conflict: unique constraints include tenant_id.
    const other = await request(t.server).post(`/v1/test-probe/tenants/${uuidv7()}/items`).send({ code: 'dup-code-value' });
    expect(other.status).toBe(201);
  });

  it('an object of another tenant cannot be referenced (composite foreign key)', async () => {
    const a = uuidv7();
    const b = uuidv7();
    const item = await request(t.server).post(`/v1/test-probe/tenants/${a}/items`).send({ code: 'mine' });
    const res = await request(t.server).post(`/v1/test-probe/tenants/${b}/links`).send({ itemId: item.body.id });
    expectProblem(res, 422, 'foreign-key-violation');
  });
});
