import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { uuidv7 } from '../src/platform/database/uuid';
import { bearer, expectProblem, Fixtures, login, type TenantFixture, type Tokens } from './helpers/fixtures';
import { createTestApp, type TestApp } from './helpers/test-app';

/** Sends raw bytes (each character one byte) to the listening server and returns everything it answers until it closes. */
function raw(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('error', (error) => (answer ? resolve(answer) : reject(error)));
    socket.setTimeout(5000, () => socket.destroy(new Error(`no answer to ${text.slice(0, 40)}`)));
    socket.write(text, 'latin1');
  });
}

/** Status, headers (lower-cased) and JSON body of a raw HTTP answer. */
function parse(answer: string): { status: number; headers: Record<string, string>; body: Record<string, unknown> } {
  const [head, ...rest] = answer.split('\r\n\r\n');
  const [statusLine, ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  return {
    status: Number(statusLine.split(' ')[1]),
    headers,
    body: JSON.parse(Buffer.from(rest.join('\r\n\r\n'), 'latin1').toString('utf8')),
  };
}

function expectRawProblem(answer: string, status: number, code: string): void {
  const { status: got, headers, body } = parse(answer);
  expect({ got, code: body.type }).toEqual({ got: status, code: `urn:rumbo:problem:${code}` });
  expect(headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(body).toMatchObject({ status, requestId: headers['x-request-id'], title: expect.any(String), detail: expect.any(String) });
}

describe('hostile input never reaches a 500', () => {
  let t: TestApp;
  let fx: Fixtures;
  let tenant: TenantFixture;
  let admin: Tokens;
  let port: number;

  beforeAll(async () => {
    t = await createTestApp();
    fx = await Fixtures.open();
    tenant = await fx.tenant({ kind: 'region' });
    admin = await login(t, await fx.user({ memberships: [{ tenantId: tenant.id, role: 'admin' }] }));
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(async () => {
    await fx?.close();
    await t?.close();
  });

  const json = (path: string, text: string, method: 'post' | 'patch' = 'post') =>
    request(t.server)[method](path).set('Authorization', bearer(admin)).set('Content-Type', 'application/json').send(text);
  const paths = (res: request.Response) => (res.body.errors as { path: string; code: string }[]).map((e) => `${e.path}:${e.code}`);

  describe('JSON bodies', () => {
    it('a NUL escape → 400 naming the field, login included', async () => {
      const res = await request(t.server)
        .post('/v1/auth/login')
        .set('Content-Type', 'application/json')
        .send('{"email":"a\\u0000@x.es","password":"x"}');
      expectProblem(res, 400, 'invalid-characters');
      expect(paths(res)).toEqual(['email:nulCharacter']);
      const nested = await json(`/v1/tenants/${tenant.id}`, '{"name":"Villa\\u0000nueva"}', 'patch');
      expectProblem(nested, 400, 'invalid-characters');
      expect(paths(nested)).toEqual(['name:nulCharacter']);
    });

    it('a lone surrogate → 400 naming the field, deep in the body too; a surrogate pair is fine', async () => {
      const res = await json(`/v1/tenants/${tenant.id}/children`, '{"code":"x","name":"ok","kind":"other","extra":[{"a":"\\ud800"}]}');
      expectProblem(res, 400, 'invalid-characters');
      expect(paths(res)).toEqual(['extra[0].a:loneSurrogate']);
      const emoji = await json(`/v1/tenants/${tenant.id}`, '{"name":"Villa \\ud83d\\ude00"}', 'patch');
      expect(emoji.status).toBe(200);
      expect(emoji.body.name).toBe('Villa 😀');
    });

    it('nesting deeper than 64 → 400 before any parsing library recurses (10,000 crashed class-transformer)', async () => {
      const deep = '['.repeat(10_000) + ']'.repeat(10_000);
      const res = await request(t.server)
        .post('/v1/auth/login')
        .set('Content-Type', 'application/json')
        .send(`{"email":${deep},"password":"x"}`);
      expectProblem(res, 400, 'json-too-deep');
      expect(res.body.errors[0]).toMatchObject({ path: expect.stringMatching(/^email(\[0\])+$/), code: 'maxDepth' });
    });

    it('bytes that are not UTF-8 → 400; another charset → 415', async () => {
      const patch = (contentType: string) =>
        raw(
          port,
          `PATCH /v1/tenants/${tenant.id} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: ${bearer(admin)}\r\n` +
            `Content-Type: ${contentType}\r\nContent-Length: 15\r\n\r\n{"name":"Pe\xf1a"}`,
        );
      const res = parse(await patch('application/json'));
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ type: 'urn:rumbo:problem:invalid-encoding', errors: [{ path: 'body', code: 'badEncoding' }] });
      expectRawProblem(await patch('application/json; charset=iso-8859-1'), 415, 'unsupported-media-type');
    });

    it('an empty body with Content-Type: application/json is no body on a body-less POST', async () => {
      const archived = await json(`/v1/tenants/${tenant.id}/archive`, '');
      expect(archived.status).toBe(200);
      expect(archived.body.archivedAt).toEqual(expect.any(String));
      const back = await json(`/v1/tenants/${tenant.id}/unarchive`, '');
      expect(back.status).toBe(200);
      // A route that needs a body says which fields are missing.
      const logout = await request(t.server).post('/v1/auth/logout').set('Content-Type', 'application/json').send('');
      expectProblem(logout, 400, 'validation-error');
      expect(paths(logout)).toContain('refreshToken:isString');
    });
  });

  describe('URLs', () => {
    it('bad percent-encoding in a path parameter → 400 naming it; in the query → 400 naming it', async () => {
      const inPath = await request(t.server).get('/v1/tenants/%E0%A4%A').set('Authorization', bearer(admin));
      expectProblem(inPath, 400, 'invalid-encoding');
      expect(paths(inPath)).toEqual(['tenantId:badEncoding']);
      expect(inPath.headers['x-content-type-options']).toBe('nosniff');
      const inQuery = await request(t.server).get('/v1/tenants?search=%E0%A4%A&limit=5').set('Authorization', bearer(admin));
      expectProblem(inQuery, 400, 'invalid-encoding');
      expect(paths(inQuery)).toEqual(['search:badEncoding']);
      const surrogate = await request(t.server)
        .get(`/v1/tenants/${tenant.id}/children?search=%ED%A0%80`)
        .set('Authorization', bearer(admin));
      expectProblem(surrogate, 400, 'invalid-encoding');
    });

    it('a NUL in a query or path parameter → 400 naming it (it was a PostgreSQL 22021 and a 500)', async () => {
      const inQuery = await request(t.server).get('/v1/tenants?search=a%00b').set('Authorization', bearer(admin));
      expectProblem(inQuery, 400, 'invalid-characters');
      expect(paths(inQuery)).toEqual(['search:nulCharacter']);
      const inPath = await request(t.server).delete(`/v1/tenants/${tenant.id}/api-keys/%00`).set('Authorization', bearer(admin));
      expectProblem(inPath, 400, 'invalid-characters');
      expect(paths(inPath)).toEqual(['keyId:nulCharacter']);
    });

    it('an over-long path parameter → 414 naming it', async () => {
      const res = await request(t.server)
        .get(`/v1/tenants/${'a'.repeat(300)}`)
        .set('Authorization', bearer(admin));
      expectProblem(res, 414, 'uri-too-long');
      expect(paths(res)).toEqual(['tenantId:maxLength']);
    });
  });

  describe("Node's HTTP parser, before any route", () => {
    it('oversize headers → 431 problem', async () => {
      const answer = await raw(port, `GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      expectRawProblem(answer, 431, 'headers-too-large');
    });

    it('conflicting Transfer-Encoding and Content-Length → 400 problem', async () => {
      const answer = await raw(
        port,
        'POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      );
      expectRawProblem(answer, 400, 'bad-request');
    });

    it('a malformed request line → 400 problem, in the language asked for when it can be read', async () => {
      const answer = await raw(port, 'GET /health/live HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\nBad Header Line\r\n\r\n');
      expectRawProblem(answer, 400, 'bad-request');
      expect(parse(answer).body.title).toBe('Bad Request');
      expectRawProblem(await raw(port, 'NOT-HTTP\r\n\r\n'), 400, 'bad-request');
    });
  });

  it('a random id of the right shape is a 404, never a server error', async () => {
    expectProblem(await request(t.server).get(`/v1/tenants/${uuidv7()}`).set('Authorization', bearer(admin)), 404, 'not-found');
  });

  it('the SPA and its static files refuse the same URLs the same way', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'rumbo-spa-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Rumbo</title>');
    writeFileSync(join(dist, 'assets', 'app.js'), 'export {};');
    const spa = await createTestApp({ ADMIN_DIST_DIR: dist });
    try {
      const get = (url: string) => request(spa.server).get(url).set('Accept', 'text/html');
      expect((await get('/deep/link')).status).toBe(200);
      expect((await get('/assets/app.js')).status).toBe(200);
      expectProblem(await get('/assets/app.js%00'), 400, 'invalid-characters');
      expectProblem(await get('/%E0%A4%A'), 400, 'invalid-encoding');
      expectProblem(await get('/assets/%ED%A0%80.js'), 400, 'invalid-encoding');
      expectProblem(await get('/assets/%2e%2e%2findex.html'), 404, 'not-found');
      // A traversal is a deep link like any other: the SPA itself, never a file outside it.
      expect((await get('/%2e%2e/%2e%2e/etc/passwd')).text).toContain('<title>Rumbo</title>');
    } finally {
      await spa.close();
      rmSync(dist, { recursive: true, force: true });
    }
  });

  it('while the application shuts down, requests get 503 problem+json with Retry-After', async () => {
    const closing = await createTestApp();
    try {
      closing.app.getHttpAdapter().beforeClose?.();
      const res = await request(closing.server).get('/health/live');
      expectProblem(res, 503, 'service-unavailable');
      expect(res.headers['retry-after']).toBe('1');
    } finally {
      await closing.close();
    }
  });
});
