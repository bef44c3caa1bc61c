import { isRecord } from './levels';
import { prepareModel, type PreparedModel, type PreparedQuestion } from './model';
import type { Answer, MaturityModel } from './types';

/** What an answer input may carry besides its answer: free texts, each at most this long. */
export interface AnswerInputLimits {
  /** Longest accepted comment, in UTF-16 code units (default 4000). */
  readonly commentMaxLength?: number;
  /** Longest accepted evidence reference (a URL, a document id…), in UTF-16 code units (default 2000). */
  readonly evidenceMaxLength?: number;
}

export const DEFAULT_ANSWER_INPUT_LIMITS = Object.freeze({ commentMaxLength: 4000, evidenceMaxLength: 2000 });

/** The fields an answer input may have; anything else is an `unknown-field`. */
export const ANSWER_INPUT_FIELDS = Object.freeze(['questionKey', 'value', 'notApplicable', 'comment', 'evidence'] as const);
export type AnswerInputField = (typeof ANSWER_INPUT_FIELDS)[number];

/**
 * One accepted answer input, normalised: `answer` is what scoring reads (`null` when the input
 * clears the answer: no value and not "not applicable"); `comment` and `evidence` are trimmed, and
 * blank ones are `null` (blank evidence is no evidence).
 */
export interface AcceptedAnswerInput {
  /** Position in the input list, from 0. */
  readonly index: number;
  readonly questionKey: string;
  readonly answer: Answer | null;
  readonly comment: string | null;
  readonly evidence: string | null;
}

/** What a value must be for the question it answers (for the message shown to the person answering). */
export type ExpectedValue =
  { readonly type: 'yes_no' } | { readonly type: 'percentage' } | { readonly type: 'scale'; readonly options: ReadonlyArray<number> };

interface IssueBase<Code extends string> {
  /** Position in the input list, from 0. */
  readonly index: number;
  /** The input's question key when it has one that is a string (even if no such question exists). */
  readonly questionKey: string | null;
  /** The offending field, or `null` when the input as a whole is wrong. */
  readonly field: string | null;
  readonly code: Code;
  /** In English, for logs and library users; the API words its own messages from `code` and the details. */
  readonly message: string;
}

/**
 * Why one answer input was refused. Each refusal names one field (the first problem found in the
 * input); the other inputs are checked independently.
 */
export type AnswerInputIssue =
  | IssueBase<'not-an-object'> // the input is not a JSON object
  | IssueBase<'missing-question-key'> // no questionKey, or not a string
  | IssueBase<'unknown-question'> // the key is not a question of the model
  | (IssueBase<'duplicate-answer'> & { readonly firstIndex: number }) // the same question earlier in the list
  | IssueBase<'unknown-field'> // a field other than ANSWER_INPUT_FIELDS
  | IssueBase<'invalid-not-applicable'> // notApplicable other than true or false
  | IssueBase<'value-and-not-applicable'> // a value together with notApplicable: true
  | (IssueBase<'invalid-value'> & { readonly expected: ExpectedValue }) // the value does not fit the question
  | IssueBase<'invalid-text'> // comment or evidence neither a string nor null, or holding a NUL character
  | (IssueBase<'text-too-long'> & { readonly maxLength: number }); // comment or evidence over its limit

export type AnswerInputIssueCode = AnswerInputIssue['code'];

export interface CheckedAnswerInputs {
  /** The inputs that can be stored, in input order, at most one per question. */
  readonly accepted: AcceptedAnswerInput[];
  /** The others, in input order. Every input index is in exactly one of the two lists. */
  readonly rejected: AnswerInputIssue[];
}

/**
 * Checks answers as people and integrators send them (autosave, bulk), one by one: each input is
 * accepted or rejected on its own, so the good ones can be stored and the bad ones reported. An
 * input is `{ questionKey, value?, notApplicable?, comment?, evidence? }`:
 *
 * - `value` answers the question: a scale value must be one of the question's option values; a
 *   yes/no value `true`/`false`, or `1`/`0` (normalised to a boolean); a percentage a finite number
 *   from 0 to 100 (stricter than scoring, which clips: a person typing 150 % made a mistake).
 * - `notApplicable: true` marks the question not applicable; with a value too, it is refused.
 *   `notApplicable: false` is the same as leaving it out.
 * - Neither (or `value: null`) clears the answer: `answer` is `null`. The comment and evidence still
 *   travel with it, so a note can be kept before the question is answered.
 * - `comment` and `evidence` are strings (or `null`) within {@link AnswerInputLimits}, without NUL.
 * - The same question twice: the first is kept, the later ones are `duplicate-answer`. A duplicate
 *   of a refused input is refused too (the first one named the question).
 *
 * Every accepted non-null answer is valid for {@link scoreAssessment} (see `validateAnswers`).
 *
 * @throws MaturityValidationError if the model itself is invalid.
 */
