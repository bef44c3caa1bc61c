import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TenantAccess } from '../../platform/auth/auth.decorators';
import { ParseIdPipe } from '../../platform/errors/validation';
import { ApiAcceptLanguage, NegotiatedLanguage, type ContentLanguage } from '../../platform/http/language';
import { ApiProblems, ApiUuidParam } from '../../platform/openapi/decorators';
import { AssessmentScoresDto, RESCORE_EXAMPLE, RescoreDto, RescoreResultDto, ScoresQueryDto } from './dto/score.dto';
import { MaturityProblem } from '../maturity.problems';
import { ScoresService } from './scores.service';

/** METHOD.md §1 as an auditor reads it on the operation that returns the figures. */
const METHOD = [
  'How the figures are computed (the method, docs/method.md §1: every number can be recomputed by hand from this answer with explain=true):',
  '',
  '- **Question score** `s` in [0, 1]: a scale answer `(value − min) / (max − min)` over the question’s option values; yes/no `1` or `0`; a percentage `value / 100`, clipped to [0, 1]. Scores are shown on 0–100 (`score = 100·s`; `unitScore = s`).',
  '- **Not applicable** answers leave both the numerator and the denominator: they neither raise nor lower a score. Unanswered questions are left out of the score too, but count against coverage.',
  '- **Weighted means up the tree**: a dimension is `Σ w_q·s_q / Σ w_q` over its answered applicable questions; an area `Σ w_d·S_d / Σ w_d` over its scored dimensions; the overall score `Σ w_a·S_a / Σ w_a` over the scored areas (area weights default to equal). A node with nothing answered has no score (`null`) and leaves its parent’s mean.',
  '- **Explain tree**: each node carries its `weight`, `normalisedWeight` (its share among its scored siblings), `weightInOverall` (the product down from the top) and `contribution` (`normalisedWeight × score`, points of the parent) and `contributionToOverall` (`weightInOverall × score`): the contributions of any tier add up to the overall score.',
  '- **Coverage** = answered applicable weight / applicable weight, following the same tree; exactly 1 only when every applicable question is answered (submitting requires it).',
  '- **Levels**: the highest level whose `minScore` ≤ the score, on thresholds the model version defines (by default 0/20/40/60/80: Initial, Developing, Defined, Managed, Optimising).',
  '',
  'Provenance: `modelVersionId` names the version the score was computed with; a submitted assessment’s score is stored (`computedAt`) and never recomputed, a draft’s is computed live (`computedAt: null`). Names, question texts and answer labels follow Accept-Language.',
].join('\n');

@ApiTags('maturity')
@Controller('v1/tenants/:tenantId/assessments')
export class ScoresController {
  constructor(private readonly scores: ScoresService) {}

  @Get(':assessmentId/scores')
  @TenantAccess('read')
  @ApiOperation({ summary: 'Scores: overall, areas and dimensions (0–100, level, coverage)', description: METHOD })
  @ApiProblems(MaturityProblem.AssessmentNotRescored)
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiUuidParam('assessmentId', 'The assessment')
  @ApiAcceptLanguage()
  @ApiOkResponse({
    type: AssessmentScoresDto,
    description: 'The score tree; with explain=true down to every question, its text and the answer’s label',
  })
  getAssessmentScores(
    @Param('tenantId', ParseIdPipe) tenantId: string,
    @Param('assessmentId', ParseIdPipe) id: string,
    @Query() query: ScoresQueryDto,
    @NegotiatedLanguage() language: ContentLanguage,
  ): Promise<AssessmentScoresDto> {
    return this.scores.scores(tenantId, id, query.explain ?? false, query.modelVersionId, language);
  }

  @Post(':assessmentId/rescore')
  @HttpCode(200)
  @TenantAccess('write')
  @ApiOperation({
    summary: 'Re-score under another version of the same model',
    description:
      'Answers are carried over where question keys match (same type; for a scale, a value still among the options); the others are listed in `dropped` with the question’s text and the reason. The score is stored beside the original, which is kept.',
  })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiUuidParam('assessmentId', 'The assessment')
  @ApiAcceptLanguage()
  @ApiBody({ type: RescoreDto, examples: { newer: { summary: 'The model’s newer version', value: RESCORE_EXAMPLE } } })
  @ApiOkResponse({
    type: RescoreResultDto,
    description: 'The score under the target version, explained, and the answers that could not follow',
  })
  @ApiProblems(MaturityProblem.RescoreTargetInvalid)
  rescoreAssessment(
    @Param('tenantId', ParseIdPipe) tenantId: string,
    @Param('assessmentId', ParseIdPipe) id: string,
    @Body() body: RescoreDto,
    @NegotiatedLanguage() language: ContentLanguage,
  ): Promise<RescoreResultDto> {
    return this.scores.rescore(tenantId, id, body.modelVersionId, language);
  }
}
