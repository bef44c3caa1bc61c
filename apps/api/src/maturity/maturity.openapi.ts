import { ApiParam } from '@nestjs/swagger';

/**
 * A path id, with what it names. The route parses it with ParseIdPipe (a 400 `validation-error` in the
 * caller's language otherwise) and the contract declares every `…Id` path parameter `format: uuid`.
 */
export function ApiUuidParam(name: string, description: string): MethodDecorator {
  return ApiParam({ name, description, schema: { type: 'string', format: 'uuid' } });
}
