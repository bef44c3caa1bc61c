import { Controller, Get, HttpCode, Module, Param, ParseIntPipe, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { ApiExcludeController } from '@nestjs/swagger';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AUTH_METADATA, TenantAccess, type AuthRequirement } from '../src/platform/auth/auth.decorators';
import { isBoundToUnitOfWork } from '../src/platform/auth/unit-of-work.binding';
import { RequestContext } from '../src/platform/context/request-context';
import { uuidv7 } from '../src/platform/database/uuid';
import { ProblemError } from '../src/platform/errors/problem';
import { Tenant } from '../src/tenancy/tenants/tenant.entity';
import { bearer, Fixtures, login, unique, type TenantFixture } from './helpers/fixtures';
import { createTestApp, type TestApp } from './helpers/test-app';

/** Test-only tenant routes that show what the request's unit of work guarantees to the code inside it. */
@ApiExcludeController()
@Controller('v1/test-uow/tenants/:tenantId')
class UnitOfWorkProbeController {
  @Get('read')
  @TenantAccess('read')
  async read(@Param('tenantId', ParseUUIDPipe) tenantId: string): Promise<{ name: string; setting: string }> {
    const [row]: { name: string; setting: string }[] = await RequestContext.manager().query(
      `SELECT name, current_setting('app.tenant_id', true) AS setting FROM tenants WHERE id = $1`,
      [tenantId],
    );
    return row;
  }

  /** A pipe after the access check: its refusal comes after the unit of work was opened. */
  @Get('count')
  @TenantAccess('read')
  count(@Query('n', ParseIntPipe) n: number): { n: number } {
    return { n };
  }

  @Get('write-in-read')
  @TenantAccess('read')
  async writeInRead(@Param('tenantId', ParseUUIDPipe) tenantId: string): Promise<{ code: string | undefined }> {
    try {
      await RequestContext.manager().query('UPDATE tenants SET name = name WHERE id = $1', [tenantId]);
      return { code: undefined };
    } catch (error) {
      return { code: (error as { driverError?: { code?: string } }).driverError?.code };
    }
  }

  /** A child created with TypeORM's save(), then (with ?fail=true) a refusal after it. */
  @Post('children')
  @HttpCode(201)
  @TenantAccess('admin')
  async child(@Param('tenantId', ParseUUIDPipe) tenantId: string, @Query('fail') fail?: string): Promise<{ id: string }> {
    const manager = RequestContext.manager();
    const id = uuidv7();
    const code = unique('uow');
    await manager.save(manager.create(Tenant, { id, parentId: tenantId, code, kind: 'municipality', name: code, ancestors: [], depth: 0 }));
    if (fail === 'true') throw new ProblemError(409, 'conflict', 'refused after the save');
    return { id };
  }

  /** A nested transaction that fails is a savepoint: the outer unit of work keeps what came before it. */
  @Post('nested')
  @HttpCode(201)
  @TenantAccess('admin')
  async nested(@Param('tenantId', ParseUUIDPipe) tenantId: string): Promise<{ kept: string; undone: string }> {
    const manager = RequestContext.manager();
    const kept = uuidv7();
    const undone = uuidv7();
    const child = (id: string) =>
      manager.create(Tenant, { id, parentId: tenantId, code: unique('uow'), kind: 'municipality', name: id, ancestors: [], depth: 0 });
    await manager.save(child(kept));
    await manager
      .transaction(async (inner) => {
        await inner.save(child(undone));
        throw new Error('inner failure');
      })
      .catch(() => undefined);
    return { kept, undone };
  }
}

@Module({ controllers: [UnitOfWorkProbeController] })
class UnitOfWorkProbeModule {}

