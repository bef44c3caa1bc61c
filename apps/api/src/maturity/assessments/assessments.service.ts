import { Injectable } from '@nestjs/common';
import { scoreAssessment } from '@rumbo/method';
import type { EntityManager } from 'typeorm';
import { AuditTrail } from '../../audit/audit-trail.service';
import { RequestContext } from '../../platform/context/request-context';
import { PlatformProblem, platformProblems } from '../../platform/errors/platform.problems';
import { decodeCursor, DEFAULT_PAGE_SIZE, toPage, type Page } from '../../platform/http/pagination';
import { actingUserId } from '../acting-user';
import { MATURITY_FIELD_MESSAGES, MaturityProblem, maturityProblems } from '../maturity.problems';
import { MaturityModelsService } from '../models/maturity-models.service';
import { ScoringModels, type ScoringModel } from '../scoring/scoring-models';
import { AnswersRepository } from './answers/answers.repository';
import { resultOf, toAnswerDto, toAssessmentDto } from './assessment-presenter';
import { AssessmentsRepository, type AssessmentRow } from './assessments.repository';
import type { AnswerDto, AssessmentCreateDto, AssessmentDto, AssessmentListQueryDto } from './dto/assessment.dto';

/** Starting, listing and reading assessments. Answers, the lifecycle and scores have their own services. */
@Injectable()
export class AssessmentsService {
  constructor(
    private readonly assessments: AssessmentsRepository,
    private readonly answersRepository: AnswersRepository,
    private readonly scoring: ScoringModels,
    private readonly models: MaturityModelsService,
    private readonly audit: AuditTrail,
  ) {}

  /**
   * Starts the tenant's assessment of a model for a period. The tenant has at most one per model
   * (whatever the version) and period: a second is a 409 naming the first, so the caller can carry on
   * with it. The unique index decides, so two simultaneous requests cannot both create one.
   */
  async create(tenantId: string, dto: AssessmentCreateDto): Promise<AssessmentDto> {
    const manager = RequestContext.manager();
    const scoring = await this.usableVersion(manager, tenantId, dto.modelVersionId);
    const created = await this.assessments.insertUnlessExists(
      manager,
      {
        tenantId,
        modelId: scoring.version.modelId,
        modelVersionId: scoring.version.id,
        period: dto.period,
        title: dto.title?.trim() || null,
        respondents: dto.respondents ?? [],
        createdBy: actingUserId(),
      },
      resultOf(scoreAssessment(scoring.model, [])),
    );
    if (!created) {
      const existing = await this.assessments.holder(manager, tenantId, scoring.version.modelId, dto.period);
      // Only a concurrent change between the two statements could hide the holder: retrying settles it.
      if (!existing) throw platformProblems.raise(PlatformProblem.Retry);
      throw maturityProblems.raise(
        MaturityProblem.AssessmentExists,
        { period: dto.period, status: existing.status },
        { extensions: { existingAssessmentId: existing.id, existingStatus: existing.status } },
      );
    }
    await this.audit.record(manager, {
      action: 'assessment.created',
      entityType: 'assessment',
      entityId: created.id,
      after: { modelVersionId: created.modelVersionId, period: created.period, title: created.title, status: created.status },
    });
    return toAssessmentDto(created);
  }

  /** A page of the tenant's assessments, newest period first: one statement, whatever the page size. */
  async list(tenantId: string, query: AssessmentListQueryDto): Promise<Page<AssessmentDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, 2) as [string, string] | undefined;
    const rows = await this.assessments.list(RequestContext.manager(), tenantId, {
      period: query.period,
      status: query.status,
      after,
      limit: limit + 1,
    });
    const page = toPage(rows, limit, (a) => [a.period, a.id]);
    return { data: page.data.map(toAssessmentDto), nextCursor: page.nextCursor };
  }

  async get(tenantId: string, id: string): Promise<AssessmentDto> {
    return toAssessmentDto(await this.find(RequestContext.manager(), tenantId, id));
  }

  /** The answers given so far (and notes kept before answering). */
  async answers(tenantId: string, id: string): Promise<AnswerDto[]> {
    const manager = RequestContext.manager();
    const assessment = await this.find(manager, tenantId, id);
    const scoring = await this.scoringOf(manager, assessment);
    const rows = await this.answersRepository.answers(manager, tenantId, id);
    return rows.map((row) => toAnswerDto(scoring.model, row));
  }

  /** The tenant's assessment, or the platform's 404 (another tenant's looks exactly like a missing one). */
  async find(manager: EntityManager, tenantId: string, id: string, options: { lock?: boolean } = {}): Promise<AssessmentRow> {
    const assessment = await this.assessments.find(manager, tenantId, id, options);
    if (!assessment) throw platformProblems.raise(PlatformProblem.NotFound);
    return assessment;
  }

  /** The scoring model of an assessment's own version (always visible where the assessment is). */
  async scoringOf(manager: EntityManager, assessment: Pick<AssessmentRow, 'modelVersionId'>): Promise<ScoringModel> {
    const scoring = await this.scoring.get(manager, assessment.modelVersionId);
    if (!scoring) throw platformProblems.raise(PlatformProblem.NotFound);
    return scoring;
  }

  /** A published version the tenant may use, or the 422 that says why not. */
  private async usableVersion(manager: EntityManager, tenantId: string, versionId: string): Promise<ScoringModel> {
    const scoring = await this.scoring.get(manager, versionId);
    if (!scoring || !(await this.models.isUsable(scoring.version.ownerTenantId, tenantId, manager))) {
      throw maturityProblems.raise(MaturityProblem.ModelVersionUnusable, {
        errors: [
          {
            path: 'modelVersionId',
            code: 'notFound',
            message: MATURITY_FIELD_MESSAGES.versionUnusable,
          },
        ],
      });
    }
    if (scoring.version.status !== 'published') {
      throw maturityProblems.raise(MaturityProblem.ModelVersionNotPublished, {
        errors: [{ path: 'modelVersionId', code: 'notPublished', message: MATURITY_FIELD_MESSAGES.versionDraft }],
      });
    }
    return scoring;
  }
}
