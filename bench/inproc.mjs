#!/usr/bin/env node
// The API's own CPU time per request, in one process and without sockets: `node bench/inproc.mjs`
// builds the real app (createApp from apps/api/dist, or from `--dist <dir>` to compare another
// build) on its own embedded PostgreSQL, then sends `GET /health/live` and a viewer's
// `GET /v1/tenants/{id}` through app.inject() (light-my-request: Fastify's whole request path,
// hooks, Nest, guard, unit of work, TypeORM, pg, with no HTTP parser and no socket write) in rounds of
// INPROC_REQUESTS requests, 10 in flight, and prints the median and the lowest round's CPU µs per
// request of this process (process.cpuUsage: every thread, GC included). PostgreSQL's own time is
// not in it. Nothing else shares the process and no load generator competes for the CPUs, so the
// figure moves far less with the machine's load than the HTTP scenarios' do: use it to compare two
// builds (run both within minutes, and compare the lowest rounds), not as the product's speed.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const rootDir = dirname(dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const distAt = args.indexOf('--dist');
const dist = resolve(distAt >= 0 ? args[distAt + 1] : join(rootDir, 'apps/api/dist'));
const requests = Number(process.env.INPROC_REQUESTS ?? 3000);
const rounds = Number(process.env.INPROC_ROUNDS ?? 7);
const inFlight = 10;

const require = createRequire(join(dist, 'main.js'));
require('reflect-metadata');
const pino = require('pino');
const { createApp } = require(join(dist, 'app.factory.js'));
const { loadConfig } = require(join(dist, 'platform/config/app-config.js'));
const { prepareDatabase } = require(join(dist, 'platform/database/database-bootstrap.js'));
const { schema } = require(join(dist, 'schema.js'));
const { firstRun } = require(join(dist, 'tenancy/bootstrap/first-run.js'));
const { DataSource } = require('typeorm');

const dataDir = await mkdtemp(join(tmpdir(), 'rumbo-inproc-'));
const admin = { email: 'inproc-admin@rumbo.bench', password: 'inproc-admin-password-2026' };
const config = loadConfig({
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  RUMBO_DATA_DIR: dataDir,
  RUMBO_ADMIN_EMAIL: admin.email,
  RUMBO_ADMIN_PASSWORD: admin.password,
  RUMBO_DEMO_DATA: 'false',
  DATABASE_APP_PASSWORD: randomBytes(18).toString('base64url'),
  JWT_SECRET: randomBytes(32).toString('base64url'),
  ADMIN_DIST_DIR: '/nonexistent',
});
const logger = pino({ level: 'warn' });
const database = await prepareDatabase(config, schema, logger);
let app;
try {
  app = await createApp({ config, logger, appUrl: database.appUrl });
  await app.getHttpAdapter().getInstance().ready();
  await firstRun(app.get(DataSource), config, logger);

  const call = async (method, url, { token, body } = {}) => {
    const res = await app.inject({
      method,
      url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      payload: body ? JSON.stringify(body) : undefined,
    });
    if (res.statusCode >= 300) throw new Error(`${method} ${url} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
    return res.body ? JSON.parse(res.body) : undefined;
  };
  // The tenant-read scenario's caller: a viewer of a region reading one of its provinces.
  const { accessToken: adminToken } = await call('POST', '/v1/auth/login', { body: admin });
  const region = await call('POST', '/v1/tenants', { token: adminToken, body: { code: 'IP-R', kind: 'region', name: 'Inproc region' } });
  const province = await call('POST', `/v1/tenants/${region.id}/children`, {
    token: adminToken,
    body: { code: 'IP-P', kind: 'province', name: 'Inproc province' },
  });
  const invitation = await call('POST', `/v1/tenants/${region.id}/invitations`, {
    token: adminToken,
    body: { email: 'inproc-viewer@rumbo.bench', role: 'viewer' },
  });
  const { accessToken } = await call('POST', '/v1/invitations/accept', {
    body: { token: invitation.token, name: 'Inproc viewer', password: 'inproc-viewer-password-2026' },
  });

  const cases = [
    { name: 'health-live', request: { method: 'GET', url: '/health/live' } },
    {
      name: 'tenant-read',
      request: { method: 'GET', url: `/v1/tenants/${province.id}`, headers: { authorization: `Bearer ${accessToken}` } },
    },
  ];
  const onlyNames = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--dist');
  for (const c of cases.filter((c) => onlyNames.length === 0 || onlyNames.includes(c.name))) {
    const perRequest = [];
    for (let round = -1; round < rounds; round++) {
      const started = process.cpuUsage();
      let sent = 0;
      const worker = async () => {
        while (sent < requests) {
          sent += 1;
          const res = await app.inject(c.request);
          if (res.statusCode !== 200) throw new Error(`${c.name} answered ${res.statusCode}: ${res.body.slice(0, 200)}`);
        }
      };
      await Promise.all(Array.from({ length: inFlight }, worker));
      const used = process.cpuUsage(started);
      if (round >= 0) perRequest.push((used.user + used.system) / requests); // round -1 warms up
    }
    const sorted = [...perRequest].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    process.stdout.write(
      `${c.name}: CPU ${median.toFixed(1)} µs/request (median of ${rounds} rounds of ${requests}; lowest ${sorted[0].toFixed(1)}) — ${dist}\n`,
    );
  }
} finally {
  await app?.close();
  await database.close();
  await rm(dataDir, { recursive: true, force: true });
}
