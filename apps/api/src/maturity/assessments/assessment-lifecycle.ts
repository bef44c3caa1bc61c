import { TransitionTable } from '../../platform/state-machine/transition-table';
import { ASSESSMENT_STATUSES } from './assessment.entity';

/**
 * The assessment lifecycle (ARCHITECTURE.md §1: a transition table, not ifs). Controllers take each
 * action's access from here and services ask it before every change:
 *
 * - `answer`: answers change only in a draft (analysts and admins);
 * - `submit`: a complete draft is submitted and its score stored (analysts and admins);
 * - `validate`: an administrator accepts a submitted assessment;
 * - `reopen`: an administrator turns a submitted or validated one back into a draft (a draft stays one).
 */
export const ASSESSMENT_LIFECYCLE = new TransitionTable('assessment', ASSESSMENT_STATUSES, {
  answer: { from: ['draft'], to: 'draft', access: 'write', idempotent: true },
  submit: { from: ['draft'], to: 'submitted', access: 'write' },
  validate: { from: ['submitted'], to: 'validated', access: 'admin' },
  reopen: { from: ['submitted', 'validated'], to: 'draft', access: 'admin', idempotent: true },
});

export type AssessmentAction = keyof typeof ASSESSMENT_LIFECYCLE.rules;
