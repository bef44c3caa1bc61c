import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createTestApp, type TestApp } from './helpers/test-app';

describe('platform endpoints', () => {
  let t: TestApp;
  let spaDir: string;

  beforeAll(async () => {
    spaDir = mkdtempSync(join(tmpdir(), 'rumbo-spa-'));
    mkdirSync(join(spaDir, 'assets'));
    writeFileSync(join(spaDir, 'index.html'), '<!doctype html><html><body><div id="app">rumbo-spa-marker</div></body></html>');
    writeFileSync(join(spaDir, 'assets', 'app-abc123.js'), 'console.log("spa")');
    t = await createTestApp({ ADMIN_DIST_DIR: spaDir, CORS_ORIGINS: 'https://admin.example.org' });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(spaDir, { recursive: true, force: true });
  });

  it('GET /health/live answers without touching the database', async () => {
    const res = await request(t.server).get('/health/live');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('GET /health/ready checks the database and reports version and uptime', async () => {
    const res = await request(t.server).get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      version: t.config.version,
      uptimeSeconds: expect.any(Number),
      checks: { database: { status: 'up', latencyMs: expect.any(Number) } },
    });
  });

  it('GET /metrics exposes Prometheus text with per-route HTTP timings', async () => {
    await request(t.server).get('/health/live');
    const res = await request(t.server).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toMatch(/rumbo_http_request_duration_seconds_count\{method="GET",route="\/health\/live",status="200"\} \d+/);
    expect(res.text).toContain('rumbo_process_cpu_seconds_total');
  });

  it('serves Swagger UI at /docs and the OpenAPI 3 document at /openapi.json', async () => {
    const docs = await request(t.server).get('/docs');
    expect(docs.status).toBe(200);
    expect(docs.headers['content-type']).toMatch(/text\/html/);
    expect(docs.text).toMatch(/swagger/i);
    const spec = await request(t.server).get('/openapi.json');
    expect(spec.status).toBe(200);
    expect(spec.body.openapi).toMatch(/^3\./);
    expect(spec.body.paths['/health/ready'].get.operationId).toBe('ready');
  });

  it('sets security headers on every response', async () => {
    const res = await request(t.server).get('/health/live');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('allows CORS only for configured origins', async () => {
    const allowed = await request(t.server).get('/health/live').set('Origin', 'https://admin.example.org');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://admin.example.org');
    const other = await request(t.server).get('/health/live').set('Origin', 'https://evil.example.com');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('serves the SPA at / and its assets with long-lived caching', async () => {
    const root = await request(t.server).get('/').set('Accept', 'text/html');
    expect(root.status).toBe(200);
    expect(root.text).toContain('rumbo-spa-marker');
    expect(root.headers['cache-control']).toBe('no-cache');
    const asset = await request(t.server).get('/assets/app-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('falls back to the SPA for deep links but never for API paths or missing files', async () => {
    const deep = await request(t.server).get('/maturity/assessments/123').set('Accept', 'text/html,application/xhtml+xml');
    expect(deep.status).toBe(200);
    expect(deep.text).toContain('rumbo-spa-marker');
    const api = await request(t.server).get('/v1/unknown').set('Accept', 'text/html');
    expect(api.status).toBe(404);
    expect(api.headers['content-type']).toMatch(/problem\+json/);
    const missingAsset = await request(t.server).get('/assets/missing.js').set('Accept', 'text/html');
    expect(missingAsset.status).toBe(404);
    const jsonClient = await request(t.server).get('/some/page').set('Accept', 'application/json');
    expect(jsonClient.status).toBe(404);
  });
});
