import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Authenticated, PlatformAdmin, TenantAccess } from '../../platform/auth/auth.decorators';
import { MaturityModelListDto, ModelDefinitionDto, ModelImportQueryDto, ModelVersionDto } from './dto/model.dto';
import { MaturityModelsService } from './maturity-models.service';

const INVALID = {
  description: 'The model is not valid: `errors[]` names each field path',
  schema: { $ref: '#/components/schemas/Problem' },
};

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
  @ApiOkResponse({ type: MaturityModelListDto })
  async listMaturityModels(): Promise<MaturityModelListDto> {
    return { data: await this.models.list() };
  }

  @Get('maturity-model-versions/:versionId')
  @Authenticated()
  @ApiOperation({
    summary: 'A model version with its areas, dimensions, questions and levels',
    description: 'The same document as the export, with its id and status.',
  })
  @ApiOkResponse({ type: ModelVersionDto })
  getMaturityModelVersion(@Param('versionId', ParseUUIDPipe) versionId: string): Promise<ModelVersionDto> {
    return this.models.version(versionId);
  }

  @Post('maturity-models/import')
  @PlatformAdmin()
  @ApiOperation({
    summary: 'Import a global model (new version, or replace the draft)',
    description:
      'Validates the document (positive weights, increasing thresholds, unique keys…) and stores it as a draft version unless publish=true.',
  })
  @ApiBody({ type: ModelDefinitionDto })
  @ApiCreatedResponse({ type: ModelVersionDto })
  @ApiUnprocessableEntityResponse(INVALID)
  importMaturityModel(@Body() body: unknown, @Query() query: ModelImportQueryDto): Promise<ModelVersionDto> {
    return this.models.import(body, null, query.publish ?? false);
  }

  @Post('maturity-model-versions/:versionId/publish')
  @HttpCode(200)
  @PlatformAdmin()
  @ApiOperation({ summary: 'Publish a global model version', description: 'From then on it is immutable; changes need a new version.' })
  @ApiOkResponse({ type: ModelVersionDto })
  publishMaturityModelVersion(@Param('versionId', ParseUUIDPipe) versionId: string): Promise<ModelVersionDto> {
    return this.models.publish(versionId, null);
  }

  @Get('tenants/:tenantId/maturity-models')
  @TenantAccess('read')
  @ApiOperation({ summary: 'Models usable in this tenant', description: 'Global models plus those owned by the tenant or its ancestors.' })
  @ApiOkResponse({ type: MaturityModelListDto })
  async listTenantMaturityModels(@Param('tenantId', ParseUUIDPipe) tenantId: string): Promise<MaturityModelListDto> {
    return { data: await this.models.list(tenantId) };
  }

  @Get('tenants/:tenantId/maturity-model-versions/:versionId')
  @TenantAccess('read')
  @ApiOperation({
    summary: 'A model version usable in this tenant',
    description: 'Also reaches versions owned by the tenant or its ancestors.',
  })
  @ApiOkResponse({ type: ModelVersionDto })
  getTenantMaturityModelVersion(
    @Param('tenantId', ParseUUIDPipe) tenantId: string,
    @Param('versionId', ParseUUIDPipe) versionId: string,
  ): Promise<ModelVersionDto> {
    return this.models.version(versionId, tenantId);
  }

  @Post('tenants/:tenantId/maturity-models/import')
  @TenantAccess('admin')
  @ApiOperation({
    summary: 'Import a model owned by this tenant',
    description: 'Visible to the tenant and its descendants. Same validation as global models.',
  })
  @ApiBody({ type: ModelDefinitionDto })
  @ApiCreatedResponse({ type: ModelVersionDto })
  @ApiUnprocessableEntityResponse(INVALID)
  importTenantMaturityModel(
    @Param('tenantId', ParseUUIDPipe) tenantId: string,
    @Body() body: unknown,
    @Query() query: ModelImportQueryDto,
  ): Promise<ModelVersionDto> {
    return this.models.import(body, tenantId, query.publish ?? false);
  }

  @Post('tenants/:tenantId/maturity-model-versions/:versionId/publish')
  @HttpCode(200)
  @TenantAccess('admin')
  @ApiOperation({ summary: 'Publish a model version owned by this tenant', description: 'From then on it is immutable.' })
  @ApiOkResponse({ type: ModelVersionDto })
  publishTenantMaturityModelVersion(
    @Param('tenantId', ParseUUIDPipe) tenantId: string,
    @Param('versionId', ParseUUIDPipe) versionId: string,
  ): Promise<ModelVersionDto> {
    return this.models.publish(versionId, tenantId);
  }
}
