import { Injectable } from '@nestjs/common';
import { mapAnswers, scoreAssessment, type ScoreResult } from '@rumbo/method';
import type { EntityManager } from 'typeorm';
import { AuditTrail } from '../../audit/audit-trail.service';
import { RequestContext } from '../../platform/context/request-context';
import { localise } from '../../platform/errors/catalogue';
import type { ContentLanguage } from '../../platform/http/language';
import { AnswersRepository } from '../assessments/answers/answers.repository';
import { methodAnswers } from '../assessments/assessment-presenter';
import { AssessmentsRepository, type AssessmentRow } from '../assessments/assessments.repository';
import { AssessmentsService } from '../assessments/assessments.service';
import type { AssessmentScoresDto, RescoreResultDto } from './dto/score.dto';
import { MATURITY_FIELD_MESSAGES, MaturityProblem, maturityProblems } from '../maturity.problems';
import { dropReasonText } from '../maturity.texts';
import { presentScores } from './score-presenter';
import { ScoringModels } from './scoring-models';

/** Scores with their provenance: stored ones (submitted, re-scored) and live ones (drafts). */
@Injectable()
export class ScoresService {
  constructor(
    private readonly assessments: AssessmentsService,
    private readonly repository: AssessmentsRepository,
    private readonly answers: AnswersRepository,
    private readonly scoring: ScoringModels,
    private readonly audit: AuditTrail,
  ) {}

  /**
   * The stored score (submitted or validated), or a live one over the answers so far (a draft); under
   * another version, the score it was re-scored with (404 `assessment-not-rescored` before that).
   */
  async scores(
    tenantId: string,
    id: string,
    explain: boolean,
    versionId: string | undefined,
    language: ContentLanguage,
  ): Promise<AssessmentScoresDto> {
    const manager = RequestContext.manager();
    const assessment = await this.assessments.find(manager, tenantId, id);
    const target = versionId ?? assessment.modelVersionId;
    if (target !== assessment.modelVersionId) {
      const stored = await this.repository.storedScore(manager, tenantId, id, target);
      const scoring = stored && (await this.scoring.get(manager, target));
      if (!stored || !scoring) throw maturityProblems.raise(MaturityProblem.AssessmentNotRescored);
      return presentScores(id, target, stored.computedAt, stored.result, explain, scoring.texts, language);
    }
    const scoring = await this.assessments.scoringOf(manager, assessment);
    const stored = assessment.status === 'draft' ? null : await this.repository.storedScore(manager, tenantId, id, target);
    if (stored) return presentScores(id, target, stored.computedAt, stored.result, explain, scoring.texts, language);
    return presentScores(id, target, null, await this.live(manager, assessment), explain, scoring.texts, language);
  }

  /** The result gaps and benchmarks read: the stored one once submitted, the live one for a draft. */
  async currentResult(manager: EntityManager, assessment: AssessmentRow): Promise<ScoreResult> {
    if (assessment.status !== 'draft') {
      const stored = await this.repository.storedScore(manager, assessment.tenantId, assessment.id, assessment.modelVersionId);
      if (stored) return stored.result;
    }
    return this.live(manager, assessment);
  }

  /**
   * Re-scores the answers under another published version of the same model, matching questions by
   * key (METHOD.md §1); the answers that cannot follow are listed in `dropped`. The score is stored
   * beside the original, which is kept.
   */
  async rescore(tenantId: string, id: string, targetVersionId: string, language: ContentLanguage): Promise<RescoreResultDto> {
    const manager = RequestContext.manager();
    const assessment = await this.assessments.find(manager, tenantId, id);
    const from = await this.assessments.scoringOf(manager, assessment);
    const to = await this.scoring.get(manager, targetVersionId);
    if (!to || to.version.modelId !== from.version.modelId || to.version.status !== 'published') {
      throw maturityProblems.raise(MaturityProblem.RescoreTargetInvalid, {
        errors: [
          {
            path: 'modelVersionId',
            code: to ? 'otherModel' : 'notFound',
            message: to ? MATURITY_FIELD_MESSAGES.rescoreOtherModel : MATURITY_FIELD_MESSAGES.rescoreNotFound,
          },
        ],
      });
    }
    const answers = methodAnswers(from.model, await this.answers.answers(manager, tenantId, id));
    const mapped = mapAnswers(answers, from.model, to.model);
    const result = scoreAssessment(to.model, mapped.kept);
    const stored = await this.repository.storeScore(manager, tenantId, id, to.version.id, result);
    await this.audit.record(manager, {
      action: 'assessment.rescored',
      entityType: 'assessment',
      entityId: id,
      after: { modelVersionId: to.version.id, score: result.overall.score, dropped: mapped.dropped.map((d) => d.questionKey) },
    });
    return {
      ...presentScores(id, to.version.id, stored.computedAt, result, true, to.texts, language),
      dropped: mapped.dropped.map((d) => {
        const question = from.texts.questions.get(d.questionKey);
        return {
          questionKey: d.questionKey,
          questionText: question ? localise(question.text, language) : d.questionKey,
          reason: d.reason,
          message: localise(dropReasonText(d.reason), language),
        };
      }),
    };
  }

  private async live(manager: EntityManager, assessment: AssessmentRow): Promise<ScoreResult> {
    const scoring = await this.assessments.scoringOf(manager, assessment);
    return scoreAssessment(
      scoring.model,
      methodAnswers(scoring.model, await this.answers.answers(manager, assessment.tenantId, assessment.id)),
    );
  }
}
