import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TenantAccess } from '../../../platform/auth/auth.decorators';
import { PlatformProblem } from '../../../platform/errors/platform.problems';
import { ParseIdPipe } from '../../../platform/errors/validation';
import { ApiProblems, ApiUuidParam } from '../../../platform/openapi/decorators';
import { PrioritisationProblem } from '../prioritisation.problems';
import { ImpactEffortDto, RankShiftsDto, SensitivityDto } from './dto/ranking-analysis.dto';
import { ImpactEffortQueryDto, ModelQueryDto, RankingPageDto, RankingQueryDto, ShiftsQueryDto } from './dto/ranking.dto';
import { RankingAnalysisService } from './ranking-analysis.service';
import { RankingService } from './ranking.service';

@ApiTags('frictions')
@Controller('v1/tenants/:tenantId/frictions')
export class RankingController {
  constructor(
    private readonly ranking: RankingService,
    private readonly analysis: RankingAnalysisService,
  ) {}

  @Get('ranking')
  @TenantAccess('read')
  @ApiOperation({
    summary: 'The backlog ranked by the active scoring model',
    description:
      'The backlog is every friction not resolved nor discarded. Each item has its rank, its score and the contribution of each ' +
      'criterion (weighted and AHP: 100 · weight · normalised value, min–max over the backlog, inverted when lower is better; ' +
      'RICE and WSJF: each factor). Ties go to the higher annual cost, then the id. `modelId` ranks by another of the tenant’s ' +
      'models, a draft included (what-if). Without an active model (and no `modelId`) the backlog is ordered by annual cost, ' +
      '`model` is null and scores are null. Keyset pages: pass `nextCursor` back as `cursor` (with the same model).',
  })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiOkResponse({ type: RankingPageDto, description: 'One page of the ranked backlog and the cursor of the next' })
  @ApiProblems(PlatformProblem.NotFound)
  rankFrictions(@Param('tenantId', ParseIdPipe) tenantId: string, @Query() query: RankingQueryDto): Promise<RankingPageDto> {
    return this.ranking.page(tenantId, query);
  }

  @Get('ranking/sensitivity')
  @TenantAccess('read')
  @ApiOperation({
    summary: 'How robust the ranking is to its weights',
    description:
      'METHOD.md §4: each criterion’s weight raised and lowered by 10 % (the weights renormalised to Σ = 1); for each, the largest ' +
      'rank change among the 10 best-ranked, and which of them move. Weighted and AHP models only (RICE and WSJF have no weights: 422).',
  })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiOkResponse({ type: SensitivityDto, description: 'Per criterion, the rank changes in the top 10' })
  @ApiProblems(PrioritisationProblem.ScoringModelNotWeighted, PlatformProblem.NotFound)
  rankingSensitivity(@Param('tenantId', ParseIdPipe) tenantId: string, @Query() query: ModelQueryDto): Promise<SensitivityDto> {
    return this.analysis.sensitivity(tenantId, query.modelId);
  }

  @Get('ranking/shifts')
  @TenantAccess('read')
  @ApiOperation({
    summary: 'Rank shifts between two scoring models',
    description: 'The backlog ranked by model A (`from`) and model B (`to`); the frictions whose rank differs, the largest shifts first.',
  })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiOkResponse({ type: RankShiftsDto, description: 'The frictions that move, and how far' })
  @ApiProblems(PlatformProblem.NotFound)
  rankingShifts(@Param('tenantId', ParseIdPipe) tenantId: string, @Query() query: ShiftsQueryDto): Promise<RankShiftsDto> {
    return this.analysis.shifts(tenantId, query.from, query.to, query.limit);
  }

  @Get('impact-effort')
  @TenantAccess('read')
  @ApiOperation({
    summary: 'The impact/effort matrix',
    description:
      'Impact and effort on 0–100 for the best-ranked frictions, with their quadrant (split at 50): quick-win, major-project, ' +
      'fill-in, thankless. Weighted and AHP: impact from the higher-is-better criteria, effort from the lower-is-better ones (or ' +
      'the manual `effort` value when the model has none); RICE: reach · impact · confidence against effort; WSJF: cost of delay ' +
      'against job size. Each axis names the criteria it uses; a friction without an effort value has no quadrant.',
  })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiOkResponse({ type: ImpactEffortDto, description: 'The axes and one point per friction' })
  @ApiProblems(PlatformProblem.NotFound)
  frictionImpactEffort(@Param('tenantId', ParseIdPipe) tenantId: string, @Query() query: ImpactEffortQueryDto): Promise<ImpactEffortDto> {
    return this.analysis.impactEffort(tenantId, query.modelId, query.limit);
  }
}
