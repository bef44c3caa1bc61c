import { Injectable } from '@nestjs/common';
import { scoreAssessment, submissionGaps } from '@rumbo/method';
import type { EntityManager } from 'typeorm';
import { AuditTrail } from '../../audit/audit-trail.service';
import { RequestContext } from '../../platform/context/request-context';
import type { ProblemError } from '../../platform/errors/problem';
import { actingUserId } from '../acting-user';
import { MaturityProblem, maturityProblems } from '../maturity.problems';
import { submissionGapText } from '../maturity.texts';
import { AnswersRepository } from './answers/answers.repository';
import type { AssessmentStatus } from './assessment.entity';
import { ASSESSMENT_LIFECYCLE, type AssessmentAction } from './assessment-lifecycle';
import { methodAnswers, resultOf, toAssessmentDto } from './assessment-presenter';
import { AssessmentsRepository, type AssessmentRow, type TransitionFields } from './assessments.repository';
import { AssessmentsService } from './assessments.service';
import type { AssessmentDto } from './dto/assessment.dto';

/**
 * Submit, validate and reopen, each asked of the transition table first. The row is locked for the
 * length of the request, and the status update names the states it may come from, so a concurrent
 * move cannot slip between the check and the write. Each move is recorded in the audit trail.
 */
@Injectable()
export class AssessmentLifecycleService {
  constructor(
    private readonly assessments: AssessmentsService,
    private readonly repository: AssessmentsRepository,
    private readonly answers: AnswersRepository,
    private readonly audit: AuditTrail,
  ) {}

  /**
   * Submits a draft with every applicable question answered and the evidence its questions require.
   * Otherwise 422: `assessment-incomplete` when answers are missing, else `assessment-evidence-missing`;
   * either lists every missing answer and every missing evidence. The score is stored with its version.
   */
  async submit(tenantId: string, id: string): Promise<AssessmentDto> {
    const manager = RequestContext.manager();
    const assessment = await this.locked(manager, tenantId, id, 'submit');
    const scoring = await this.assessments.scoringOf(manager, assessment);
    const rows = await this.answers.answers(manager, tenantId, id);
    const answers = methodAnswers(scoring.model, rows);
    const withEvidence = new Set(rows.filter((r) => r.evidence !== null).map((r) => r.questionKey));
    const gaps = submissionGaps(scoring.model, answers, (key) => withEvidence.has(key));
    if (gaps.length > 0) {
      const errors = gaps.map((gap) => ({
        path: gap.missing === 'answer' ? `answers.${gap.questionKey}` : `answers.${gap.questionKey}.evidence`,
        code: gap.missing === 'answer' ? 'missing' : 'evidenceRequired',
        message: submissionGapText(gap),
        questionKey: gap.questionKey,
      }));
      const missingAnswers = gaps.filter((g) => g.missing === 'answer').length;
      throw missingAnswers > 0
        ? maturityProblems.raise(MaturityProblem.AssessmentIncomplete, { count: missingAnswers }, { errors })
        : maturityProblems.raise(MaturityProblem.AssessmentEvidenceMissing, { count: gaps.length }, { errors });
    }
    const result = scoreAssessment(scoring.model, answers);
    await this.repository.storeScore(manager, tenantId, id, scoring.version.id, result);
    return this.move(manager, assessment, 'submit', { result: resultOf(result), submittedAt: 'now', submittedBy: actingUserId() });
  }

  /** An administrator accepts a submitted assessment. */
  async validate(tenantId: string, id: string): Promise<AssessmentDto> {
    const manager = RequestContext.manager();
    const assessment = await this.locked(manager, tenantId, id, 'validate');
    return this.move(manager, assessment, 'validate', { validatedAt: 'now', validatedBy: actingUserId() });
  }

  /** An administrator turns a submitted or validated assessment back into a draft (a draft stays as it is). */
  async reopen(tenantId: string, id: string): Promise<AssessmentDto> {
    const manager = RequestContext.manager();
    const assessment = await this.locked(manager, tenantId, id, 'reopen');
    if (ASSESSMENT_LIFECYCLE.decide('reopen', assessment.status).kind === 'stay') return toAssessmentDto(assessment);
    return this.move(manager, assessment, 'reopen', { validatedAt: null, validatedBy: null });
  }

  /** The assessment, locked, once the table allows the action from its state (else the action's 409). */
  private async locked(manager: EntityManager, tenantId: string, id: string, action: AssessmentAction): Promise<AssessmentRow> {
    const assessment = await this.assessments.find(manager, tenantId, id, { lock: true });
    if (ASSESSMENT_LIFECYCLE.decide(action, assessment.status).kind === 'refuse') throw refusal(action, assessment.status);
    return assessment;
  }

  private async move(
    manager: EntityManager,
    assessment: AssessmentRow,
    action: AssessmentAction,
    fields: TransitionFields,
  ): Promise<AssessmentDto> {
    const rule = ASSESSMENT_LIFECYCLE.rules[action];
    const moved = await this.repository.transition(manager, assessment.tenantId, assessment.id, rule.from, rule.to, fields);
    // The row is locked, so it is still where the table allowed the move from.
    if (!moved) throw refusal(action, assessment.status);
    await this.audit.record(manager, {
      action: `assessment.${moved.status === 'draft' ? 'reopened' : moved.status}`,
      entityType: 'assessment',
      entityId: moved.id,
      before: { status: assessment.status, score: assessment.score, level: assessment.level },
      after: { status: moved.status, score: moved.score, level: moved.level },
    });
    return toAssessmentDto(moved);
  }
}

/** The problem for an action the table refuses from a status. */
function refusal(action: AssessmentAction, status: AssessmentStatus): ProblemError {
  switch (action) {
    case 'answer':
    case 'submit':
      return maturityProblems.raise(MaturityProblem.AssessmentNotDraft, { status });
    case 'validate':
    case 'reopen':
      return maturityProblems.raise(MaturityProblem.AssessmentNotSubmitted, { status });
  }
}
