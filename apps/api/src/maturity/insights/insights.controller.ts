import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TenantAccess } from '../../platform/auth/auth.decorators';
import { ParseIdPipe } from '../../platform/errors/validation';
import { ApiAcceptLanguage, NegotiatedLanguage, type ContentLanguage } from '../../platform/http/language';
import { BenchmarksService } from './benchmarks.service';
import {
  BenchmarkDto,
  CompareDto,
  DistributionDto,
  DistributionQueryDto,
  GapsDto,
  GapsQueryDto,
  HistoryDto,
  HistoryQueryDto,
} from './dto/insights.dto';
import { InsightsService } from './insights.service';
import { ApiUuidParam } from '../../platform/openapi/decorators';

@ApiTags('maturity')
@Controller('v1/tenants/:tenantId')
export class InsightsController {
  constructor(
    private readonly insights: InsightsService,
    private readonly benchmarks: BenchmarksService,
  ) {}

  @Get('assessments/history')
  @TenantAccess('read')
  @ApiOperation({
    summary: 'The tenant’s maturity over time',
    description:
      'One submitted assessment per year and model, with the change of the overall score and of each dimension since the previous year.',
  })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiOkResponse({ type: HistoryDto, description: 'Oldest period first' })
  getAssessmentHistory(@Param('tenantId', ParseIdPipe) tenantId: string, @Query() query: HistoryQueryDto): Promise<HistoryDto> {
    return this.insights.history(tenantId, query.modelKey);
  }

  @Get('assessments/:assessmentId/compare/:otherId')
  @TenantAccess('read')
  @ApiOperation({
    summary: 'Compare two assessments',
    description: 'Overall and per dimension (matched by key); delta = other − this, in points.',
  })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiUuidParam('assessmentId', 'The assessment compared (a)')
  @ApiUuidParam('otherId', 'The assessment it is compared with (b)')
  @ApiOkResponse({ type: CompareDto, description: 'Both sides and their differences' })
  compareAssessments(
    @Param('tenantId', ParseIdPipe) tenantId: string,
    @Param('assessmentId', ParseIdPipe) assessmentId: string,
    @Param('otherId', ParseIdPipe) otherId: string,
  ): Promise<CompareDto> {
    return this.insights.compare(tenantId, assessmentId, otherId);
  }

  @Get('assessments/:assessmentId/gaps')
  @TenantAccess('read')
  @ApiOperation({
    summary: 'The weakest dimensions (gaps)',
    description: 'Lowest scores first, with the points missing to the next level: the starting point for frictions.',
  })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiUuidParam('assessmentId', 'The assessment')
  @ApiOkResponse({ type: GapsDto, description: 'The weakest dimensions, weakest first' })
  getAssessmentGaps(
    @Param('tenantId', ParseIdPipe) tenantId: string,
    @Param('assessmentId', ParseIdPipe) assessmentId: string,
    @Query() query: GapsQueryDto,
  ): Promise<GapsDto> {
    return this.insights.gaps(tenantId, assessmentId, query.limit ?? 5);
  }

  @Get('assessments/:assessmentId/benchmark')
  @TenantAccess('read')
  @ApiOperation({
    summary: 'Where the tenant stands among comparable administrations',
    description:
      'Cohort: same model version and year, same kind of tenant and population band. Percentile and quartiles only with at least 5 peers besides this tenant; otherwise `available: false` with the reason. No peer is ever listed or identified.',
  })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiUuidParam('assessmentId', 'The assessment')
  @ApiOkResponse({ type: BenchmarkDto, description: 'The benchmark, or why there is none' })
  getAssessmentBenchmark(
    @Param('tenantId', ParseIdPipe) tenantId: string,
    @Param('assessmentId', ParseIdPipe) assessmentId: string,
  ): Promise<BenchmarkDto> {
    return this.benchmarks.benchmark(tenantId, assessmentId);
  }

  @Get('maturity-model-versions/:versionId/distribution')
  @TenantAccess('read')
  @ApiOperation({
    summary: 'How the tenant’s descendants spread over the maturity levels',
    description:
      'Counts per level and quartiles of the descendants’ submitted assessments for a model version and year; only with at least 5 of them, never naming one.',
  })
  @ApiUuidParam('tenantId', 'The parent tenant')
  @ApiUuidParam('versionId', 'The model version')
  @ApiAcceptLanguage()
  @ApiOkResponse({ type: DistributionDto, description: 'The distribution, or why there is none' })
  getMaturityDistribution(
    @Param('tenantId', ParseIdPipe) tenantId: string,
    @Param('versionId', ParseIdPipe) versionId: string,
    @Query() query: DistributionQueryDto,
    @NegotiatedLanguage() language: ContentLanguage,
  ): Promise<DistributionDto> {
    return this.benchmarks.distribution(tenantId, versionId, query.period ?? String(new Date().getUTCFullYear()), language);
  }
}
