import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { TenantAccess } from '../platform/auth/auth.decorators';
import { PlatformProblem } from '../platform/errors/platform.problems';
import { ParseIdPipe } from '../platform/errors/validation';
import { ApiAcceptLanguage } from '../platform/http/language';
import type { Page } from '../platform/http/pagination';
import { ApiBodyExamples, ApiProblems } from '../platform/openapi/decorators';
import { BulkStatusDto, BulkStatusResultDto, GapCostsDto, GapCostsQueryDto, StatusChangeDto } from './dto/friction-actions.dto';
import { BURDENS_EXAMPLE, FrictionCreateDto, FrictionUpdateDto, SHORTHAND_EXAMPLE } from './dto/friction-input.dto';
import { FrictionDto, FrictionListQueryDto, FrictionPageDto } from './dto/friction.dto';
import { FrictionLifecycleService } from './friction-lifecycle.service';
import { ETAG, etagOf, IF_MATCH } from '../platform/http/etag';
import { ApiUuidParam } from '../platform/openapi/decorators';
import { FrictionProblem } from './frictions.problems';
import { FrictionsService } from './frictions.service';
import { GapCostsService } from './root-causes/gap-costs.service';

const WRITE_PROBLEMS = [
  FrictionProblem.CostInvalid,
  FrictionProblem.AreaUnknown,
  FrictionProblem.OwnerNotMember,
  FrictionProblem.RootCauseInvalid,
  FrictionProblem.RefTaken,
  PlatformProblem.UniqueViolation,
];
const COST =
  'Cost (METHOD.md §3, computed by @rumbo/method): either `burdens` (one line per audience: population, frequencyPerYear, minutesPerOccurrence, tariffPerHour?, outOfPocketPerOccurrence?) or the shorthand fields (occurrencesPerYear or affectedPeople × occurrencesPerPersonPerYear, hoursLostPerOccurrence, costPerHour, directCostPerOccurrence?, audience? default citizens), not both. Lines without a tariff take the tenant’s default for staff and businesses (friction-settings), none for citizens (their time counts in hours).';

@ApiTags('frictions')
@Controller('v1/tenants/:tenantId/frictions')
export class FrictionsController {
  constructor(
    private readonly frictions: FrictionsService,
    private readonly lifecycle: FrictionLifecycleService,
    private readonly gapCosts: GapCostsService,
  ) {}

