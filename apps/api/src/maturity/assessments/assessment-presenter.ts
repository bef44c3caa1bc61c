import type { Answer, PreparedModel, ScoreResult } from '@rumbo/method';
import type { AnswerRow } from './answers/answers.repository';
import type { AssessmentResult, AssessmentRow } from './assessments.repository';
import type { AnswerDto, AssessmentDto } from './dto/assessment.dto';

const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());

/** An assessment as the API shows it: its row, with the result of its answers kept on it. */
export function toAssessmentDto(row: AssessmentRow): AssessmentDto {
  return {
    id: row.id,
    tenantId: row.tenantId,
    modelId: row.modelId,
    modelVersionId: row.modelVersionId,
    period: row.period,
    title: row.title,
    status: row.status,
    respondents: row.respondents,
    coverage: row.coverage,
    answeredCount: row.answeredCount,
    questionCount: row.questionCount,
    score: row.score,
    level: row.level,
    submittedAt: iso(row.submittedAt),
    validatedAt: iso(row.validatedAt),
    duplicateOf: row.duplicateOf,
    version: row.version,
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
  };
}

/** A stored answer as the API shows it: yes/no as a boolean. */
export function toAnswerDto(model: PreparedModel, row: AnswerRow): AnswerDto {
  return {
    questionKey: row.questionKey,
    value: row.notApplicable ? null : storedValue(model, row),
    notApplicable: row.notApplicable,
    comment: row.comment,
    evidence: row.evidence,
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

function storedValue(model: PreparedModel, row: Pick<AnswerRow, 'questionKey' | 'value'>): number | boolean | null {
  if (row.value === null) return null;
  return model.questions.get(row.questionKey)?.type === 'yes_no' ? row.value === 1 : row.value;
}

/**
 * Stored answers as @rumbo/method reads them. Answers to questions the version does not have (none
 * can be stored, but a row is data) and notes without an answer are left out.
 */
export function methodAnswers(model: PreparedModel, rows: readonly Pick<AnswerRow, 'questionKey' | 'value' | 'notApplicable'>[]): Answer[] {
  const out: Answer[] = [];
  for (const row of rows) {
    if (!model.questions.has(row.questionKey)) continue;
    if (row.notApplicable) out.push({ questionKey: row.questionKey, notApplicable: true });
    else if (row.value !== null) out.push({ questionKey: row.questionKey, value: storedValue(model, row)! });
  }
  return out;
}

/** What the row keeps of a score: the figures lists show. */
export function resultOf(result: ScoreResult): AssessmentResult {
  const { overall } = result;
  return {
    score: overall.score,
    level: overall.level?.level ?? null,
    coverage: overall.coverage,
    answeredCount: overall.counts.answered + overall.counts.notApplicable,
    questionCount: overall.counts.total,
  };
}
