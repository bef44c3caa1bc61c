import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TenantAccess } from '../../platform/auth/auth.decorators';
import { ApiAcceptLanguage, NegotiatedLanguage, type ContentLanguage } from '../../platform/http/language';
import { AssessmentInsightsService } from './assessment-insights.service';
import { CompareDto, DistributionDto, DistributionQueryDto, GapsDto, GapsQueryDto, HistoryDto, HistoryQueryDto } from './dto/insights.dto';

@ApiTags('maturity')
@Controller('v1/tenants/:tenantId')
export class AssessmentInsightsController {
  constructor(private readonly insights: AssessmentInsightsService) {}

  @Get('assessments/history')
  @TenantAccess('read')
  @ApiOperation({
    summary: 'The tenant’s maturity over time',
    description:
      'One submitted assessment per year and model, with the change of the overall score and of each dimension since the previous year.',
  })
  @ApiOkResponse({ type: HistoryDto })
  getAssessmentHistory(@Param('tenantId', ParseUUIDPipe) tenantId: string, @Query() query: HistoryQueryDto): Promise<HistoryDto> {
    return this.insights.history(tenantId, query.modelKey);
  }

  @Get('assessments/:assessmentId/compare/:otherId')
  @TenantAccess('read')
  @ApiOperation({
    summary: 'Compare two assessments',
    description: 'Overall and per dimension (matched by key); delta = other − this, in points.',
  })
  @ApiOkResponse({ type: CompareDto })
  compareAssessments(
    @Param('tenantId', ParseUUIDPipe) tenantId: string,
    @Param('assessmentId', ParseUUIDPipe) assessmentId: string,
    @Param('otherId', ParseUUIDPipe) otherId: string,
  ): Promise<CompareDto> {
    return this.insights.compare(tenantId, assessmentId, otherId);
  }

  @Get('assessments/:assessmentId/gaps')
  @TenantAccess('read')
  @ApiOperation({
    summary: 'The weakest dimensions (gaps)',
    description: 'Lowest scores first, with the points missing to the next level: the starting point for frictions.',
  })
  @ApiOkResponse({ type: GapsDto })
  getAssessmentGaps(
    @Param('tenantId', ParseUUIDPipe) tenantId: string,
    @Param('assessmentId', ParseUUIDPipe) assessmentId: string,
    @Query() query: GapsQueryDto,
  ): Promise<GapsDto> {
    return this.insights.gaps(tenantId, assessmentId, query.limit ?? 5);
  }

  @Get('maturity-model-versions/:versionId/distribution')
  @TenantAccess('read')
  @ApiOperation({
    summary: 'How the tenant’s descendants spread over the maturity levels',
    description:
      'Counts per level and quartiles of the descendants’ submitted assessments for a model version and year; only with at least 5 of them, never naming one.',
  })
  @ApiAcceptLanguage()
  @ApiOkResponse({ type: DistributionDto })
  getMaturityDistribution(
    @Param('tenantId', ParseUUIDPipe) tenantId: string,
    @Param('versionId', ParseUUIDPipe) versionId: string,
    @Query() query: DistributionQueryDto,
    @NegotiatedLanguage() language: ContentLanguage,
  ): Promise<DistributionDto> {
    return this.insights.distribution(tenantId, versionId, query.period ?? String(new Date().getUTCFullYear()), language);
  }
}
