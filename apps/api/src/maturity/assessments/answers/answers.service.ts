import { Injectable } from '@nestjs/common';
import { scoreAssessment, submissionGaps } from '@rumbo/method';
import { AuditTrail } from '../../../audit/audit-trail.service';
import { RequestContext } from '../../../platform/context/request-context';
import { localise } from '../../../platform/errors/catalogue';
import { actingUserId } from '../../acting-user';
import { MaturityProblem, maturityProblems } from '../../maturity.problems';
import { ASSESSMENT_LIFECYCLE } from '../assessment-lifecycle';
import { methodAnswers, resultOf } from '../assessment-presenter';
import { AssessmentsRepository } from '../assessments.repository';
import { AssessmentsService } from '../assessments.service';
import type { AnswersResultDto } from '../dto/assessment.dto';
import { parseAnswerRows, planAnswers, validateAnswerRows, type AnswerPlan } from './answers-pipeline';
import { AnswersRepository, type AnswerRow } from './answers.repository';

/**
 * Answers, the bulk route of the module (autosave sends one, integrators a whole questionnaire):
 * parse → validate → plan → write → audit. Good rows are stored and bad ones reported in the shared
 * rejection shape; the assessment's result is kept current in the same transaction.
 */
@Injectable()
export class AnswersService {
  constructor(
    private readonly assessments: AssessmentsService,
    private readonly assessmentsRepository: AssessmentsRepository,
    private readonly answers: AnswersRepository,
    private readonly audit: AuditTrail,
  ) {}

  async put(tenantId: string, id: string, body: { answers: unknown[] }): Promise<AnswersResultDto> {
    const manager = RequestContext.manager();
    const assessment = await this.assessments.find(manager, tenantId, id, { lock: true });
    if (ASSESSMENT_LIFECYCLE.decide('answer', assessment.status).kind === 'refuse') {
      throw maturityProblems.raise(MaturityProblem.AssessmentNotDraft, { status: assessment.status });
    }
    const { model } = await this.assessments.scoringOf(manager, assessment);

    const rows = parseAnswerRows(body);
    const { accepted, rejected } = validateAnswerRows(model, rows);
    const stored = await this.answers.answers(manager, tenantId, id);
    const plan = planAnswers(model, accepted, stored);

    // Write: one statement for the upserts, one for the removals, one for the assessment's result.
    await this.answers.upsert(manager, tenantId, id, plan.upserts, actingUserId());
    await this.answers.delete(manager, tenantId, id, plan.deletes);
    const after = applied(stored, plan);
    const answers = methodAnswers(model, after);
    const result = scoreAssessment(model, answers);
    if (plan.changes.length > 0) {
      await this.assessmentsRepository.saveResult(manager, tenantId, id, resultOf(result));
      await this.audit.record(manager, {
        action: 'assessment.answers-saved',
        entityType: 'assessment',
        entityId: id,
        before: { answers: Object.fromEntries(plan.changes.map((c) => [c.questionKey, c.before])) },
        after: { answers: Object.fromEntries(plan.changes.map((c) => [c.questionKey, c.after])) },
      });
    }

    const withEvidence = new Set(after.filter((a) => a.evidence !== null).map((a) => a.questionKey));
    const gaps = submissionGaps(model, answers, (key) => withEvidence.has(key));
    const language = RequestContext.language();
    return {
      saved: plan.created + plan.updated + plan.cleared,
      created: plan.created,
      updated: plan.updated,
      unchanged: plan.unchanged,
      cleared: plan.cleared,
      rejected: rejected.map((r) => ({ ...r, message: localise(r.message, language) })),
      coverage: result.overall.coverage,
      missing: gaps.filter((g) => g.missing === 'answer').length,
      evidenceMissing: gaps.filter((g) => g.missing === 'evidence').length,
    };
  }
}

/** The stored answers once the plan is written (no need to read them back). */
function applied(stored: readonly AnswerRow[], plan: AnswerPlan): Omit<AnswerRow, 'updatedAt'>[] {
  const rows = new Map<string, Omit<AnswerRow, 'updatedAt'>>(stored.map((row) => [row.questionKey, row]));
  for (const key of plan.deletes) rows.delete(key);
  for (const row of plan.upserts) rows.set(row.questionKey, row);
  return [...rows.values()];
}
