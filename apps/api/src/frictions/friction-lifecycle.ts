import { TransitionTable } from '../platform/state-machine/transition-table';
import { FRICTION_STATUSES, type FrictionStatus } from './friction.entity';

/**
 * The friction lifecycle (ARCHITECTURE.md §1: a transition table, not ifs). One action per target
 * status, so `POST …/status { status }` names the action by the status it asks for:
 *
 *     identified → analysed → prioritised → addressed → resolved
 *     any of the first four → discarded;  discarded → identified (reopen)
 *
 * `resolved` is terminal. Analysts and administrators (write access) move frictions; each move is
 * audited by FrictionLifecycleService. Asking for the status a friction already has changes nothing.
 */
export const FRICTION_LIFECYCLE = new TransitionTable('friction', FRICTION_STATUSES, {
  identified: { from: ['discarded'], to: 'identified', access: 'write', idempotent: true },
  analysed: { from: ['identified'], to: 'analysed', access: 'write', idempotent: true },
  prioritised: { from: ['analysed'], to: 'prioritised', access: 'write', idempotent: true },
  addressed: { from: ['prioritised'], to: 'addressed', access: 'write', idempotent: true },
  resolved: { from: ['addressed'], to: 'resolved', access: 'write', idempotent: true },
  discarded: { from: ['identified', 'analysed', 'prioritised', 'addressed'], to: 'discarded', access: 'write', idempotent: true },
});

export type FrictionAction = keyof typeof FRICTION_LIFECYCLE.rules;

/** The statuses a friction in `status` may move to (for the 409's `allowed` and for clients). */
export function allowedNext(status: FrictionStatus): FrictionStatus[] {
  return FRICTION_LIFECYCLE.actionsFrom(status);
}
