import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TenantAccess } from '../../platform/auth/auth.decorators';
import { ParseIdPipe } from '../../platform/errors/validation';
import { ApiAcceptLanguage } from '../../platform/http/language';
import type { Page } from '../../platform/http/pagination';
import { ApiProblems, ApiUuidParam } from '../../platform/openapi/decorators';
import { MaturityProblem } from '../maturity.problems';
import { AnswersService } from './answers/answers.service';
import { ASSESSMENT_LIFECYCLE } from './assessment-lifecycle';
import { AssessmentLifecycleService } from './assessment-lifecycle.service';
import { AssessmentsService } from './assessments.service';
import {
  ANSWERS_EXAMPLE,
  ASSESSMENT_CREATE_EXAMPLE,
  AnswerListDto,
  AnswersPutDto,
  AnswersResultDto,
  AssessmentCreateDto,
  AssessmentDto,
  AssessmentListQueryDto,
  AssessmentPageDto,
} from './dto/assessment.dto';

const lifecycle = (action: 'submit' | 'validate' | 'reopen') => `Lifecycle: ${ASSESSMENT_LIFECYCLE.describe(action)}.`;

@ApiTags('maturity')
@Controller('v1/tenants/:tenantId/assessments')
export class AssessmentsController {
  constructor(
    private readonly assessments: AssessmentsService,
    private readonly answers: AnswersService,
    private readonly lifecycle: AssessmentLifecycleService,
  ) {}

  @Post()
  @TenantAccess('write')
  @ApiOperation({
    summary: 'Start an assessment',
    description:
      'Against a published model version usable in this tenant, for a period (a year). A tenant has one assessment per model (any version) and period: a second answers 409 `assessment-exists` with `existingAssessmentId` and `existingStatus`, so the client can carry on with that one.',
  })
  @ApiUuidParam('tenantId', 'The tenant assessed')
  @ApiBody({
    type: AssessmentCreateDto,
    examples: { annual: { summary: 'This year’s self-assessment', value: ASSESSMENT_CREATE_EXAMPLE } },
  })
  @ApiCreatedResponse({ type: AssessmentDto, description: 'The new draft' })
  @ApiProblems(MaturityProblem.AssessmentExists, MaturityProblem.ModelVersionUnusable, MaturityProblem.ModelVersionNotPublished)
  createAssessment(@Param('tenantId', ParseIdPipe) tenantId: string, @Body() body: AssessmentCreateDto): Promise<AssessmentDto> {
    return this.assessments.create(tenantId, body);
  }

  @Get()
  @TenantAccess('read')
  @ApiOperation({ summary: 'The tenant’s assessments, newest period first', description: 'Each with its coverage and current score.' })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiOkResponse({ type: AssessmentPageDto, description: 'A page of assessments and the cursor of the next one' })
  listAssessments(@Param('tenantId', ParseIdPipe) tenantId: string, @Query() query: AssessmentListQueryDto): Promise<Page<AssessmentDto>> {
    return this.assessments.list(tenantId, query);
  }

  @Get(':assessmentId')
  @TenantAccess('read')
  @ApiOperation({ summary: 'An assessment', description: 'Status, coverage and current score.' })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiUuidParam('assessmentId', 'The assessment')
  @ApiOkResponse({ type: AssessmentDto, description: 'The assessment' })
  getAssessment(@Param('tenantId', ParseIdPipe) tenantId: string, @Param('assessmentId', ParseIdPipe) id: string): Promise<AssessmentDto> {
    return this.assessments.get(tenantId, id);
  }

  @Get(':assessmentId/answers')
  @TenantAccess('read')
  @ApiOperation({ summary: 'The answers given so far', description: 'Questions without an answer or a note are not listed.' })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiUuidParam('assessmentId', 'The assessment')
  @ApiOkResponse({ type: AnswerListDto, description: 'The stored answers, by question key' })
  async listAnswers(
    @Param('tenantId', ParseIdPipe) tenantId: string,
    @Param('assessmentId', ParseIdPipe) id: string,
  ): Promise<AnswerListDto> {
    return { data: await this.assessments.answers(tenantId, id) };
  }

