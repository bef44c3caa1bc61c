import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { AuthRequirement } from '../auth/auth.decorators';
import { ACCESS_EXTENSION, addProblemResponses, extensionOf, HTTP_METHODS, type Operation } from './problem-responses';

const PROBLEM_SCHEMA = {
  type: 'object',
  description:
    'RFC 9457 problem details. Every error response of the API has this shape; title, detail and errors[].message ' +
    'follow Accept-Language (es by default, en), type never does.',
  required: ['type', 'title', 'status', 'detail', 'instance', 'requestId'],
  properties: {
    type: {
      type: 'string',
      description: '`urn:rumbo:problem:<code>`, stable across releases',
      example: 'urn:rumbo:problem:validation-error',
    },
    title: { type: 'string', description: 'The HTTP status in words', example: 'Bad Request' },
    status: { type: 'integer', example: 400 },
    detail: { type: 'string', description: 'What went wrong and, where it helps, what to do' },
    instance: { type: 'string', description: 'The request path' },
    requestId: { type: 'string', description: 'Also sent as the X-Request-Id header; quote it when reporting' },
    errors: {
      type: 'array',
      description: 'One entry per invalid field or rejected row',
      items: {
        type: 'object',
        required: ['path', 'code', 'message'],
        // Bulk rows add their own identifier (row, tenantCode, questionKey…) beside these.
        additionalProperties: true,
        properties: {
          path: { type: 'string', description: 'A dotted field path or a row (`rows[17]`)', example: 'name' },
          code: { type: 'string', description: 'The rule that failed, stable across releases', example: 'maxLength' },
          message: {
            type: 'string',
            description: 'The reason, in the negotiated language',
            example: 'Must be at most 200 characters long.',
          },
        },
      },
    },
  },
};

/** Both credentials travel as `Authorization: Bearer …`; the format tells them apart. */
const SECURITY_SCHEMES = {
  bearer: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'A staff access token from POST /v1/auth/login (or /v1/auth/refresh), valid for minutes: `Authorization: Bearer <JWT>`.',
  },
  apiKey: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'rmb_<id>_<secret>',
    description:
      'An integrator API key, issued by a tenant admin (POST /v1/tenants/{tenantId}/api-keys) and shown once: ' +
      '`Authorization: Bearer rmb_<id>_<secret>`, where `<id>` is the key id as 32 lower-case hex digits (the UUID without dashes) ' +
      'and `<secret>` at least 20 characters of base64url. It acts on its tenant and the tenants below it, within its scopes ' +
      '(read, write, admin, kpis:write), until it expires or is revoked. Operations for signed-in staff only do not accept it.',
  },
} as const;

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
        'Errors are RFC 9457 problem documents (application/problem+json) carrying a requestId; `type` is ' +
        '`urn:rumbo:problem:<code>` and each operation lists the codes it can answer. `title`, `detail` and ' +
        '`errors[].message` follow Accept-Language (`es`, the default, or `en`; the answer says which in Content-Language); ' +
        'the code never changes with the language. Authentication: a staff access token (JWT) or an integrator API key, ' +
        'both as `Authorization: Bearer …`; each operation says which it accepts.',
    )
    .setVersion(version)
    .setLicense('EUPL-1.2', 'https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12')
    .addBearerAuth(SECURITY_SCHEMES.bearer, 'bearer')
    .addBearerAuth(SECURITY_SCHEMES.apiKey, 'apiKey')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controllerKey: string, methodKey: string) => methodKey,
  });
  return sortDeep(addTags(addProblemResponses(declareAccess(document), PROBLEM_SCHEMA)));
}

/**
 * Security and path ids from each operation's auth requirement (`x-rumbo-access`, set by the auth
 * decorators): staff-only routes take the JWT, every other authenticated route a JWT or an API key;
 * public routes nothing. Path parameters named `…Id` are UUIDs (ParseIdPipe checks them).
 */
function declareAccess(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation: Operation | undefined = item[method];
      if (!operation) continue;
      const access = extensionOf<AuthRequirement>(operation, ACCESS_EXTENSION);
      if (!access || access.kind === 'public') delete operation.security;
      else operation.security = access.kind === 'user' || access.kind === 'platform' ? [{ bearer: [] }] : [{ bearer: [] }, { apiKey: [] }];
      for (const parameter of operation.parameters ?? []) {
        if ('in' in parameter && parameter.in === 'path' && /Id$/.test(parameter.name)) {
          parameter.schema = { type: 'string', format: 'uuid' };
        }
      }
    }
  }
  return document;
}

/** Declares the tags operations use (Spectral: operation-tag-defined); an undocumented tag is a bug. */
function addTags(document: OpenAPIObject): OpenAPIObject {
  const used = new Set<string>();
  for (const item of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) item[method]?.tags?.forEach((t) => used.add(t));
  }
  document.tags = [...used].sort().map((name) => {
    const description = TAG_DESCRIPTIONS[name];
    if (!description) throw new Error(`OpenAPI tag "${name}" has no description in TAG_DESCRIPTIONS`);
    return { name, description };
  });
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