  @Post()
  @TenantAccess('write')
  @ApiOperation({
    summary: 'Record a friction',
    description: `${COST} The area must be one of the tenant’s (friction-areas), the owner a member, the ref unique in the tenant (409), each root cause a dimension of a maturity model usable here (422). Audited.`,
  })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiBodyExamples(FrictionCreateDto, {
    shorthand: { summary: 'Shorthand: occurrences × (hours × rate + direct cost)', value: SHORTHAND_EXAMPLE },
    burdens: { summary: 'Burden lines per audience', value: BURDENS_EXAMPLE },
  })
  @ApiCreatedResponse({ type: FrictionDto, description: 'The friction with its lines, totals and root causes', headers: ETAG })
  @ApiProblems(...WRITE_PROBLEMS)
  async createFriction(
    @Param('tenantId', ParseIdPipe) tenantId: string,
    @Body() body: FrictionCreateDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FrictionDto> {
    const friction = await this.frictions.create(tenantId, body);
    void reply.header('ETag', etagOf(friction.version));
    return friction;
  }

  @Get()
  @TenantAccess('read')
  @ApiOperation({
    summary: 'The tenant’s frictions',
    description:
      'Filtered by status, area, tag, owner and words (`q`, case and accents ignored), sorted (default most expensive first; ties by id), keyset-paged.',
  })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiOkResponse({ type: FrictionPageDto, description: 'A page of frictions and the cursor of the next one' })
  @ApiProblems()
  listFrictions(@Param('tenantId', ParseIdPipe) tenantId: string, @Query() query: FrictionListQueryDto): Promise<Page<FrictionDto>> {
    return this.frictions.list(tenantId, query);
  }

  @Get('gap-costs')
  @TenantAccess('read')
  @ApiOperation({
    summary: 'What each maturity gap costs a year',
    description:
      'For each dimension of a maturity model (default: the model of the latest submitted assessment), its score, level and shortfall in the tenant’s latest submitted assessment, and the open frictions (not resolved or discarded) rooted in it: how many, the sum of their annual cost and hours, and the 50 most expensive. Most expensive dimension first. Without a model and without assessments: `modelId: null` and no rows.',
  })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiAcceptLanguage()
  @ApiOkResponse({ type: GapCostsDto, description: 'Every dimension of the model with the cost of its frictions' })
  @ApiProblems(FrictionProblem.ModelUnusable)
  getGapCosts(@Param('tenantId', ParseIdPipe) tenantId: string, @Query() query: GapCostsQueryDto): Promise<GapCostsDto> {
    return this.gapCosts.gapCosts(tenantId, query.modelId);
  }

  @Post('status')
  @HttpCode(200)
  @TenantAccess('write')
  @ApiOperation({
    summary: 'Change the status of many frictions',
    description:
      'Each friction the lifecycle allows moves (one audit event each); those it does not, or that are not the tenant’s, are listed in `rejected` with their position in `ids` (from 1), the reason code and a message in the Accept-Language language. Already in the status: listed as updated, unchanged.',
  })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiAcceptLanguage()
  @ApiBodyExamples(BulkStatusDto, {
    prioritise: {
      summary: 'Prioritise two analysed frictions',
      value: { ids: ['0194c1f0-7a2b-7c3d-8e4f-5a6b7c8d9e0f', '0194c1f0-7a2b-7c3d-8e4f-5a6b7c8d9e10'], status: 'prioritised' },
    },
  })
  @ApiOkResponse({ type: BulkStatusResultDto, description: 'What moved and what was refused, and why' })
  @ApiProblems()
  changeStatuses(@Param('tenantId', ParseIdPipe) tenantId: string, @Body() body: BulkStatusDto): Promise<BulkStatusResultDto> {
    return this.lifecycle.bulk(tenantId, body);
  }

  @Get(':frictionId')
  @TenantAccess('read')
  @ApiOperation({ summary: 'A friction', description: 'With its lines, totals per audience, root causes with their gaps, and an ETag.' })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiUuidParam('frictionId', 'The friction')
  @ApiAcceptLanguage()
  @ApiOkResponse({ type: FrictionDto, description: 'The friction', headers: ETAG })
  @ApiProblems()
  async getFriction(
    @Param('tenantId', ParseIdPipe) tenantId: string,
    @Param('frictionId', ParseIdPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FrictionDto> {
    const friction = await this.frictions.get(tenantId, id);
    void reply.header('ETag', etagOf(friction.version));
    return friction;
  }

  @Patch(':frictionId')
  @TenantAccess('write')
  @ApiOperation({
    summary: 'Change a friction',
    description: `Only the fields sent change (null clears the optional ones); \`burdens\` or the shorthand replace every line, \`rootCauses\` every root cause. ${COST} The status changes through POST …/status. If-Match is honoured (412). Audited.`,
  })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiUuidParam('frictionId', 'The friction')
  @ApiHeader(IF_MATCH)
  @ApiBodyExamples(FrictionUpdateDto, {
    lines: {
      summary: 'Replace the lines',
      value: { burdens: [{ audience: 'citizens', population: 5000, frequencyPerYear: 1, minutesPerOccurrence: 40 }] },
    },
    owner: { summary: 'Name an owner and a tag', value: { ownerId: '0194c1f0-7a2b-7c3d-8e4f-5a6b7c8d9e0f', tags: ['papel'] } },
  })
  @ApiOkResponse({ type: FrictionDto, description: 'The friction after the change', headers: ETAG })
  @ApiProblems(...WRITE_PROBLEMS, PlatformProblem.PreconditionFailed)
  async updateFriction(
    @Param('tenantId', ParseIdPipe) tenantId: string,
    @Param('frictionId', ParseIdPipe) id: string,
    @Body() body: FrictionUpdateDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FrictionDto> {
    const friction = await this.frictions.update(tenantId, id, body, ifMatch);
    void reply.header('ETag', etagOf(friction.version));
    return friction;
  }

  @Delete(':frictionId')
  @HttpCode(204)
  @TenantAccess('write')
  @ApiOperation({ summary: 'Delete a friction', description: 'With its lines and root causes. If-Match is honoured (412). Audited.' })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiUuidParam('frictionId', 'The friction')
  @ApiHeader(IF_MATCH)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(PlatformProblem.PreconditionFailed)
  deleteFriction(
    @Param('tenantId', ParseIdPipe) tenantId: string,
    @Param('frictionId', ParseIdPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    return this.frictions.remove(tenantId, id, ifMatch);
  }

  @Post(':frictionId/status')
  @HttpCode(200)
  @TenantAccess('write')
  @ApiOperation({
    summary: 'Move a friction along its lifecycle',
    description:
      'identified → analysed → prioritised → addressed → resolved; any but resolved → discarded; discarded → identified (reopen). Resolved is final. A move the lifecycle does not allow is a 409 `friction-transition-invalid` listing the statuses allowed (`allowed`). Audited with the note.',
  })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiUuidParam('frictionId', 'The friction')
  @ApiBodyExamples(StatusChangeDto, {
    analyse: { summary: 'Analysed, with a note', value: { status: 'analysed', note: 'Medido con el registro de 2025' } },
  })
  @ApiOkResponse({ type: FrictionDto, description: 'The friction in its new status' })
  @ApiProblems(FrictionProblem.TransitionInvalid)
  changeStatus(
    @Param('tenantId', ParseIdPipe) tenantId: string,
    @Param('frictionId', ParseIdPipe) id: string,
    @Body() body: StatusChangeDto,
  ): Promise<FrictionDto> {
    return this.lifecycle.change(tenantId, id, body);
  }
}
