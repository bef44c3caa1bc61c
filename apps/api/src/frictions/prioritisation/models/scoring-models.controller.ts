import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TenantAccess } from '../../../platform/auth/auth.decorators';
import { PlatformProblem } from '../../../platform/errors/platform.problems';
import { ParseIdPipe } from '../../../platform/errors/validation';
import { ApiBodyExamples, ApiProblems, ApiUuidParam } from '../../../platform/openapi/decorators';
import { PrioritisationProblem } from '../prioritisation.problems';
import {
  SCORING_MODEL_EXAMPLES,
  ScoringModelCreateDto,
  ScoringModelDto,
  ScoringModelListDto,
  ScoringModelUpdateDto,
} from './dto/scoring-model.dto';
import { SCORING_MODEL_LIFECYCLE } from './scoring-model-lifecycle';
import { ScoringModelsService } from './scoring-models.service';

const RULES =
  'Weighted: each criterion a friction field or a manual value, a direction and a weight > 0 (normalised to Σ = 1). AHP: the same ' +
  'criteria without weights and a pairwise matrix of their size (weights = principal eigenvector). RICE and WSJF: the built-in ' +
  'formulas (METHOD.md §4); criteria may be omitted (reach from the friction’s population, the rest manual) or re-sourced with the ' +
  'same keys. Every problem is reported at once in `errors[]` (422 `invalid-scoring-model`).';

@ApiTags('frictions')
@Controller('v1/tenants/:tenantId/scoring-models')
export class ScoringModelsController {
  constructor(private readonly models: ScoringModelsService) {}

  @Post()
  @TenantAccess(SCORING_MODEL_LIFECYCLE.access('edit'))
  @ApiOperation({
    summary: 'Create a scoring model (a draft)',
    description: `A model with a name already used becomes that name’s next version. ${RULES}`,
  })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiBodyExamples(ScoringModelCreateDto, {
    weighted: { summary: 'Weighted criteria: cost, reach and effort', value: SCORING_MODEL_EXAMPLES.weighted },
    ahp: { summary: 'AHP: the leader example’s matrix on four criteria', value: SCORING_MODEL_EXAMPLES.ahp },
    rice: { summary: 'RICE with its built-in criteria', value: SCORING_MODEL_EXAMPLES.rice },
  })
  @ApiCreatedResponse({ type: ScoringModelDto, description: 'The new draft' })
  @ApiProblems(PrioritisationProblem.InvalidScoringModel)
  createScoringModel(@Param('tenantId', ParseIdPipe) tenantId: string, @Body() body: ScoringModelCreateDto): Promise<ScoringModelDto> {
    return this.models.create(tenantId, body);
  }

  @Get()
  @TenantAccess('read')
  @ApiOperation({
    summary: 'The tenant’s scoring models',
    description: 'Every version of every name, drafts, the active one and the retired.',
  })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiOkResponse({ type: ScoringModelListDto, description: 'By name, newest version first' })
  async listScoringModels(@Param('tenantId', ParseIdPipe) tenantId: string): Promise<ScoringModelListDto> {
    return { data: await this.models.list(tenantId) };
  }

  @Get(':modelId')
  @TenantAccess('read')
  @ApiOperation({
    summary: 'A scoring model',
    description: 'With its effective weights and, for AHP, λmax, CI, CR and the random-index table.',
  })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiUuidParam('modelId', 'The scoring model')
  @ApiOkResponse({ type: ScoringModelDto, description: 'The model' })
  @ApiProblems(PlatformProblem.NotFound)
  getScoringModel(@Param('tenantId', ParseIdPipe) tenantId: string, @Param('modelId', ParseIdPipe) id: string): Promise<ScoringModelDto> {
    return this.models.get(tenantId, id);
  }

  @Patch(':modelId')
  @TenantAccess(SCORING_MODEL_LIFECYCLE.access('edit'))
  @ApiOperation({
    summary: 'Change a draft scoring model',
    description: `Only drafts change (409 \`scoring-model-not-draft\` otherwise); the name stays. The result is checked as a whole. ${RULES}`,
  })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiUuidParam('modelId', 'A draft model')
  @ApiBodyExamples(ScoringModelUpdateDto, {
    weights: { summary: 'New weights', value: { criteria: SCORING_MODEL_EXAMPLES.weighted.criteria } },
    matrix: { summary: 'A corrected pairwise matrix', value: { pairwise: SCORING_MODEL_EXAMPLES.ahp.pairwise } },
  })
  @ApiOkResponse({ type: ScoringModelDto, description: 'The draft after the change' })
  @ApiProblems(PrioritisationProblem.InvalidScoringModel, PrioritisationProblem.ScoringModelNotDraft, PlatformProblem.NotFound)
  updateScoringModel(
    @Param('tenantId', ParseIdPipe) tenantId: string,
    @Param('modelId', ParseIdPipe) id: string,
    @Body() body: ScoringModelUpdateDto,
  ): Promise<ScoringModelDto> {
    return this.models.update(tenantId, id, body);
  }

  @Delete(':modelId')
  @HttpCode(204)
  @TenantAccess(SCORING_MODEL_LIFECYCLE.access('edit'))
  @ApiOperation({ summary: 'Delete a draft scoring model', description: 'Only drafts (409 `scoring-model-not-draft` otherwise).' })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiUuidParam('modelId', 'A draft model')
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(PrioritisationProblem.ScoringModelNotDraft, PlatformProblem.NotFound)
  async deleteScoringModel(@Param('tenantId', ParseIdPipe) tenantId: string, @Param('modelId', ParseIdPipe) id: string): Promise<void> {
    await this.models.delete(tenantId, id);
  }

  @Post(':modelId/activate')
  @HttpCode(200)
  @TenantAccess(SCORING_MODEL_LIFECYCLE.access('activate'))
  @ApiOperation({
    summary: 'Activate a scoring model',
    description:
      `Lifecycle: ${SCORING_MODEL_LIFECYCLE.describe('activate')}. The model active before is retired (both audited); the ranking ` +
      'follows the new one at once. An AHP model with CR > 0.10 is refused with 422 `scoring-model-inconsistent`, which names the ' +
      'most inconsistent pair (`pair`: i, j, criterion keys, value, the consistent value w_i/w_j and the nearest Saaty value) and the CR.',
  })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiUuidParam('modelId', 'A draft or retired model')
  @ApiOkResponse({ type: ScoringModelDto, description: 'The active model' })
  @ApiProblems(PrioritisationProblem.ScoringModelInconsistent, PrioritisationProblem.ScoringModelNotDraft, PlatformProblem.NotFound)
  activateScoringModel(
    @Param('tenantId', ParseIdPipe) tenantId: string,
    @Param('modelId', ParseIdPipe) id: string,
  ): Promise<ScoringModelDto> {
    return this.models.activate(tenantId, id);
  }
}
