import { describe, expect, it } from 'vitest';
import { call } from './problem';
import { uploadWithProgress } from './upload';
import { createTestConnection, problem, tokens } from '@/testing/fake-api';

describe('the configured client', () => {
  it('sends the UI language as Accept-Language on every call, sign-in included, and follows a change', async () => {
    let language = 'es';
    const connection = createTestConnection({
      'POST /v1/auth/login': () => ({ status: 200, body: tokens(1) }),
      'GET /v1/tenants': () => ({ status: 200, body: { data: [], nextCursor: null } }),
    });
    connection.followLanguage(() => language);

    await connection.session.login('a@b.example', 'secret');
    await call(connection.client.GET('/v1/tenants'));
    language = 'en';
    await call(connection.client.GET('/v1/tenants'));

    expect(connection.api.requests.map((r) => r.headers.get('Accept-Language'))).toEqual(['es', 'es', 'en']);
    expect(connection.acceptLanguage()).toBe('en');
  });

  it('keeps a language a caller asked for explicitly', async () => {
    const connection = createTestConnection({ 'GET /v1/tenants': () => ({ status: 200, body: { data: [], nextCursor: null } }) });
    connection.followLanguage(() => 'es');
    await call(connection.client.GET('/v1/tenants', { headers: { 'Accept-Language': 'en' } }));
    expect(connection.api.requests[0].headers.get('Accept-Language')).toBe('en');
  });

  it('records the language the API wrote a problem in (Content-Language)', async () => {
    const connection = createTestConnection({
      'GET /v1/tenants': () => ({
        status: 400,
        body: problem(400, 'La solicitud no es válida: vea errors.', {
          errors: [{ path: 'limit', code: 'max', message: 'como máximo 200' }],
        }),
        headers: { 'Content-Language': 'es' },
      }),
    });
    const error = await call(connection.client.GET('/v1/tenants')).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, language: 'es', detail: 'La solicitud no es válida: vea errors.' });
  });

  it('sends it on uploads too', async () => {
    const sent: Record<string, string> = {};
    class FakeXhr {
      status = 200;
      responseText = '{"created":0}';
      upload = { onprogress: null, onload: null };
      onload: (() => void) | null = null;
      open() {}
      setRequestHeader(name: string, value: string) {
        sent[name] = value;
      }
      getAllResponseHeaders() {
        return 'content-type: application/json';
      }
      send() {
        queueMicrotask(() => this.onload?.());
      }
    }
    const original = globalThis.XMLHttpRequest;
    globalThis.XMLHttpRequest = FakeXhr as unknown as typeof XMLHttpRequest;
    try {
      const connection = createTestConnection({});
      await uploadWithProgress({
        url: 'http://api.test/x',
        body: new Blob(['a']),
        contentType: 'text/csv',
        session: connection.session,
        language: 'en',
      });
      expect(sent['Accept-Language']).toBe('en');
    } finally {
      globalThis.XMLHttpRequest = original;
    }
  });
});
