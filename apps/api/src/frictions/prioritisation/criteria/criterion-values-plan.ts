import type { CriterionValue } from './criterion-values.repository';

/** A value to set (a number) or remove (null) for one friction and criterion. */
export interface CriterionChange {
  frictionId: string;
  criterionKey: string;
  value: number | null;
}

export interface CriterionValuesPlan {
  upserts: CriterionValue[];
  deletes: Omit<CriterionValue, 'value'>[];
  /** For the counts and the audit: what each change was and becomes. */
  created: CriterionChange[];
  updated: { change: CriterionChange; before: number }[];
  unchanged: number;
}

const pair = (frictionId: string, key: string) => `${frictionId}\u0000${key}`;

/**
 * Each change against what is stored: a new value is created, a different one updated, null removes
 * a stored value (counted as updated), and a value equal to the stored one (or null where nothing is
 * stored) is unchanged and not written. Pure: the service reads what is stored and writes the plan.
 */
export function planCriterionValues(changes: readonly CriterionChange[], stored: readonly CriterionValue[]): CriterionValuesPlan {
  const current = new Map(stored.map((v) => [pair(v.frictionId, v.criterionKey), v.value]));
  const plan: CriterionValuesPlan = { upserts: [], deletes: [], created: [], updated: [], unchanged: 0 };
  for (const change of changes) {
    const before = current.get(pair(change.frictionId, change.criterionKey));
    if (change.value === null) {
      if (before === undefined) plan.unchanged++;
      else {
        plan.deletes.push({ frictionId: change.frictionId, criterionKey: change.criterionKey });
        plan.updated.push({ change, before });
      }
    } else if (before === undefined) {
      plan.upserts.push({ ...change, value: change.value });
      plan.created.push(change);
    } else if (before === change.value) {
      plan.unchanged++;
    } else {
      plan.upserts.push({ ...change, value: change.value });
      plan.updated.push({ change, before });
    }
  }
  return plan;
}
