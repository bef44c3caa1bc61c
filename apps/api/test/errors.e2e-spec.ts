import request from 'supertest';
import { uuidv7 } from '../src/platform/database/uuid';
import { bearer, Fixtures, login, type Tokens } from './helpers/fixtures';
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
    // Rules of nested objects find their arguments too (the target is the nested instance).
    const message = (path: string) => res.body.errors.find((e: { path: string }) => e.path === path)?.message;
    expect(message('tags[1].label')).toBe('Debe tener al menos 2 caracteres.');
    expect(message('count')).toBe('Debe ser 1 o más.');
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

describe('problems in the caller’s language (Accept-Language: es by default, en)', () => {
  let t: TestApp;
  let fx: Fixtures;
  let platform: Tokens;

  beforeAll(async () => {
    t = await createTestApp();
    fx = await Fixtures.open();
    platform = await login(t, await fx.user({ platformAdmin: true }));
  });
  afterAll(async () => {
    await fx?.close();
    await t?.close();
  });

  const invalidTenant = {
    code: 'no spaces!',
    kind: 'planet',
    name: 'x'.repeat(201),
    population: -1,
    timezone: 'Mars/Olympus',
    extra: true,
  };
  const create = (language?: string) => {
    const req = request(t.server).post('/v1/tenants').set('Authorization', bearer(platform));
    return (language ? req.set('Accept-Language', language) : req).send(invalidTenant);
  };
  const messages = (res: request.Response) =>
    Object.fromEntries(
      (res.body.errors as { path: string; code: string; message: string }[]).map((e) => [`${e.path}:${e.code}`, e.message]),
    );

  it('renders class-validator’s rules in Spanish, with their arguments, and says so in Content-Language', async () => {
    const res = await create('es-ES,es;q=0.9');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.headers['content-language']).toBe('es');
    expect(res.body).toMatchObject({
      type: 'urn:rumbo:problem:validation-error',
      title: 'Solicitud incorrecta',
      detail: 'La solicitud no es válida: vea errors.',
    });
    expect(messages(res)).toEqual({
      'code:matches':
        'El código debe tener de 1 a 64 letras, dígitos, puntos, guiones o guiones bajos, y empezar por una letra o un dígito.',
      'kind:isIn': 'Debe ser uno de estos valores: country, region, province, municipality, institute, other.',
      'name:maxLength': 'Debe tener como máximo 200 caracteres.',
      'population:min': 'Debe ser 0 o más.',
      'timezone:isTimeZone': 'Debe ser una zona horaria IANA, p. ej. Europe/Madrid.',
      'extra:unknownProperty': 'Este campo no se admite aquí.',
    });
  });

  it('renders the same rules in English, and Spanish when the caller names no language', async () => {
    const en = await create('en-GB,en;q=0.8');
    expect(en.headers['content-language']).toBe('en');
    expect(en.body).toMatchObject({ title: 'Bad Request', detail: 'The request is not valid; see errors.' });
    expect(messages(en)).toEqual({
      'code:matches': 'The code must be 1–64 letters, digits, dots, dashes or underscores, starting with a letter or digit.',
      'kind:isIn': 'Must be one of: country, region, province, municipality, institute, other.',
      'name:maxLength': 'Must be at most 200 characters long.',
      'population:min': 'Must be 0 or more.',
      'timezone:isTimeZone': 'Must be an IANA time zone such as Europe/Madrid.',
      'extra:unknownProperty': 'This field is not accepted here.',
    });
    const none = await create();
    expect(none.headers['content-language']).toBe('es');
    expect(messages(none)['name:maxLength']).toBe('Debe tener como máximo 200 caracteres.');
  });

  it('localises query, path-id and cursor errors as well', async () => {
    const tenant = await fx.tenant();
    const admin = await login(t, await fx.user({ memberships: [{ tenantId: tenant.id, role: 'admin' }] }));
    const limit = await request(t.server).get('/v1/tenants').query({ limit: 500 }).set('Authorization', bearer(admin));
    expect(messages(limit)).toEqual({ 'limit:max': 'Debe ser 200 o menos.' });
    const keyId = await request(t.server)
      .delete(`/v1/tenants/${tenant.id}/api-keys/not-a-uuid`)
      .set('Authorization', bearer(admin))
      .set('Accept-Language', 'en');
    expect(keyId.status).toBe(400);
    expect(messages(keyId)).toEqual({ 'keyId:isUuid': 'Must be a UUID, e.g. 0190b4e2-7c1a-7cc0-9d4e-3f1a2b3c4d5e.' });
    const cursor = await request(t.server)
      .get(`/v1/tenants/${tenant.id}/members`)
      .query({ cursor: 'forged' })
      .set('Authorization', bearer(admin));
    expect(messages(cursor)).toEqual({
      'cursor:invalidCursor': 'Este cursor no lo ha emitido esta API: use el nextCursor de la página anterior.',
    });
  });

  it('renders a catalogue problem in either language; its code never changes', async () => {
    const tenant = await fx.tenant();
    const stale = (language: string) =>
      request(t.server)
        .patch(`/v1/tenants/${tenant.id}`)
        .set('Authorization', bearer(platform))
        .set('If-Match', 'W/"999"')
        .set('Accept-Language', language)
        .send({ name: 'Nuevo nombre' });
    const es = await stale('es');
    const en = await stale('en');
    expect(es.status).toBe(412);
    expect(es.body).toMatchObject({
      type: 'urn:rumbo:problem:precondition-failed',
      title: 'Precondición fallida',
      detail: 'El recurso ha cambiado desde que usted lo leyó (If-Match no coincide con su ETag): vuelva a cargarlo y repita el cambio.',
    });
    expect(en.body).toMatchObject({
      type: 'urn:rumbo:problem:precondition-failed',
      title: 'Precondition Failed',
      detail: 'The resource changed since you read it (If-Match does not match its ETag); reload and retry.',
    });
    expect(es.headers.vary).toMatch(/Accept-Language/);

    const viewer = await login(t, await fx.user({ memberships: [{ tenantId: tenant.id, role: 'viewer' }] }));
    const forbidden = await request(t.server).patch(`/v1/tenants/${tenant.id}`).set('Authorization', bearer(viewer)).send({ name: 'x' });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.type).toBe('urn:rumbo:problem:forbidden');
  });
});
