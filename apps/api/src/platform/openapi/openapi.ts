import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'RFC 9457 problem details. Every error response of the API has this shape.',
  required: ['type', 'title', 'status', 'detail', 'instance', 'requestId'],
  properties: {
    type: { type: 'string', description: 'URN naming the kind of problem', example: 'urn:rumbo:problem:validation-error' },
    title: { type: 'string', example: 'Bad Request' },
    status: { type: 'integer', example: 400 },
    detail: { type: 'string' },
    instance: { type: 'string', description: 'The request path' },
    requestId: { type: 'string', description: 'Also sent as the X-Request-Id header; quote it when reporting' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'code', 'message'],
        properties: {
          path: { type: 'string', example: 'rows[17]' },
          code: { type: 'string', example: 'isUuid' },
          message: { type: 'string' },
        },
      },
    },
  },
};

/** Every tag an operation may carry, with the description shown in Swagger UI. */
const TAG_DESCRIPTIONS: Record<string, string> = {
  health: 'Liveness and readiness probes for orchestrators and the admin status screen.',
  auth: 'Staff sign-in, token refresh and sign-out.',
  tenants: 'Administrations as a hierarchy: create, move, archive, import.',
  users: 'Staff accounts, memberships, roles and invitations.',
  'api-keys': 'Integrator API keys with scopes.',
  audit: 'The append-only, hash-chained audit trail and its verification.',
  maturity: 'Maturity models, assessments, scores and benchmarks.',
  frictions: 'Frictions, cost model and prioritisation.',
  'use-cases': 'Use cases, dependencies, roadmap and portfolio.',
  kpis: 'KPIs, targets, measurements, status and return.',
};

/**
 * Builds the OpenAPI document from the application's metadata. Needs no listening server and no
 * database: the contract generator runs it on an app created in preview mode.
 */
export function buildOpenApiDocument(app: INestApplication, version: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Rumbo API')
    .setDescription(
      'Rumbo helps public administrations run their digital transformation with a measurable method: ' +
        'assess maturity, find and cost frictions, chain the use cases that remove them, measure the return with KPIs. ' +
        'Errors are RFC 9457 problem documents (application/problem+json) carrying a requestId.',
    )
    .setVersion(version)
    .setLicense('EUPL-1.2', 'https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Staff access token from POST /v1/auth/login' },
      'bearer',
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controllerKey: string, methodKey: string) => methodKey,
  });
  return sortDeep(addTags(addProblemResponses(document)));
}

/** Declares the tags operations use (Spectral: operation-tag-defined); an undocumented tag is a bug. */
function addTags(document: OpenAPIObject): OpenAPIObject {
  const used = new Set<string>();
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) item[method]?.tags?.forEach((t) => used.add(t));
  }
  document.tags = [...used].sort().map((name) => {
    const description = TAG_DESCRIPTIONS[name];
    if (!description) throw new Error(`OpenAPI tag "${name}" has no description in TAG_DESCRIPTIONS`);
    return { name, description };
  });
  return document;
}

/** Every operation documents the problem document as its default (error) response. */
function addProblemResponses(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas.Problem = PROBLEM_SCHEMA as never;
  const problem = { description: 'Problem', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (operation) operation.responses = { ...operation.responses, default: problem };
    }
  }
  return document;
}

/** Sorts object keys recursively (arrays keep their order) so the committed contract is deterministic. */
export function sortDeep<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => sortDeep(v)) as T;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortDeep(v)])) as T;
  }
  return value;
}
