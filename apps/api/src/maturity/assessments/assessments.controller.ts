import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { TenantAccess } from '../../platform/auth/auth.decorators';
import { ApiAcceptLanguage, NegotiatedLanguage, type ContentLanguage } from '../../platform/http/language';
import type { Page } from '../../platform/http/pagination';
import { AssessmentsService } from './assessments.service';
import {
  AnswerListDto,
  AnswersPutDto,
  AnswersResultDto,
  AssessmentCreateDto,
  AssessmentDto,
  AssessmentListQueryDto,
  AssessmentPageDto,
  RescoreDto,
  ScoresQueryDto,
} from './dto/assessment.dto';
import { AssessmentScoresDto, BenchmarkDto, RescoreResultDto } from './dto/score.dto';

const PROBLEM = { schema: { $ref: '#/components/schemas/Problem' } };
const NOT_DRAFT = { ...PROBLEM, description: 'The assessment is not a draft' };

@ApiTags('maturity')
@Controller('v1/tenants/:tenantId/assessments')
export class AssessmentsController {
  constructor(private readonly assessments: AssessmentsService) {}

  @Post()
  @TenantAccess('write')
  @ApiOperation({
    summary: 'Start an assessment',
    description: 'Against a published model version usable in this tenant, for a period (a year).',
  })
  @ApiCreatedResponse({ type: AssessmentDto })
  createAssessment(@Param('tenantId', ParseUUIDPipe) tenantId: string, @Body() body: AssessmentCreateDto): Promise<AssessmentDto> {
    return this.assessments.create(tenantId, body);
  }

  @Get()
  @TenantAccess('read')
  @ApiOperation({ summary: 'The tenant’s assessments, newest period first', description: 'Each with its coverage and current score.' })
  @ApiOkResponse({ type: AssessmentPageDto })
  listAssessments(
    @Param('tenantId', ParseUUIDPipe) tenantId: string,
    @Query() query: AssessmentListQueryDto,
  ): Promise<Page<AssessmentDto>> {
    return this.assessments.list(tenantId, query);
  }

  @Get(':assessmentId')
  @TenantAccess('read')
  @ApiOperation({ summary: 'An assessment', description: 'Status, coverage and current score.' })
  @ApiOkResponse({ type: AssessmentDto })
  getAssessment(
    @Param('tenantId', ParseUUIDPipe) tenantId: string,
    @Param('assessmentId', ParseUUIDPipe) id: string,
  ): Promise<AssessmentDto> {
    return this.assessments.get(tenantId, id);
  }

  @Get(':assessmentId/answers')
  @TenantAccess('read')
  @ApiOperation({ summary: 'The answers given so far', description: 'Questions without an answer are not listed.' })
  @ApiOkResponse({ type: AnswerListDto })
  async listAnswers(
    @Param('tenantId', ParseUUIDPipe) tenantId: string,
    @Param('assessmentId', ParseUUIDPipe) id: string,
  ): Promise<AnswerListDto> {
    return { data: await this.assessments.answers(tenantId, id) };
  }

  @Put(':assessmentId/answers')
  @TenantAccess('write')
  @ApiOperation({
    summary: 'Save answers (autosave and bulk)',
    description:
      'Upserts the given answers: `{ questionKey, value }`, `{ questionKey, notApplicable: true }`, or `value: null` to clear. Bad answers are listed in `rejected` with their index and reason; the good ones are stored.',
  })
  @ApiOkResponse({ type: AnswersResultDto })
  @ApiConflictResponse(NOT_DRAFT)
  putAnswers(
    @Param('tenantId', ParseUUIDPipe) tenantId: string,
    @Param('assessmentId', ParseUUIDPipe) id: string,
    @Body() body: AnswersPutDto,
  ): Promise<AnswersResultDto> {
    return this.assessments.putAnswers(tenantId, id, body.answers);
  }