export function checkAnswerInputs(
  model: MaturityModel | PreparedModel,
  inputs: ReadonlyArray<unknown>,
  limits: AnswerInputLimits = {},
): CheckedAnswerInputs {
  const prepared = prepareModel(model);
  const max = { ...DEFAULT_ANSWER_INPUT_LIMITS, ...limits };
  const accepted: AcceptedAnswerInput[] = [];
  const rejected: AnswerInputIssue[] = [];
  const firstIndex = new Map<string, number>();
  inputs.forEach((input, index) => {
    const result = checkOne(prepared, input, index, max, firstIndex);
    if ('code' in result) rejected.push(result);
    else accepted.push(result);
  });
  return { accepted, rejected };
}

type Limits = Required<AnswerInputLimits>;

function checkOne(
  model: PreparedModel,
  input: unknown,
  index: number,
  limits: Limits,
  firstIndex: Map<string, number>,
): AcceptedAnswerInput | AnswerInputIssue {
  if (!isRecord(input)) {
    return issue(index, null, null, 'not-an-object', 'an answer must be an object { questionKey, value | notApplicable }');
  }
  const { questionKey } = input;
  if (typeof questionKey !== 'string') {
    return issue(index, null, 'questionKey', 'missing-question-key', 'questionKey is required and must be a string');
  }
  const question = model.questions.get(questionKey);
  if (question === undefined) {
    return issue(index, questionKey, 'questionKey', 'unknown-question', `"${questionKey}" is not a question of this model version`);
  }
  const first = firstIndex.get(questionKey);
  if (first !== undefined) {
    return {
      ...issue(index, questionKey, 'questionKey', 'duplicate-answer', `question "${questionKey}" is already answered at index ${first}`),
      firstIndex: first,
    };
  }
  firstIndex.set(questionKey, index);
  const unknown = Object.keys(input).find((field) => !(ANSWER_INPUT_FIELDS as ReadonlyArray<string>).includes(field));
  if (unknown !== undefined) return issue(index, questionKey, unknown, 'unknown-field', `"${unknown}" is not a field of an answer`);

  const { notApplicable } = input;
  if (notApplicable !== undefined && notApplicable !== true && notApplicable !== false) {
    return issue(index, questionKey, 'notApplicable', 'invalid-not-applicable', 'notApplicable, when given, is true or false');
  }
  const value = input.value ?? null;
  if (notApplicable === true && value !== null) {
    return issue(index, questionKey, 'notApplicable', 'value-and-not-applicable', 'give either a value or notApplicable: true, not both');
  }
  let answer: Answer | null = null;
  if (notApplicable === true) {
    answer = { questionKey, notApplicable: true };
  } else if (value !== null) {
    const normalised = normaliseValue(question, value);
    if (normalised === undefined) {
      return { ...issue(index, questionKey, 'value', 'invalid-value', valueMessage(question, value)), expected: expectedOf(question) };
    }
    answer = { questionKey, value: normalised };
  }
  const texts: { comment: string | null; evidence: string | null } = { comment: null, evidence: null };
  for (const field of ['comment', 'evidence'] as const) {
    const text = input[field];
    if (text === undefined || text === null) continue;
    // A NUL character cannot be stored as text (PostgreSQL refuses it): refused here, row by row.
    if (typeof text !== 'string' || text.includes('\u0000')) {
      return issue(index, questionKey, field, 'invalid-text', `${field} must be a string (without NUL characters) or null`);
    }
    const maxLength = field === 'comment' ? limits.commentMaxLength : limits.evidenceMaxLength;
    if (text.length > maxLength) {
      return { ...issue(index, questionKey, field, 'text-too-long', `${field} is longer than ${maxLength} characters`), maxLength };
    }
    const trimmed = text.trim();
    texts[field] = trimmed === '' ? null : trimmed;
  }
  return { index, questionKey, answer, ...texts };
}

/** The value as scoring reads it, or `undefined` when it does not fit the question. */
function normaliseValue(question: PreparedQuestion, value: unknown): number | boolean | undefined {
  switch (question.type) {
    case 'yes_no':
      if (typeof value === 'boolean') return value;
      return value === 1 ? true : value === 0 ? false : undefined;
    case 'percentage':
      return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100 ? value : undefined;
    case 'scale':
      return typeof value === 'number' && question.optionValues!.includes(value) ? value : undefined;
  }
}

function expectedOf(question: PreparedQuestion): ExpectedValue {
  return question.type === 'scale' ? { type: 'scale', options: question.optionValues! } : { type: question.type };
}

function valueMessage(question: PreparedQuestion, value: unknown): string {
  const got = typeof value === 'string' ? JSON.stringify(value) : String(value);
  switch (question.type) {
    case 'yes_no':
      return `a yes/no answer is true or false (or 1 or 0), not ${got}`;
    case 'percentage':
      return `a percentage answer is a number from 0 to 100, not ${got}`;
    case 'scale':
      return `a scale answer is one of the option values ${question.optionValues!.join(', ')}, not ${got}`;
  }
}

function issue<Code extends AnswerInputIssueCode>(
  index: number,
  questionKey: string | null,
  field: string | null,
  code: Code,
  message: string,
): IssueBase<Code> {
  return { index, questionKey, field, code, message };
}
