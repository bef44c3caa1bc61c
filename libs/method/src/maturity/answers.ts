import { MaturityValidationError } from './errors';
import { isRecord } from './levels';
import { prepareModel, type PreparedModel, type PreparedQuestion } from './model';
import type { Answer, AnswerIssue, MaturityModel } from './types';

/** A checked answer: `value === null` means not applicable. */
export interface CheckedAnswer {
  readonly answer: Answer;
  readonly index: number;
  readonly value: number | boolean | null;
}

/**
 * Every problem of a set of answers against a (valid) model, with paths `answers[i]…`; `[]` when
 * they are valid. An answer is `{ questionKey, value }` or `{ questionKey, notApplicable: true }`;
 * the key must be a question of the model, answered at most once; a scale value must be one of the
 * question's option values, a yes/no value a boolean, a percentage value a finite number (scoring
 * clips it to 0–100). Not every question needs an answer (see {@link missingQuestions}).
 *
 * @throws MaturityValidationError if the model itself is invalid.
 */
export function validateAnswers(model: MaturityModel | PreparedModel, answers: unknown): AnswerIssue[] {
  return checkAnswers(prepareModel(model), answers).issues;
}

/**
 * The answers by question key.
 *
 * @throws MaturityValidationError listing every issue of {@link validateAnswers}.
 */
export function indexAnswers(model: PreparedModel, answers: unknown): Map<string, CheckedAnswer> {
  const { issues, byKey } = checkAnswers(model, answers);
  if (issues.length > 0) throw new MaturityValidationError('invalid answers', issues);
  return byKey;
}

function checkAnswers(model: PreparedModel, answers: unknown): { issues: AnswerIssue[]; byKey: Map<string, CheckedAnswer> } {
  const issues: AnswerIssue[] = [];
  const byKey = new Map<string, CheckedAnswer>();
  if (!Array.isArray(answers)) {
    issues.push({ path: 'answers', code: 'invalid-answer', message: 'answers must be an array' });
    return { issues, byKey };
  }
  answers.forEach((raw: unknown, index) => {
    if (!isRecord(raw)) {
      issues.push({
        path: `answers[${index}]`,
        code: 'invalid-answer',
        message: 'an answer must be { questionKey, value } or { questionKey, notApplicable: true }',
      });
      return;
    }
    const { questionKey } = raw;
    if (typeof questionKey !== 'string') {
      issues.push({ path: `answers[${index}].questionKey`, code: 'invalid-answer', message: 'questionKey must be a string' });
      return;
    }
    const question = model.questions.get(questionKey);
    if (question === undefined) {
      issues.push({
        path: `answers[${index}].questionKey`,
        code: 'unknown-question',
        message: `"${questionKey}" is not a question of the model`,
      });
      return;
    }
    const hasValue = raw.value !== undefined;
    const notApplicable = raw.notApplicable === true;
    if (raw.notApplicable !== undefined && raw.notApplicable !== true) {
      issues.push({
        path: `answers[${index}].notApplicable`,
        code: 'invalid-answer',
        message: 'notApplicable, when present, must be true',
      });
      return;
    }
    if (hasValue === notApplicable) {
      issues.push({
        path: `answers[${index}]`,
        code: 'invalid-answer',
        message: hasValue
          ? 'an answer has either a value or notApplicable: true, not both'
          : 'an answer needs a value or notApplicable: true',
      });
      return;
    }
    let value: number | boolean | null = null;
    if (hasValue) {
      const problem = valueProblem(question, raw.value);
      if (problem !== null) {
        issues.push({ path: `answers[${index}].value`, code: 'invalid-value', message: problem });
        return;
      }
      value = raw.value as number | boolean;
    }
    const first = byKey.get(questionKey);
    if (first !== undefined) {
      issues.push({
        path: `answers[${index}].questionKey`,
        code: 'duplicate-answer',
        message: `question "${questionKey}" is already answered at answers[${first.index}]`,
      });
      return;
    }
    byKey.set(questionKey, { answer: raw as unknown as Answer, index, value });
  });
  return { issues, byKey };
}

/** Why a value does not fit a question, or `null` if it does. */
export function valueProblem(question: PreparedQuestion, value: unknown): string | null {
  switch (question.type) {
    case 'yes_no':
      return typeof value === 'boolean' ? null : `a yes_no answer must be true or false (got ${JSON.stringify(value)})`;
    case 'percentage':
      return typeof value === 'number' && Number.isFinite(value)
        ? null
        : `a percentage answer must be a finite number (got ${String(value)})`;
    case 'scale':
      return typeof value === 'number' && question.optionValues!.includes(value)
        ? null
        : `a scale answer must be one of the option values ${question.optionValues!.join(', ')} (got ${String(value)})`;
  }
}
