import { applyDecorators, type Type } from '@nestjs/common';
import { ApiBody, ApiExtension, ApiParam } from '@nestjs/swagger';

/** Operation extension carrying the codes of @ApiProblems until openapi.ts turns them into responses. */
export const PROBLEMS_EXTENSION = 'x-rumbo-problems';

const DECLARED = Symbol('rumbo:api-problems');

/**
 * The problem codes an operation can answer with, from the module catalogues (enum values). In the
 * contract each status becomes an `application/problem+json` response whose description names its
 * codes and whose examples are those codes' documents (texts from the catalogue registry).
 *
 * List only what is particular to the operation: openapi.ts adds what every operation of a kind
 * answers — 401 `unauthorized` when authenticated, 403 `forbidden` when a role or principal kind is
 * required, 404 `not-found` on tenant routes, 409 `tenant-archived` on tenant writes, 400
 * `validation-error` with a body or parameters (plus `malformed-json`, 413, 415 with a body), 503
 * `retry`/`busy` everywhere but the health probes.
 *
 *     @Post(':tenantId/move')
 *     @TenantAccess('admin')
 *     @ApiProblems(TenancyProblem.ParentNotFound, AuthProblem.Forbidden, PlatformProblem.PreconditionFailed)
 *     moveTenant(...) {}
 *
 * One @ApiProblems per operation (a second one throws); a code no catalogue declares fails the
 * contract generation.
 */
export function ApiProblems(...codes: string[]): MethodDecorator {
  return (target, key, descriptor) => {
    const handler: unknown = descriptor.value;
    if (typeof handler !== 'function') throw new Error(`@ApiProblems on ${String(key)}: not a method`);
    if (Reflect.hasOwnMetadata(DECLARED, handler)) throw new Error(`@ApiProblems twice on ${String(key)}: list every code in one`);
    Reflect.defineMetadata(DECLARED, true, handler);
    return ApiExtension(PROBLEMS_EXTENSION, [...new Set(codes)].sort())(target, key, descriptor);
  };
}

/** A request example: what Swagger UI pre-fills and what integrators copy. */
export interface BodyExample<T> {
  summary: string;
  value: T;
}

/**
 * The request body with named examples, typed against the DTO (an example that no longer matches
 * the DTO does not compile; Spectral checks it against the schema too):
 *
 *     @ApiBodyExamples(TenantMoveDto, { under: { summary: 'Under another parent', value: { parentId: '…' } } })
 */
export function ApiBodyExamples<T>(type: Type<T>, examples: Record<string, BodyExample<T>>): MethodDecorator {
  return applyDecorators(ApiBody({ type, examples }));
}

/**
 * A path id, with what it names. The route parses it with ParseIdPipe (a 400 `validation-error` in the
 * caller's language otherwise) and the contract declares every `…Id` path parameter `format: uuid`.
 */
export function ApiUuidParam(name: string, description: string): MethodDecorator {
  return ApiParam({ name, description, schema: { type: 'string', format: 'uuid' } });
}
