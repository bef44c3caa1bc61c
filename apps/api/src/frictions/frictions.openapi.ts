import { ApiParam } from '@nestjs/swagger';

/** A path id, with what it names (parsed by ParseIdPipe; the contract declares it `format: uuid`). */
export function ApiUuidParam(name: string, description: string): MethodDecorator {
  return ApiParam({ name, description, schema: { type: 'string', format: 'uuid' } });
}

export const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The ETag of a previous read; the change is refused with 412 if the resource changed since',
};

export const ETAG = { ETag: { description: 'W/"<version>": send it back as If-Match to change it safely', schema: { type: 'string' } } };
