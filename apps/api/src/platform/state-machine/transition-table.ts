import type { AccessLevel } from '../auth/auth.decorators';

/** One action of a status lifecycle: the states it starts from, where it leads, who may take it. */
export interface TransitionRule<State extends string> {
  /** The states the action may start from. */
  readonly from: readonly State[];
  readonly to: State;
  /** The tenant access level the action requires (the controller declares it from here). */
  readonly access: AccessLevel;
  /**
   * Asking for the action when the resource is already in `to` changes nothing and succeeds, instead
   * of being refused (e.g. reopening a draft): retries and double clicks are harmless.
   */
  readonly idempotent?: boolean;
}

/** What a transition table decides for an action on a resource in a given state. */
export type TransitionDecision<State extends string> =
  | { readonly kind: 'move'; readonly from: State; readonly to: State }
  | { readonly kind: 'stay'; readonly state: State }
  | { readonly kind: 'refuse'; readonly state: State; readonly allowedFrom: readonly State[] };

/**
 * A status lifecycle as data, not as ifs: every action with the states it starts from, the state it
 * leads to and the access it needs. Modules declare theirs once (assessments, frictions, use cases,
 * KPI targets…), take their controllers' access levels from it and ask it before every change, so a
 * state or a role cannot be forgotten in one code path and remembered in another. What a move does
 * besides changing the state (timestamps, audit, guards such as "complete before submitting") stays
 * with the module; the table only says whether the move is allowed.
 *
 *     const ASSESSMENT = new TransitionTable('assessment', ['draft', 'submitted'] as const, {
 *       submit: { from: ['draft'], to: 'submitted', access: 'write' },
 *     });
 *     const decision = ASSESSMENT.decide('submit', row.status);
 */
export class TransitionTable<State extends string, Action extends string> {
  constructor(
    /** For messages: `assessment`, `friction`… */
    readonly resource: string,
    readonly states: readonly State[],
    readonly rules: Readonly<Record<Action, TransitionRule<State>>>,
  ) {
    for (const [action, rule] of Object.entries<TransitionRule<State>>(rules)) {
      const unknown = [...rule.from, rule.to].filter((s) => !states.includes(s));
      if (unknown.length) throw new Error(`${resource} transition "${action}" names unknown states: ${unknown.join(', ')}`);
      if (rule.from.length === 0) throw new Error(`${resource} transition "${action}" starts from no state`);
      if (rule.from.includes(rule.to) && !rule.idempotent) {
        throw new Error(`${resource} transition "${action}" leads from ${rule.to} to itself: declare it idempotent instead`);
      }
    }
  }

  /** The access level an action needs (for `@TenantAccess(table.access('submit'))`). */
  access(action: Action): AccessLevel {
    return this.rules[action].access;
  }

  /** Whether the action moves the resource, leaves it as it is (idempotent, already there), or is refused. */
  decide(action: Action, current: State): TransitionDecision<State> {
    const rule = this.rules[action];
    if (current === rule.to && rule.idempotent) return { kind: 'stay', state: current };
    if (rule.from.includes(current)) return { kind: 'move', from: current, to: rule.to };
    return { kind: 'refuse', state: current, allowedFrom: rule.from };
  }

  /** `draft → submitted`, `submitted, validated → draft`: for operation descriptions. */
  describe(action: Action): string {
    const rule = this.rules[action];
    return `${rule.from.join(', ')} → ${rule.to}${rule.idempotent ? ` (already ${rule.to}: no change)` : ''}`;
  }

  /** The actions that may start from a state, e.g. to tell a client what it can do next. */
  actionsFrom(state: State): Action[] {
    return (Object.keys(this.rules) as Action[]).filter((action) => this.rules[action].from.includes(state));
  }
}
