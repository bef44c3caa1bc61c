/** A friction's status (the API's lifecycle, apps/api/src/frictions/friction-lifecycle.ts). */
export const FRICTION_STATUSES = ['identified', 'analysed', 'prioritised', 'addressed', 'resolved', 'discarded'] as const;
export type FrictionStatus = (typeof FRICTION_STATUSES)[number];

/**
 * Which moves to offer comes from the API: every friction carries `allowedStatuses`, the statuses
 * its lifecycle lets it move to now (identified → analysed → prioritised → addressed → resolved,
 * discarded from any of the first four, reopened from discarded), so the SPA keeps no copy of the
 * transition table.
 */
export interface Movable {
  status: string;
  allowedStatuses: readonly string[];
}

/**
 * What a bulk change can offer for a selection: every status at least one selected friction may move
 * to, in lifecycle order. The confirmation says how many will move; the API reports the others.
 */
export function bulkTargets(frictions: readonly Movable[]): FrictionStatus[] {
  return FRICTION_STATUSES.filter((target) => frictions.some((f) => f.allowedStatuses.includes(target)));
}

/** How many of the given frictions may move to `target`. */
export function movableCount(frictions: readonly Movable[], target: FrictionStatus): number {
  return frictions.filter((f) => f.allowedStatuses.includes(target)).length;
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