describe('the request unit of work (explicit statements on one pooled connection)', () => {
  let t: TestApp;
  let fx: Fixtures;
  let tenant: TenantFixture;
  let adminToken: string;
  let viewerToken: string;
  let statements: string[] | undefined;
  const realQuery = Client.prototype.query;

  beforeAll(async () => {
    fx = await Fixtures.open();
    t = await createTestApp({}, [UnitOfWorkProbeModule]);
    tenant = await fx.tenant({ kind: 'region' });
    const admin = await fx.user({ memberships: [{ tenantId: tenant.id, role: 'admin' }] });
    const viewer = await fx.user({ memberships: [{ tenantId: tenant.id, role: 'viewer' }] });
    adminToken = (await login(t, admin)).accessToken;
    viewerToken = (await login(t, viewer)).accessToken;
    // Every statement any pg client of this process sends, while `statements` is set.
    Client.prototype.query = function (this: Client, ...args: unknown[]) {
      const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string })?.text;
      if (statements && text) statements.push(text.replace(/\s+/g, ' ').trim());
      return (realQuery as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof Client.prototype.query;
  });
  afterAll(async () => {
    Client.prototype.query = realQuery;
    await t?.close();
    await fx?.close();
  });

  async function recording<T>(run: () => Promise<T>): Promise<{ result: T; sent: string[] }> {
    statements = [];
    try {
      const result = await run();
      // A read's COMMIT may still be on its way when the answer arrives.
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { result, sent: statements };
    } finally {
      statements = undefined;
    }
  }

  it('every authenticated route runs in a unit of work, and no public route pays for one', () => {
    const discovery = t.app.get(DiscoveryService);
    const scanner = t.app.get(MetadataScanner);
    const unbound: string[] = [];
    const publicBound: string[] = [];
    for (const wrapper of discovery.getControllers()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | undefined;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name] as object;
        if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        const auth = (Reflect.getMetadata(AUTH_METADATA, handler) ?? Reflect.getMetadata(AUTH_METADATA, controller)) as AuthRequirement;
        const bound = isBoundToUnitOfWork(handler);
        if (auth?.kind !== 'public' && !bound) unbound.push(`${controller.name}.${name}`);
        if (auth?.kind === 'public' && bound) publicBound.push(`${controller.name}.${name}`);
      }
    }
    expect(unbound).toEqual([]);
    expect(publicBound).toEqual([]);
  });

  it('a one-query read is three round trips: BEGIN with the access check, the query, COMMIT', async () => {
    const { result, sent } = await recording(() =>
      request(t.server).get(`/v1/test-uow/tenants/${tenant.id}/read`).set('Authorization', bearer(viewerToken)),
    );
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ name: tenant.name, setting: tenant.id });
    expect(sent).toHaveLength(3);
    expect(sent[0]).toMatch(/^BEGIN; SELECT .* FROM rumbo_open_request\('[0-9a-f-]{36}', false, NULL, NULL, '[0-9a-f-]{36}'\)/);
    expect(sent[1]).toMatch(/^SELECT name, current_setting/);
    expect(sent[2]).toBe('COMMIT');
  });

  it('a read cannot write (the transaction is READ ONLY from its first statement)', async () => {
    const res = await request(t.server).get(`/v1/test-uow/tenants/${tenant.id}/write-in-read`).set('Authorization', bearer(adminToken));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ code: '25006' });
  });

  it('refusals roll back and the connection returns clean to the pool', async () => {
    const other = await fx.tenant({ kind: 'region' });
    const { result, sent } = await recording(() =>
      request(t.server).get(`/v1/test-uow/tenants/${other.id}/read`).set('Authorization', bearer(viewerToken)),
    );
    expect(result.status).toBe(404);
    expect(sent).toEqual([expect.stringMatching(/^BEGIN; SELECT/), 'ROLLBACK']);
    const pool = t.app.get(DataSource);
    const [setting]: { t: string | null; u: string | null }[] = await pool.query(
      `SELECT current_setting('app.tenant_id', true) AS t, current_setting('app.user_id', true) AS u`,
    );
    // Transaction-local settings read '' on a connection that had them, NULL on one that never did.
    expect(['', null]).toContain(setting.t);
    expect(['', null]).toContain(setting.u);
  });

  it('a pipe that refuses the request after the access check rolls back the unit of work before the 400', async () => {
    const { result, sent } = await recording(() =>
      request(t.server).get(`/v1/test-uow/tenants/${tenant.id}/count?n=many`).set('Authorization', bearer(viewerToken)),
    );
    expect(result.status).toBe(400);
    expect(sent).toEqual([expect.stringMatching(/^BEGIN; SELECT/), 'ROLLBACK']);
    const ok = await request(t.server).get(`/v1/test-uow/tenants/${tenant.id}/count?n=3`).set('Authorization', bearer(viewerToken));
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ n: 3 });
  });

  it("TypeORM's save() joins the unit of work: committed with the answer, undone by a refusal after it", async () => {
    const { result: saved, sent } = await recording(() =>
      request(t.server).post(`/v1/test-uow/tenants/${tenant.id}/children`).set('Authorization', bearer(adminToken)),
    );
    expect(saved.status).toBe(201);
    // One transaction: TypeORM opened none of its own (no START TRANSACTION, a single COMMIT at the end).
    expect(sent.filter((s) => /^(START TRANSACTION|BEGIN|COMMIT)/.test(s))).toEqual([expect.stringMatching(/^BEGIN; SELECT/), 'COMMIT']);
    expect(sent[sent.length - 1]).toBe('COMMIT');
    expect(await fx.query('SELECT 1 FROM tenants WHERE id = $1', [saved.body.id])).toHaveLength(1);

    const before = await fx.query<{ n: number }>('SELECT count(*)::int AS n FROM tenants WHERE parent_id = $1', [tenant.id]);
    const refused = await request(t.server)
      .post(`/v1/test-uow/tenants/${tenant.id}/children?fail=true`)
      .set('Authorization', bearer(adminToken));
    expect(refused.status).toBe(409);
    expect(await fx.query('SELECT count(*)::int AS n FROM tenants WHERE parent_id = $1', [tenant.id])).toEqual(before);
  });

  it('a nested transaction is a savepoint inside the unit of work', async () => {
    const res = await request(t.server).post(`/v1/test-uow/tenants/${tenant.id}/nested`).set('Authorization', bearer(adminToken));
    expect(res.status).toBe(201);
    expect(await fx.query('SELECT 1 FROM tenants WHERE id = $1', [res.body.kept])).toHaveLength(1);
    expect(await fx.query('SELECT 1 FROM tenants WHERE id = $1', [res.body.undone])).toHaveLength(0);
  });
});
