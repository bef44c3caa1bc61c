import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { AUTH_METADATA } from '../src/platform/auth/auth.decorators';
import { createTestApp, type TestApp } from './helpers/test-app';

/**
 * Every route of the application declares who may call it. The global guard already refuses an
 * undeclared route at run time; this test catches it before it ships.
 */
describe('every route declares its auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('has auth metadata on each handler or its controller', () => {
    const discovery = t.app.get(DiscoveryService);
    const scanner = t.app.get(MetadataScanner);
    const routes: string[] = [];
    const undeclared: string[] = [];
    for (const wrapper of discovery.getControllers()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | undefined;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name] as object;
        if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        const route = `${controller.name}.${name} (${String(Reflect.getMetadata(PATH_METADATA, controller))}/${String(Reflect.getMetadata(PATH_METADATA, handler))})`;
        routes.push(route);
        if (!Reflect.getMetadata(AUTH_METADATA, handler) && !Reflect.getMetadata(AUTH_METADATA, controller)) undeclared.push(route);
      }
    }
    expect(routes.length).toBeGreaterThanOrEqual(3);
    expect(undeclared).toEqual([]);
  });
});
