import { Body, Controller, Get, HttpCode, Param, Post, Put, Req } from '@nestjs/common';
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
import { PlatformProblem } from '../../../platform/errors/platform.problems';
import { ParseIdPipe } from '../../../platform/errors/validation';
import { BulkBody } from '../../../platform/http/bulk-body';
import { NegotiatedLanguage, type ContentLanguage } from '../../../platform/http/language';
import { ApiBodyExamples, ApiProblems, ApiUuidParam } from '../../../platform/openapi/decorators';
import { PrioritisationProblem } from '../prioritisation.problems';
import { CRITERION_COLUMNS } from './criterion-values-rows';
import { CriterionValuesService } from './criterion-values.service';
import {
  CRITERION_VALUES_EXAMPLE,
  CriterionImportRequestDto,
  CriterionImportResultDto,
  CriterionValuesDto,
  CriterionValuesPutDto,
} from './dto/criterion-values.dto';

const PROBLEM = { schema: { $ref: '#/components/schemas/Problem' } };
const CSV_EXAMPLE = `${CRITERION_COLUMNS.join(',')}\r\nFR-0001,effort,3\r\nFR-0002,effort,0.5\r\nFR-0002,confidence,\r\n`;
const JSON_EXAMPLE: CriterionImportRequestDto = {
  rows: [
    { ref: 'FR-0001', criterion: 'effort', value: 3 },
    { ref: 'FR-0002', criterion: 'confidence', value: null },
  ],
};

@ApiTags('frictions')
@ApiExtraModels(CriterionImportRequestDto)
@Controller('v1/tenants/:tenantId/frictions')
export class CriterionValuesController {
  constructor(private readonly values: CriterionValuesService) {}

  @Post('criteria/import')
  @HttpCode(200)
  @TenantAccess('write')
  @BulkBody()
  @ApiOperation({
    summary: 'Set manual criterion values of many frictions (CSV or JSON)',
    description:
      'CSV with the header `ref,criterion,value` (any order) or `{ rows: [{ ref, criterion, value }] }`. `ref` names a friction of ' +
      'this tenant, `criterion` a manual criterion of one of its scoring models; an empty value (null) removes the stored one. ' +
      'Bad rows are rejected with their number, field, reason code and message (Accept-Language) while the good ones are stored; ' +
      'a repeated friction and criterion keeps the first row. Re-sending the same file changes nothing. One audit event summarises it.',
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: { $ref: getSchemaPath(CriterionImportRequestDto) },
          examples: { rows: { summary: 'Effort of one friction, confidence of another removed', value: JSON_EXAMPLE } },
        },
        'text/csv': { schema: { type: 'string' }, examples: { csv: { summary: 'The same as CSV', value: CSV_EXAMPLE } } },
      },
    },
  })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiHeader({ name: 'Accept-Language', required: false, description: 'Language of the rejection messages: `es` (default) or `en`' })
  @ApiOkResponse({ type: CriterionImportResultDto, description: 'What was created, updated, left unchanged and rejected' })
  @ApiBadRequestResponse({ ...PROBLEM, description: '`malformed-csv`, `invalid-csv-header`, `undecodable-text` or `invalid-bulk-body`' })
  @ApiPayloadTooLargeResponse({ ...PROBLEM, description: '`payload-too-large`, `too-many-rows` beyond 100,000 rows' })
  @ApiUnsupportedMediaTypeResponse({ ...PROBLEM, description: 'Neither application/json nor text/csv, or an unknown charset' })
  importCriterionValues(
    @Param('tenantId', ParseIdPipe) tenantId: string,
    @Req() request: FastifyRequest,
    @NegotiatedLanguage() language: ContentLanguage,
  ): Promise<CriterionImportResultDto> {
    return this.values.importBody(tenantId, request.body, request.headers['content-type'], language);
  }

  @Get(':frictionId/criteria')
  @TenantAccess('read')
  @ApiOperation({ summary: 'A friction’s manual criterion values', description: 'By criterion key.' })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiUuidParam('frictionId', 'The friction')
  @ApiOkResponse({ type: CriterionValuesDto, description: 'The stored values' })
  @ApiProblems(PlatformProblem.NotFound)
  getCriterionValues(
    @Param('tenantId', ParseIdPipe) tenantId: string,
    @Param('frictionId', ParseIdPipe) frictionId: string,
  ): Promise<CriterionValuesDto> {
    return this.values.get(tenantId, frictionId);
  }

  @Put(':frictionId/criteria')
  @TenantAccess('write')
  @ApiOperation({
    summary: 'Set a friction’s manual criterion values',
    description:
      'Each key a manual criterion of one of the tenant’s scoring models; a number sets it, null removes it, keys not named stay. ' +
      'Every problem is reported at once (422 `invalid-criterion-values`, `errors[].path` = `values.<key>`). Audited.',
  })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiUuidParam('frictionId', 'The friction')
  @ApiBodyExamples(CriterionValuesPutDto, {
    effort: { summary: 'Effort and confidence set, impact removed', value: CRITERION_VALUES_EXAMPLE },
  })
  @ApiOkResponse({ type: CriterionValuesDto, description: 'Every stored value after the change' })
  @ApiProblems(PrioritisationProblem.InvalidCriterionValues, PlatformProblem.NotFound)
  putCriterionValues(
    @Param('tenantId', ParseIdPipe) tenantId: string,
    @Param('frictionId', ParseIdPipe) frictionId: string,
    @Body() body: CriterionValuesPutDto,
  ): Promise<CriterionValuesDto> {
    return this.values.put(tenantId, frictionId, body);
  }
}
