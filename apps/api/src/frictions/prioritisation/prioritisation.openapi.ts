import { ApiParam } from '@nestjs/swagger';

/** A path id, with what it names (parsed by ParseIdPipe; the contract declares it `format: uuid`). */
export function ApiIdParam(name: string, description: string): MethodDecorator {
  return ApiParam({ name, description, schema: { type: 'string', format: 'uuid' } });
}