  @Post(':assessmentId/submit')
  @HttpCode(200)
  @TenantAccess('write')
  @ApiOperation({
    summary: 'Submit a complete assessment',
    description: 'Needs full coverage: 422 lists every missing question in `errors`. The score is stored with its model version.',
  })
  @ApiOkResponse({ type: AssessmentDto })
  @ApiUnprocessableEntityResponse({ ...PROBLEM, description: 'Questions still unanswered' })
  @ApiConflictResponse(NOT_DRAFT)
  submitAssessment(
    @Param('tenantId', ParseUUIDPipe) tenantId: string,
    @Param('assessmentId', ParseUUIDPipe) id: string,
  ): Promise<AssessmentDto> {
    return this.assessments.submit(tenantId, id);
  }

  @Post(':assessmentId/validate')
  @HttpCode(200)
  @TenantAccess('admin')
  @ApiOperation({ summary: 'Validate a submitted assessment (admins)', description: 'Marks the result as reviewed and accepted.' })
  @ApiOkResponse({ type: AssessmentDto })
  @ApiConflictResponse({ ...PROBLEM, description: 'Not submitted' })
  validateAssessment(
    @Param('tenantId', ParseUUIDPipe) tenantId: string,
    @Param('assessmentId', ParseUUIDPipe) id: string,
  ): Promise<AssessmentDto> {
    return this.assessments.validate(tenantId, id);
  }

  @Post(':assessmentId/reopen')
  @HttpCode(200)
  @TenantAccess('admin')
  @ApiOperation({
    summary: 'Reopen a submitted or validated assessment as a draft (admins)',
    description: 'Its answers become editable again; it must be submitted again.',
  })
  @ApiOkResponse({ type: AssessmentDto })
  reopenAssessment(
    @Param('tenantId', ParseUUIDPipe) tenantId: string,
    @Param('assessmentId', ParseUUIDPipe) id: string,
  ): Promise<AssessmentDto> {
    return this.assessments.reopen(tenantId, id);
  }

  @Get(':assessmentId/scores')
  @TenantAccess('read')
  @ApiOperation({
    summary: 'Scores: overall, areas and dimensions (0–100, level, coverage)',
    description:
      'With explain=true, every question with its weight, normalised answer and contribution: the overall score is the sum of the contributions.',
  })
  @ApiAcceptLanguage()
  @ApiOkResponse({ type: AssessmentScoresDto })
  getAssessmentScores(
    @Param('tenantId', ParseUUIDPipe) tenantId: string,
    @Param('assessmentId', ParseUUIDPipe) id: string,
    @Query() query: ScoresQueryDto,
    @NegotiatedLanguage() language: ContentLanguage,
  ): Promise<AssessmentScoresDto> {
    return this.assessments.scores(tenantId, id, query.explain ?? false, query.modelVersionId, language);
  }

  @Post(':assessmentId/rescore')
  @HttpCode(200)
  @TenantAccess('write')
  @ApiOperation({
    summary: 'Re-score under another version of the same model',
    description: 'Answers are carried over where question keys match; the others are listed in `dropped`. The original score is kept.',
  })
  @ApiAcceptLanguage()
  @ApiOkResponse({ type: RescoreResultDto })
  rescoreAssessment(
    @Param('tenantId', ParseUUIDPipe) tenantId: string,
    @Param('assessmentId', ParseUUIDPipe) id: string,
    @Body() body: RescoreDto,
    @NegotiatedLanguage() language: ContentLanguage,
  ): Promise<RescoreResultDto> {
    return this.assessments.rescore(tenantId, id, body.modelVersionId, language);
  }

  @Get(':assessmentId/benchmark')
  @TenantAccess('read')
  @ApiOperation({
    summary: 'Where the tenant stands among comparable administrations',
    description:
      'Cohort: same model version and year, same kind of tenant and population band. Percentile and quartiles only with at least 5 peers besides this tenant; otherwise `available: false` with the reason. No peer is ever listed or identified.',
  })
  @ApiOkResponse({ type: BenchmarkDto })
  getAssessmentBenchmark(
    @Param('tenantId', ParseUUIDPipe) tenantId: string,
    @Param('assessmentId', ParseUUIDPipe) id: string,
  ): Promise<BenchmarkDto> {
    return this.assessments.benchmark(tenantId, id);
  }
}
