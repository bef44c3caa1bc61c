import { indexAnswers, valueProblem } from './answers';
import { prepareModel, type PreparedModel } from './model';
import type { Answer, MaturityModel } from './types';

/** Why an answer could not be carried over to the new model version. */
export type DropReason =
  | 'question-removed' // no question with this key in the new version
  | 'type-changed' // the question's type differs between the versions
  | 'option-removed'; // a scale value that is not among the new version's option values

export interface DroppedAnswer {
  readonly answer: Answer;
  readonly questionKey: string;
  readonly reason: DropReason;
  readonly message: string;
}

export interface MappedAnswers {
  /** The answers valid under the new version, in their original order (same objects). */
  readonly kept: Answer[];
  readonly dropped: DroppedAnswer[];
}

/**
 * Carries an assessment's answers over to a newer model version for re-scoring (METHOD.md §1:
 * "where question keys match"). An answer is kept when its question key exists in `toModel` with the
 * same type and, for a scale question, its value is one of the new option values (a kept scale value
 * is re-scored against the new min/max). A not-applicable answer is kept whenever the key exists.
 * Every other answer is dropped with a reason. `kept` is always valid for `toModel`.
 *
 * @throws MaturityValidationError if either model is invalid, or if the answers are invalid for `fromModel`.
 */
export function mapAnswers(
  answers: ReadonlyArray<Answer>,
  fromModel: MaturityModel | PreparedModel,
  toModel: MaturityModel | PreparedModel,
): MappedAnswers {
  const from = prepareModel(fromModel);
  const to = prepareModel(toModel);
  const byKey = indexAnswers(from, answers);
  const kept: Answer[] = [];
  const dropped: DroppedAnswer[] = [];
  for (const { answer, value } of byKey.values()) {
    const { questionKey } = answer;
    const target = to.questions.get(questionKey);
    const source = from.questions.get(questionKey)!;
    if (target === undefined) {
      dropped.push({ answer, questionKey, reason: 'question-removed', message: `question "${questionKey}" is not in the new version` });
    } else if (value === null) {
      kept.push(answer);
    } else if (target.type !== source.type) {
      dropped.push({
        answer,
        questionKey,
        reason: 'type-changed',
        message: `question "${questionKey}" changed type from ${source.type} to ${target.type}`,
      });
    } else if (valueProblem(target, value) !== null) {
      dropped.push({
        answer,
        questionKey,
        reason: 'option-removed',
        message: `value ${String(value)} is not an option of question "${questionKey}" in the new version`,
      });
    } else {
      kept.push(answer);
    }
  }
  return { kept, dropped };
}
