import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TenantAccess } from '../../platform/auth/auth.decorators';
import { BulkProblem } from '../../platform/bulk/bulk.problems';
import { ParseIdPipe } from '../../platform/errors/validation';
import { BulkBody } from '../../platform/http/bulk-body';
import { ApiAcceptLanguage, NegotiatedLanguage, type ContentLanguage } from '../../platform/http/language';
import { ApiProblems, ApiUuidParam } from '../../platform/openapi/decorators';
import { exportCsv, FrictionExportService } from './friction-export.service';
import { FrictionExportQueryDto, FrictionImportRequestDto, FrictionImportResultDto } from './friction-import.dto';
import { FRICTION_COLUMNS } from './friction-import-rows';
import { FrictionImportService } from './friction-import.service';

const CSV_EXAMPLE =
  `${FRICTION_COLUMNS.join(',')}\r\n` +
  `FR-2026-001,Certificado solo en papel,,citizen-response,Padrón,in-person,identified,,papel,,,1200,1,120,42,5,,,,,,,,,,\r\n`;
const JSON_EXAMPLE = {
  rows: [
    {
      ref: 'FR-2026-001',
      title: 'Certificado solo en papel',
      area: 'citizen-response',
      tags: ['papel'],
      citizensPopulation: 1200,
      citizensFrequencyPerYear: 1,
      citizensMinutesPerOccurrence: 120,
      citizensTariffPerHour: 42,
      citizensOutOfPocketPerOccurrence: 5,
    },
  ],
};

@ApiTags('frictions')
@ApiExtraModels(FrictionImportRequestDto)
@Controller('v1/tenants/:tenantId/frictions')
export class FrictionImportController {
  constructor(
    private readonly imports: FrictionImportService,
    private readonly exports: FrictionExportService,
  ) {}

  /** The body is read by hand (a CSV string or JSON rows) so bad rows are reported, not fatal. */
  @Post('import')
  @HttpCode(200)
  @TenantAccess('write')
  @BulkBody()
  @ApiOperation({
    summary: 'Import frictions (CSV or JSON)',
    description: `Creates or updates many frictions at once, idempotent on \`ref\` (required): a new ref is created, an existing one updated when a field, line, status or root cause differs (a status change must be a move the lifecycle allows), else left unchanged. CSV (RFC 4180, UTF-8) with the header \`${FRICTION_COLUMNS.join(',')}\` (any order); tags, evidence URLs and root causes (\`modelKey:areaKey/dimensionKey\`) separated by \`;\`; an audience's five cells empty = no line for it; an empty tariff = the tenant's default. JSON: \`{ rows: [...] }\` with the same keys. Bad rows are rejected with their number, field, code and message (Accept-Language) while the good ones are stored, in one transaction; re-sending the same file, or the export, changes nothing. Up to 50,000 rows. One audit event summarises it.`,
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: { $ref: getSchemaPath(FrictionImportRequestDto) },
          examples: { one: { summary: 'One friction, one citizens line', value: JSON_EXAMPLE } },
        },
        'text/csv': {
          schema: { type: 'string' },
          examples: { one: { summary: 'The same row as CSV (header first)', value: CSV_EXAMPLE } },
        },
      },
    },
  })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiAcceptLanguage()
  @ApiOkResponse({ type: FrictionImportResultDto, description: 'What was created, updated, left unchanged and rejected' })
  @ApiProblems(BulkProblem.MalformedCsv, BulkProblem.InvalidCsvHeader, BulkProblem.InvalidBulkBody, BulkProblem.TooManyRows)
  importFrictions(
    @Param('tenantId', ParseIdPipe) tenantId: string,
    @Req() request: FastifyRequest,
    @NegotiatedLanguage() language: ContentLanguage,
  ): Promise<FrictionImportResultDto> {
    return this.imports.importBody(tenantId, request.body, request.headers['content-type'], language);
  }

  @Get('export')
  @TenantAccess('read')
  @ApiOperation({
    summary: 'Export every friction (CSV or JSON)',
    description:
      'In the import’s columns, so the file re-imports unchanged: owner by email, root causes by model key, each audience’s line inputs as given. JSON keeps evidence labels. Frictions without a ref are exported with an empty one (the import cannot match them).',
  })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiProduces('text/csv', 'application/json')
  @ApiOkResponse({
    description: 'The file',
    content: {
      'text/csv': { schema: { type: 'string' }, example: CSV_EXAMPLE },
      'application/json': { schema: { $ref: getSchemaPath(FrictionImportRequestDto) } },
    },
  })
  @ApiProblems()
  async exportFrictions(
    @Param('tenantId', ParseIdPipe) tenantId: string,
    @Query() query: FrictionExportQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | { rows: object[] }> {
    const rows = await this.exports.rows(tenantId);
    if (query.format === 'json') {
      void reply.header('Content-Disposition', 'attachment; filename="frictions.json"');
      return { rows };
    }
    void reply.type('text/csv; charset=utf-8').header('Content-Disposition', 'attachment; filename="frictions.csv"');
    return exportCsv(rows);
  }
}
