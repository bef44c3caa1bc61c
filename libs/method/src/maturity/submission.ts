import { indexAnswers } from './answers';
import { prepareModel, type PreparedModel } from './model';
import type { MissingQuestion } from './score';
import type { Answer, MaturityModel } from './types';

/** Something a question still lacks before the assessment can be submitted. */
export interface SubmissionGap extends MissingQuestion {
  /** `answer`: neither answered nor marked not applicable; `evidence`: its evidence is required and missing. */
  readonly missing: 'answer' | 'evidence';
}

/**
 * What stands between a draft and its submission, in model order (for each question its missing
 * answer first, then its missing evidence); `[]` when it can be submitted. METHOD.md §1: submitting
 * requires full coverage; a question marked `evidenceRequired` also needs evidence, unless it is
 * marked not applicable (evidence is asked of what applies, answered yet or not). The answers with
 * `missing: 'answer'` are exactly {@link missingQuestions}.
 *
 * @param hasEvidence whether the question's answer carries (non-blank) evidence.
 * @throws MaturityValidationError if the model or the answers are invalid.
 */
export function submissionGaps(
  model: MaturityModel | PreparedModel,
  answers: ReadonlyArray<Answer>,
  hasEvidence: (questionKey: string) => boolean,
): SubmissionGap[] {
  const prepared = prepareModel(model);
  const byKey = indexAnswers(prepared, answers);
  const gaps: SubmissionGap[] = [];
  for (const question of prepared.questions.values()) {
    const checked = byKey.get(question.key);
    const where = {
      questionKey: question.key,
      areaKey: question.areaKey,
      dimensionKey: question.dimensionKey,
      path: `areas[${question.areaIndex}].dimensions[${question.dimensionIndex}].questions[${question.questionIndex}]`,
    };
    if (checked === undefined) gaps.push({ ...where, missing: 'answer' });
    const notApplicable = checked !== undefined && checked.value === null;
    if (question.evidenceRequired && !notApplicable && !hasEvidence(question.key)) gaps.push({ ...where, missing: 'evidence' });
  }
  return gaps;
}
