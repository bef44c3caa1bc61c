import { Controller, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { TenantAccess } from '../../../platform/auth/auth.decorators';
import { BulkBody } from '../../../platform/http/bulk-body';
import { NegotiatedLanguage, type ContentLanguage } from '../../../platform/http/language';
import { TenantImportRequestDto, TenantImportResultDto } from './dto/tenant-import.dto';
import { IMPORT_COLUMNS } from './tenant-import-rows';
import { TenantImportService } from './tenant-import.service';

const PROBLEM = { schema: { $ref: '#/components/schemas/Problem' } };
const CSV_EXAMPLE = `${IMPORT_COLUMNS.join(',')}\r\nES-MD,,region,Comunidad de Madrid,6750336\r\n28079,ES-MD,municipality,Madrid,3332035\r\n`;
const JSON_EXAMPLE: TenantImportRequestDto = {
  rows: [
    { code: 'ES-MD', parentCode: null, kind: 'region', name: 'Comunidad de Madrid', population: 6_750_336 },
    { code: '28079', parentCode: 'ES-MD', kind: 'municipality', name: 'Madrid', population: 3_332_035 },
  ],
};

@ApiTags('tenants')
@ApiExtraModels(TenantImportRequestDto)
@Controller('v1/tenants')
export class TenantImportController {
  constructor(private readonly imports: TenantImportService) {}

  /** The body is read by hand (a CSV string or JSON rows) so bad rows are reported, not fatal. */
  @Post(':tenantId/import')
  @HttpCode(200)
  @TenantAccess('admin')
  @BulkBody()
  @ApiOperation({
    summary: 'Import a tenant hierarchy below this tenant (CSV or JSON)',
    description:
      'Creates or updates many tenants at once, idempotent on `code`: an existing code in this tenant’s subtree is ' +
      'updated (kind, name, population, parent: a new parent moves it with its subtree) or left unchanged, a new one is ' +
      'created. Rows may come in any order; `parentCode` names a row of the same import or a tenant of this subtree, ' +
      'empty for this tenant. Bad rows are rejected with their number, field, reason code and message (in the ' +
      'Accept-Language language) while the good ones are applied, all in one transaction; re-sending the same file ' +
      'changes nothing. CSV (RFC 4180, UTF-8, optional BOM) needs the header `code,parentCode,kind,name,population` ' +
      '(any order; an unknown, missing or repeated column is a 400). Up to 100,000 rows and BULK_BODY_LIMIT bytes ' +
      '(64 MiB by default). One audit event summarises the import.',
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: { $ref: getSchemaPath(TenantImportRequestDto) },
          examples: { region: { summary: 'A region and one of its municipalities', value: JSON_EXAMPLE } },
        },
        'text/csv': {
          schema: { type: 'string' },
          examples: { region: { summary: 'The same rows as CSV (header first)', value: CSV_EXAMPLE } },
        },
      },
    },
  })
  @ApiHeader({
    name: 'Accept-Language',
    required: false,
    description: 'Language of the rejection messages: `es` (default) or `en`; the answer says which in Content-Language.',
  })
  @ApiOkResponse({ type: TenantImportResultDto, description: 'What was created, updated, left unchanged and rejected' })
  @ApiBadRequestResponse({
    ...PROBLEM,
    description:
      '`malformed-csv`, `invalid-csv-header`, `undecodable-text` (not valid in its charset) or `invalid-bulk-body` (no rows array)',
  })
  @ApiPayloadTooLargeResponse({
    ...PROBLEM,
    description: '`payload-too-large` beyond BULK_BODY_LIMIT, `too-many-rows` beyond 100,000 rows',
  })
  @ApiUnsupportedMediaTypeResponse({ ...PROBLEM, description: 'Neither application/json nor text/csv, or an unknown charset' })
  importTenants(
    @Param('tenantId', ParseUUIDPipe) tenantId: string,
    @Req() request: FastifyRequest,
    @NegotiatedLanguage() language: ContentLanguage,
  ): Promise<TenantImportResultDto> {
    return this.imports.importBody(tenantId, request.body, request.headers['content-type'], language);
  }
}
