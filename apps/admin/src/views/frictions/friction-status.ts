/** A friction's status (the API's lifecycle, apps/api/src/frictions/friction-lifecycle.ts). */
export const FRICTION_STATUSES = ['identified', 'analysed', 'prioritised', 'addressed', 'resolved', 'discarded'] as const;
export type FrictionStatus = (typeof FRICTION_STATUSES)[number];

/**
 * Where a friction may go from each status, as the API's transition table allows: one step forward
 * (identified → analysed → prioritised → addressed → resolved), discarded from any of the first
 * four, and reopened from discarded. `resolved` is terminal. The SPA offers only these moves; the
 * API has the last word (409 `friction-transition-invalid` names the allowed ones).
 */
export const NEXT_STATUSES: Record<FrictionStatus, readonly FrictionStatus[]> = {
  identified: ['analysed', 'discarded'],
  analysed: ['prioritised', 'discarded'],
  prioritised: ['addressed', 'discarded'],
  addressed: ['resolved', 'discarded'],
  resolved: [],
  discarded: ['identified'],
};

export const isFrictionStatus = (value: unknown): value is FrictionStatus =>
  typeof value === 'string' && (FRICTION_STATUSES as readonly string[]).includes(value);

/** The statuses a friction in `status` may move to. */
export function nextStatuses(status: string): readonly FrictionStatus[] {
  return isFrictionStatus(status) ? NEXT_STATUSES[status] : [];
}

/**
 * What a bulk change can offer for a selection: every status at least one selected friction may move
 * to. The confirmation says how many will move; the API reports the others row by row.
 */
export function bulkTargets(statuses: readonly string[]): FrictionStatus[] {
  return FRICTION_STATUSES.filter((target) => statuses.some((s) => nextStatuses(s).includes(target)));
}

/** How many of the given frictions may move to `target`. */
export function movableCount(statuses: readonly string[], target: FrictionStatus): number {
  return statuses.filter((s) => nextStatuses(s).includes(target)).length;
}

/** Tag colours: open work is informational, done is green, dropped is grey. */
export const STATUS_SEVERITY: Record<FrictionStatus, 'info' | 'warn' | 'success' | 'secondary' | 'contrast'> = {
  identified: 'info',
  analysed: 'info',
  prioritised: 'warn',
  addressed: 'contrast',
  resolved: 'success',
  discarded: 'secondary',
};
