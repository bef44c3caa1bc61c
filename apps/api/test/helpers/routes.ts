import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { uuidv7 } from '../../src/platform/database/uuid';
import { AUTH_METADATA, type AuthRequirement } from '../../src/platform/auth/auth.decorators';

/** One HTTP route of the application, as Nest's metadata declares it. */
export interface RouteInfo {
  /** `GET`, `POST`, … or the RequestMethod name when it is not a plain HTTP verb (`ALL`, `OPTIONS`…). */
  method: string;
  /** `/v1/tenants/:tenantId/api-keys/:keyId` */
  path: string;
  /** Path parameter names, in order. */
  params: string[];
  auth: AuthRequirement | undefined;
  /** `Controller.handler`, for messages. */
  name: string;
}

const CALLABLE = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

function joinPath(...parts: unknown[]): string {
  const segments = parts
    .flatMap((p) => (Array.isArray(p) ? p : [p]))
    .filter((p): p is string => typeof p === 'string')
    .flatMap((p) => p.split('/'))
    .filter(Boolean);
  return `/${segments.join('/')}`;
}

/** Every route of the application, discovered from the controllers (not a hand-written list). */
export function discoverRoutes(app: NestFastifyApplication): RouteInfo[] {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const routes: RouteInfo[] = [];
  for (const wrapper of discovery.getControllers()) {
    const controller = wrapper.metatype as (new (...args: never[]) => object) | undefined;
    if (!controller) continue;
    const prototype = controller.prototype as Record<string, unknown>;
    const controllerPaths = ([] as unknown[]).concat(Reflect.getMetadata(PATH_METADATA, controller) ?? '/');
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name] as object;
      const verb = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (verb === undefined) continue;
      const auth = (Reflect.getMetadata(AUTH_METADATA, handler) ?? Reflect.getMetadata(AUTH_METADATA, controller)) as
        AuthRequirement | undefined;
      const handlerPaths = ([] as unknown[]).concat(Reflect.getMetadata(PATH_METADATA, handler) ?? '/');
      for (const base of controllerPaths) {
        for (const sub of handlerPaths) {
          const path = joinPath(base, sub);
          routes.push({
            method: RequestMethod[verb],
            path,
            params: [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]),
            auth,
            name: `${controller.name}.${name}`,
          });
        }
      }
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

/** Whether supertest can call the route with a plain verb. */
export function isCallable(route: RouteInfo): boolean {
  return CALLABLE.has(route.method);
}

export function isWrite(route: RouteInfo): boolean {
  return route.method !== 'GET' && route.method !== 'HEAD';
}

/** Routes scoped to a tenant by their path. */
export function tenantRoutes(routes: RouteInfo[]): RouteInfo[] {
  return routes.filter((r) => r.params.includes('tenantId'));
}

/** Path parameters the routes use (besides `tenantId`) that `values` has no real id for, sorted. */
export function paramsWithoutValues(routes: RouteInfo[], values: Record<string, string>): string[] {
  const params = new Set(routes.flatMap((r) => r.params).filter((p) => p !== 'tenantId' && !(p in values)));
  return [...params].sort();
}

/** Fills the path's parameters: known ones from `values`, unknown ones with fresh UUID v7s. */
export function fillPath(route: RouteInfo, values: Record<string, string>): string {
  return route.path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => encodeURIComponent(values[name] ?? uuidv7()));
}

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  example?: unknown;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  minimum?: number;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
};

interface OpenApiDocument {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
  components?: { schemas?: Record<string, Schema> };
}

/**
 * A plausible JSON body for the route, generated from its OpenAPI request schema: required fields
 * and fields with an example, each from its example, first enum value or a value of its format.
 * Undefined when the operation takes no JSON body.
 */
export function sampleBody(document: OpenApiDocument, route: RouteInfo): unknown {
  const openApiPath = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
  const operation = document.paths[openApiPath]?.[route.method.toLowerCase()];
  const schema = operation?.requestBody?.content?.['application/json']?.schema;
  return schema ? sample(document, schema, 0) : undefined;
}

function sample(document: OpenApiDocument, schema: Schema, depth: number): unknown {
  if (depth > 8) return undefined;
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = document.components?.schemas?.[name];
    if (!target) throw new Error(`unresolved OpenAPI reference ${schema.$ref}`);
    return sample(document, target, depth + 1);
  }
  const variant = schema.allOf?.[0] ?? schema.oneOf?.[0] ?? schema.anyOf?.[0];
  if (variant) return sample(document, variant, depth + 1);
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.enum[0];
  switch (schema.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(schema.properties ?? {})) {
        if (schema.required?.includes(key) || prop.example !== undefined) out[key] = sample(document, prop, depth + 1);
      }
      return out;
    }
    case 'array':
      return schema.items ? [sample(document, schema.items, depth + 1)] : [];
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    case 'string':
      switch (schema.format) {
        case 'uuid':
          return uuidv7();
        case 'date-time':
          return new Date(Date.now() + 86_400_000).toISOString();
        case 'date':
          return new Date().toISOString().slice(0, 10);
        case 'email':
          return `sample-${uuidv7()}@test.example`;
        case 'password':
          return 'a sample password of some length';
        default:
          return 'sample';
      }
    default:
      return undefined;
  }
}
