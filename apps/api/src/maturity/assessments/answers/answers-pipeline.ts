import { checkAnswerInputs, type AcceptedAnswerInput, type PreparedModel } from '@rumbo/method';
import type { BulkRejection } from '../../../platform/bulk/bulk-rejection';
import { answerRejectionText } from '../../maturity.texts';
import type { AnswerRow, AnswerWrite } from './answers.repository';

/**
 * The stages of a bulk write of answers that need no database — parse, validate, plan — as pure
 * functions; the service runs write and audit around them. Module-local on purpose: the platform's
 * bulk pipeline (platform/bulk) will run the same five stages for every bulk route, and these move
 * onto it as they are.
 */

export type AnswerRejection = BulkRejection<{ questionKey: string | null }>;

/** Stage 1 — parse: the request's rows, one per answer, as sent (the body is already JSON). */
export function parseAnswerRows(body: { answers: unknown[] }): unknown[] {
  return body.answers;
}

/**
 * Stage 2 — validate: each row on its own, by @rumbo/method's rules (checkAnswerInputs), against the
 * assessment's model version. Refusals take the shape every bulk route answers with: `row` from 1,
 * the field, a stable code, the message in both languages, and the row's own question key.
 */
export function validateAnswerRows(
  model: PreparedModel,
  rows: unknown[],
): { accepted: AcceptedAnswerInput[]; rejected: AnswerRejection[] } {
  const { accepted, rejected } = checkAnswerInputs(model, rows);
  return {
    accepted,
    rejected: rejected.map((issue) => ({
      row: issue.index + 1,
      field: issue.field,
      code: issue.code,
      message: answerRejectionText(issue),
      questionKey: issue.questionKey,
    })),
  };
}

/** One answer that changes, before and after (for the audit trail). */
export interface AnswerChange {
  questionKey: string;
  before: AnswerWrite | null;
  after: AnswerWrite | null;
}

/** What the write stage does, and what the report counts. */
export interface AnswerPlan {
  upserts: AnswerWrite[];
  deletes: string[];
  changes: AnswerChange[];
  created: number;
  updated: number;
  unchanged: number;
  cleared: number;
}

/**
 * Stage 3 — plan: each accepted row against what is stored. A row equal to the stored answer is
 * unchanged (nothing written); one that leaves neither answer nor note removes the stored row.
 */
export function planAnswers(model: PreparedModel, accepted: readonly AcceptedAnswerInput[], stored: readonly AnswerRow[]): AnswerPlan {
  const current = new Map(stored.map((row) => [row.questionKey, row]));
  const plan: AnswerPlan = { upserts: [], deletes: [], changes: [], created: 0, updated: 0, unchanged: 0, cleared: 0 };
  for (const input of accepted) {
    const was = current.get(input.questionKey);
    const before = was
      ? { questionKey: was.questionKey, value: was.value, notApplicable: was.notApplicable, comment: was.comment, evidence: was.evidence }
      : null;
    const after = toWrite(model, input);
    if (after === null) {
      if (before === null) plan.unchanged++;
      else {
        plan.deletes.push(input.questionKey);
        plan.changes.push({ questionKey: input.questionKey, before, after: null });
        plan.cleared++;
      }
    } else if (before !== null && sameAnswer(before, after)) {
      plan.unchanged++;
    } else {
      plan.upserts.push(after);
      plan.changes.push({ questionKey: input.questionKey, before, after });
      if (before === null) plan.created++;
      else plan.updated++;
    }
  }
  return plan;
}

/** The row to store for an accepted input, or null when nothing is left to store. */
function toWrite(model: PreparedModel, input: AcceptedAnswerInput): AnswerWrite | null {
  const { answer, comment, evidence, questionKey } = input;
  if (answer === null && comment === null && evidence === null) return null;
  const notApplicable = answer !== null && 'notApplicable' in answer;
  let value: number | null = null;
  if (answer !== null && 'value' in answer) {
    // yes/no answers are stored as 1/0, like every value, in a numeric column.
    value = model.questions.get(questionKey)?.type === 'yes_no' ? (answer.value ? 1 : 0) : (answer.value as number);
  }
  return { questionKey, value, notApplicable, comment, evidence };
}

function sameAnswer(a: AnswerWrite, b: AnswerWrite): boolean {
  return a.value === b.value && a.notApplicable === b.notApplicable && a.comment === b.comment && a.evidence === b.evidence;
}
