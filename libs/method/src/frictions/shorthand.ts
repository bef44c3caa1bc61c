import { isRecord } from '../maturity/levels';
import { AUDIENCES, assertValidBurden, type Audience, type BurdenInput } from './burden';

/**
 * The flat one-line form of a friction's cost (METHOD.md §3, for integrators and simple cases):
 * `annualCost = occurrencesPerYear × (hoursLostPerOccurrence × costPerHour + directCostPerOccurrence)`,
 * with `occurrencesPerYear = affectedPeople × occurrencesPerPersonPerYear` when occurrences are unknown.
 */
export interface Shorthand {
  occurrencesPerYear?: number;
  affectedPeople?: number;
  occurrencesPerPersonPerYear?: number;
  hoursLostPerOccurrence: number;
  /** Left out or `null`: the tenant's default for the audience applies (citizens: none). */
  costPerHour?: number | null;
  directCostPerOccurrence?: number | null;
  /** Default `citizens`. */
  audience?: Audience;
}

export type ShorthandIssueCode = 'not-an-object' | 'required' | 'invalid-audience' | 'not-a-number' | 'not-finite' | 'negative';

const NUMERIC = [
  'occurrencesPerYear',
  'affectedPeople',
  'occurrencesPerPersonPerYear',
  'hoursLostPerOccurrence',
  'costPerHour',
  'directCostPerOccurrence',
] as const;

const given = (v: unknown) => v !== undefined && v !== null;

/**
 * Checks a shorthand body: numbers finite and ≥ 0, `hoursLostPerOccurrence` present, and either
 * `occurrencesPerYear` or both `affectedPeople` and `occurrencesPerPersonPerYear` (missing ones are
 * `required`). The line it makes is then checked by {@link shorthandBurden} against the burden limits.
 */
export function shorthandIssues(s: unknown): { path: string; code: ShorthandIssueCode }[] {
  if (!isRecord(s)) return [{ path: '', code: 'not-an-object' }];
  const issues: { path: string; code: ShorthandIssueCode }[] = [];
  for (const field of NUMERIC) {
    const v = s[field];
    if (!given(v)) continue;
    if (typeof v !== 'number') issues.push({ path: field, code: 'not-a-number' });
    else if (!Number.isFinite(v)) issues.push({ path: field, code: 'not-finite' });
    else if (v < 0) issues.push({ path: field, code: 'negative' });
  }
  if (!given(s.hoursLostPerOccurrence)) issues.push({ path: 'hoursLostPerOccurrence', code: 'required' });
  if (!given(s.occurrencesPerYear)) {
    if (!given(s.affectedPeople)) issues.push({ path: 'affectedPeople', code: 'required' });
    if (!given(s.occurrencesPerPersonPerYear)) issues.push({ path: 'occurrencesPerPersonPerYear', code: 'required' });
  }
  if (given(s.audience) && !AUDIENCES.includes(s.audience as Audience)) issues.push({ path: 'audience', code: 'invalid-audience' });
  return issues;
}

/**
 * Turns the shorthand into one burden line (METHOD.md §3):
 *
 * - with `affectedPeople` and `occurrencesPerPersonPerYear`: `population = affectedPeople`,
 *   `frequencyPerYear = occurrencesPerPersonPerYear` (when `occurrencesPerYear` is also given it wins
 *   and the frequency becomes `occurrencesPerYear / affectedPeople`, so occurrences match it);
 * - with `occurrencesPerYear` and `affectedPeople > 0`: `population = affectedPeople`,
 *   `frequencyPerYear = occurrencesPerYear / affectedPeople` (the population stays people, the RICE reach);
 * - with `occurrencesPerYear` only: `population = occurrencesPerYear`, `frequencyPerYear = 1` (each case once);
 * - `minutesPerOccurrence = hoursLostPerOccurrence × 60`, `tariffPerHour = costPerHour`,
 *   `outOfPocketPerOccurrence = directCostPerOccurrence` (default 0), `audience` default `citizens`.
 *
 * @throws RangeError when {@link shorthandIssues} reports an issue or the line exceeds the burden limits.
 */
export function shorthandBurden(s: Shorthand): BurdenInput {
  const issues = shorthandIssues(s);
  if (issues.length > 0) {
    throw new RangeError(`shorthandBurden: ${issues.map((i) => `${i.path || 'body'}: ${i.code}`).join('; ')}`);
  }
  const people = s.affectedPeople ?? null;
  let population: number;
  let frequencyPerYear: number;
  if (s.occurrencesPerYear === undefined || s.occurrencesPerYear === null) {
    population = people as number;
    frequencyPerYear = s.occurrencesPerPersonPerYear as number;
  } else if (people !== null && people > 0) {
    population = people;
    frequencyPerYear = s.occurrencesPerYear / people;
  } else {
    population = s.occurrencesPerYear;
    frequencyPerYear = 1;
  }
  const line: BurdenInput = {
    audience: s.audience ?? 'citizens',
    population,
    frequencyPerYear,
    minutesPerOccurrence: s.hoursLostPerOccurrence * 60,
    tariffPerHour: s.costPerHour ?? null,
    outOfPocketPerOccurrence: s.directCostPerOccurrence ?? 0,
  };
  assertValidBurden(line, 'shorthandBurden');
  return line;
}
