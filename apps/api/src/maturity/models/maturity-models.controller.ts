import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, PlatformAdmin, TenantAccess } from '../../platform/auth/auth.decorators';
import { PlatformProblem } from '../../platform/errors/platform.problems';
import { ParseIdPipe } from '../../platform/errors/validation';
import { ApiProblems, ApiUuidParam } from '../../platform/openapi/decorators';
import { MaturityProblem } from '../maturity.problems';
import { MaturityModelListDto, MODEL_IMPORT_EXAMPLE, ModelDefinitionDto, ModelImportQueryDto, ModelVersionDto } from './dto/model.dto';
import { MaturityModelsService } from './maturity-models.service';

const IMPORT_BODY = ApiBody({
  type: ModelDefinitionDto,
  description:
    'A model document: the same shape a version is exported in. Unknown fields are refused at any depth, like in every other body.',
  examples: { small: { summary: 'A small model with one question of each type', value: MODEL_IMPORT_EXAMPLE } },
});
const IMPORT_DESCRIPTION =
  'Checks the document with the method’s rules (positive weights, levels numbered 1, 2, 3… with thresholds increasing from 0, ' +
  'unique keys, scale options increasing…) and the document format (texts in Spanish and English, http(s) source links, ' +
  'no unknown field), then stores it as a new draft version, or replaces the draft, unless publish=true. Every problem is ' +
  'reported at once in `errors[]` with its field path.';

@ApiTags('maturity')
@Controller('v1')
export class MaturityModelsController {
  constructor(private readonly models: MaturityModelsService) {}

  @Get('maturity-models')
  @Authenticated()
  @ApiOperation({
    summary: 'Global maturity models',
    description: 'Published by the platform, usable by every administration. `latestVersion` is the newest published version.',
  })
  @ApiOkResponse({ type: MaturityModelListDto, description: 'The global models, by key, each with its versions (no documents)' })
  async listMaturityModels(): Promise<MaturityModelListDto> {
    return { data: await this.models.list() };
  }

  @Get('maturity-model-versions/:versionId')
  @Authenticated()
  @ApiOperation({
    summary: 'A model version with its areas, dimensions, questions and levels',
    description: 'The same document as the export, with its id and status.',
  })
  @ApiUuidParam('versionId', 'The model version')
  @ApiOkResponse({ type: ModelVersionDto, description: 'The version’s document with its id, status and question count' })
  @ApiProblems(PlatformProblem.NotFound)
  getMaturityModelVersion(@Param('versionId', ParseIdPipe) versionId: string): Promise<ModelVersionDto> {
    return this.models.version(versionId);
  }

  @Post('maturity-models/import')
  @PlatformAdmin()
  @ApiOperation({ summary: 'Import a global model (new version, or replace the draft)', description: IMPORT_DESCRIPTION })
  @IMPORT_BODY
  @ApiCreatedResponse({ type: ModelVersionDto, description: 'The stored version (a draft, or published with publish=true)' })
  @ApiProblems(MaturityProblem.InvalidModel, PlatformProblem.UniqueViolation)
  importMaturityModel(@Body() body: unknown, @Query() query: ModelImportQueryDto): Promise<ModelVersionDto> {
    return this.models.import(body, null, query.publish ?? false);
  }

  @Post('maturity-model-versions/:versionId/publish')
  @HttpCode(200)
  @PlatformAdmin()
  @ApiOperation({
    summary: 'Publish a global model version',
    description: 'From then on it is immutable; changes need a new version. Publishing a published version changes nothing.',
  })
  @ApiUuidParam('versionId', 'A draft version of a global model')
  @ApiOkResponse({ type: ModelVersionDto, description: 'The published version' })
  @ApiProblems(PlatformProblem.NotFound, MaturityProblem.InvalidModel)
  publishMaturityModelVersion(@Param('versionId', ParseIdPipe) versionId: string): Promise<ModelVersionDto> {
    return this.models.publish(versionId, null);
  }

  @Get('tenants/:tenantId/maturity-models')
  @TenantAccess('read')
  @ApiOperation({ summary: 'Models usable in this tenant', description: 'Global models plus those owned by the tenant or its ancestors.' })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiOkResponse({ type: MaturityModelListDto, description: 'The usable models, by key, each with its versions (no documents)' })
  async listTenantMaturityModels(@Param('tenantId', ParseIdPipe) tenantId: string): Promise<MaturityModelListDto> {
    return { data: await this.models.list(tenantId) };
  }

  @Get('tenants/:tenantId/maturity-model-versions/:versionId')
  @TenantAccess('read')
  @ApiOperation({
    summary: 'A model version usable in this tenant',
    description: 'Also reaches versions owned by the tenant or its ancestors.',
  })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiUuidParam('versionId', 'A version usable in the tenant')
  @ApiOkResponse({ type: ModelVersionDto, description: 'The version’s document with its id, status and question count' })
  @ApiProblems(PlatformProblem.NotFound)
  getTenantMaturityModelVersion(
    @Param('tenantId', ParseIdPipe) tenantId: string,
    @Param('versionId', ParseIdPipe) versionId: string,
  ): Promise<ModelVersionDto> {
    return this.models.version(versionId, tenantId);
  }

  @Post('tenants/:tenantId/maturity-models/import')
  @TenantAccess('admin')
  @ApiOperation({
    summary: 'Import a model owned by this tenant',
    description: `Visible to the tenant and its descendants. ${IMPORT_DESCRIPTION}`,
  })
  @ApiUuidParam('tenantId', 'The owning tenant')
  @IMPORT_BODY
  @ApiCreatedResponse({ type: ModelVersionDto, description: 'The stored version (a draft, or published with publish=true)' })
  @ApiProblems(MaturityProblem.InvalidModel, PlatformProblem.UniqueViolation)
  importTenantMaturityModel(
    @Param('tenantId', ParseIdPipe) tenantId: string,
    @Body() body: unknown,
    @Query() query: ModelImportQueryDto,
  ): Promise<ModelVersionDto> {
    return this.models.import(body, tenantId, query.publish ?? false);
  }

  @Post('tenants/:tenantId/maturity-model-versions/:versionId/publish')
  @HttpCode(200)
  @TenantAccess('admin')
  @ApiOperation({ summary: 'Publish a model version owned by this tenant', description: 'From then on it is immutable.' })
  @ApiUuidParam('tenantId', 'The owning tenant')
  @ApiUuidParam('versionId', 'A draft version the tenant owns')
  @ApiOkResponse({ type: ModelVersionDto, description: 'The published version' })
  @ApiProblems(MaturityProblem.InvalidModel, PlatformProblem.NotFound)
  publishTenantMaturityModelVersion(
    @Param('tenantId', ParseIdPipe) tenantId: string,
    @Param('versionId', ParseIdPipe) versionId: string,
  ): Promise<ModelVersionDto> {
    return this.models.publish(versionId, tenantId);
  }
}