  @Put(':assessmentId/answers')
  @TenantAccess(ASSESSMENT_LIFECYCLE.access('answer'))
  @ApiOperation({
    summary: 'Save answers (autosave and bulk)',
    description:
      'Each answer replaces that question’s answer: `{ questionKey, value }`, `{ questionKey, notApplicable: true }`, or no value (`value: null`) to clear it; `comment` and `evidence` travel with it. ' +
      'Bad answers are listed in `rejected` as `{ row, field, code, message, questionKey }` (row from 1, message in the negotiated language); the good ones are stored. Only drafts take answers.',
  })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiUuidParam('assessmentId', 'A draft assessment')
  @ApiAcceptLanguage()
  @ApiBody({ type: AnswersPutDto, examples: { autosave: { summary: 'A few answers, one cleared', value: ANSWERS_EXAMPLE } } })
  @ApiOkResponse({ type: AnswersResultDto, description: 'What was stored, what was refused and why, and the coverage now' })
  @ApiProblems(MaturityProblem.AssessmentNotDraft)
  putAnswers(
    @Param('tenantId', ParseIdPipe) tenantId: string,
    @Param('assessmentId', ParseIdPipe) id: string,
    @Body() body: AnswersPutDto,
  ): Promise<AnswersResultDto> {
    return this.answers.put(tenantId, id, body);
  }

  @Post(':assessmentId/submit')
  @HttpCode(200)
  @TenantAccess(ASSESSMENT_LIFECYCLE.access('submit'))
  @ApiOperation({
    summary: 'Submit a complete assessment',
    description: `${lifecycle('submit')} Needs every applicable question answered (422 \`assessment-incomplete\`) and evidence on the questions that require it (422 \`assessment-evidence-missing\`); either lists every missing answer (\`answers.<questionKey>\`, code \`missing\`) and every missing evidence (\`answers.<questionKey>.evidence\`, code \`evidenceRequired\`) in \`errors\`. The score is stored with its model version.`,
  })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiUuidParam('assessmentId', 'A draft assessment')
  @ApiOkResponse({ type: AssessmentDto, description: 'The submitted assessment' })
  @ApiProblems(MaturityProblem.AssessmentIncomplete, MaturityProblem.AssessmentEvidenceMissing, MaturityProblem.AssessmentNotDraft)
  submitAssessment(
    @Param('tenantId', ParseIdPipe) tenantId: string,
    @Param('assessmentId', ParseIdPipe) id: string,
  ): Promise<AssessmentDto> {
    return this.lifecycle.submit(tenantId, id);
  }

  @Post(':assessmentId/validate')
  @HttpCode(200)
  @TenantAccess(ASSESSMENT_LIFECYCLE.access('validate'))
  @ApiOperation({
    summary: 'Validate a submitted assessment (admins)',
    description: `${lifecycle('validate')} Marks the result as reviewed and accepted.`,
  })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiUuidParam('assessmentId', 'A submitted assessment')
  @ApiOkResponse({ type: AssessmentDto, description: 'The validated assessment' })
  @ApiProblems(MaturityProblem.AssessmentNotSubmitted)
  validateAssessment(
    @Param('tenantId', ParseIdPipe) tenantId: string,
    @Param('assessmentId', ParseIdPipe) id: string,
  ): Promise<AssessmentDto> {
    return this.lifecycle.validate(tenantId, id);
  }

  @Post(':assessmentId/reopen')
  @HttpCode(200)
  @TenantAccess(ASSESSMENT_LIFECYCLE.access('reopen'))
  @ApiOperation({
    summary: 'Reopen a submitted or validated assessment as a draft (admins)',
    description: `${lifecycle('reopen')} Its answers become editable again; it must be submitted again.`,
  })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiUuidParam('assessmentId', 'The assessment')
  @ApiOkResponse({ type: AssessmentDto, description: 'The assessment, a draft again (a draft is returned unchanged)' })
  reopenAssessment(
    @Param('tenantId', ParseIdPipe) tenantId: string,
    @Param('assessmentId', ParseIdPipe) id: string,
  ): Promise<AssessmentDto> {
    return this.lifecycle.reopen(tenantId, id);
  }
}
