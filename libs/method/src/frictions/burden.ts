import { isRecord } from '../maturity/levels';

/** Who suffers a friction (METHOD.md §3): one burden line per audience. */
export type Audience = 'citizens' | 'businesses' | 'staff';
export const AUDIENCES: readonly Audience[] = Object.freeze(['citizens', 'businesses', 'staff'] as const);

/**
 * One burden line as entered (METHOD.md §3). `tariffPerHour` and `outOfPocketPerOccurrence` may be
 * left out (`undefined` or `null`): the tariff then comes from the tenant's defaults (staff and
 * businesses; citizens have none), the out-of-pocket cost is 0.
 */
export interface BurdenInput {
  audience: Audience;
  /** People or cases affected per year. */
  population: number;
  /** Occurrences per member of the population per year. */
  frequencyPerYear: number;
  minutesPerOccurrence: number;
  tariffPerHour?: number | null;
  outOfPocketPerOccurrence?: number | null;
}

/**
 * Largest accepted value of each numeric field of a burden line. They are far beyond any real case
 * (a billion people, a million occurrences each a year, a whole year per occurrence) and keep every
 * product finite and storable as `numeric`.
 */
export const BURDEN_LIMITS = Object.freeze({
  population: 1e9,
  frequencyPerYear: 1e6,
  minutesPerOccurrence: 525_600,
  tariffPerHour: 1e6,
  outOfPocketPerOccurrence: 1e9,
});

type NumericField = keyof typeof BURDEN_LIMITS;
const REQUIRED: readonly NumericField[] = ['population', 'frequencyPerYear', 'minutesPerOccurrence'];
const OPTIONAL: readonly NumericField[] = ['tariffPerHour', 'outOfPocketPerOccurrence'];

export type BurdenIssueCode =
  | 'not-an-object' // the line is not a JSON object
  | 'required' // a required field is missing (or null)
  | 'invalid-audience' // audience is not one of AUDIENCES
  | 'not-a-number' // a numeric field holds something else (a string, a boolean…)
  | 'not-finite' // NaN or ±Infinity
  | 'negative' // below 0
  | 'too-large' // above BURDEN_LIMITS
  | 'duplicate-audience'; // (validateBurdens) a second line for the same audience

export interface BurdenIssue {
  /** The offending field (`population`), prefixed by the line's index in lists (`[1].population`); `''` for the whole line. */
  path: string;
  code: BurdenIssueCode;
}

function numberIssue(value: unknown, field: NumericField, path: string): BurdenIssue | null {
  if (typeof value !== 'number') return { path, code: 'not-a-number' };
  if (!Number.isFinite(value)) return { path, code: 'not-finite' };
  if (value < 0) return { path, code: 'negative' };
  if (value > BURDEN_LIMITS[field]) return { path, code: 'too-large' };
  return null;
}

/**
 * Checks one burden line as the API receives it and the SPA edits it: the single validation path of
 * both. `[]` means {@link burdenCost} accepts the line. Fields other than those of
 * {@link BurdenInput} are ignored. Every numeric field must be a finite number in
 * `[0, BURDEN_LIMITS[field]]`; the optional ones may also be absent or `null`.
 */
export function validateBurden(line: unknown, prefix = ''): BurdenIssue[] {
  if (!isRecord(line)) return [{ path: prefix, code: 'not-an-object' }];
  const at = (field: string) => (prefix === '' ? field : `${prefix}.${field}`);
  const issues: BurdenIssue[] = [];
  if (line.audience === undefined || line.audience === null) issues.push({ path: at('audience'), code: 'required' });
  else if (!AUDIENCES.includes(line.audience as Audience)) issues.push({ path: at('audience'), code: 'invalid-audience' });
  for (const field of REQUIRED) {
    const value = line[field];
    if (value === undefined || value === null) issues.push({ path: at(field), code: 'required' });
    else {
      const issue = numberIssue(value, field, at(field));
      if (issue) issues.push(issue);
    }
  }
  for (const field of OPTIONAL) {
    const value = line[field];
    if (value === undefined || value === null) continue;
    const issue = numberIssue(value, field, at(field));
    if (issue) issues.push(issue);
  }
  return issues;
}

/**
 * Checks a friction's list of burden lines: each line ({@link validateBurden}, paths `[i].field`)
 * and at most one line per audience (METHOD.md §3; the second one is `[i].audience`
 * `duplicate-audience`). An empty list is valid here (a friction's cost is then 0); the API decides
 * whether a friction needs a line.
 */
export function validateBurdens(lines: unknown): BurdenIssue[] {
  if (!Array.isArray(lines)) return [{ path: '', code: 'not-an-object' }];
  const issues: BurdenIssue[] = [];
  const seen = new Set<unknown>();
  lines.forEach((line, i) => {
    issues.push(...validateBurden(line, `[${i}]`));
    if (!isRecord(line) || !AUDIENCES.includes(line.audience as Audience)) return;
    if (seen.has(line.audience)) issues.push({ path: `[${i}].audience`, code: 'duplicate-audience' });
    seen.add(line.audience);
  });
  return issues;
}

/** Throws a RangeError listing the issues, in the style of the other input errors of this library. */
export function assertValidBurden(line: unknown, what = 'burdenCost'): asserts line is BurdenInput {
  const issues = validateBurden(line);
  if (issues.length > 0) {
    throw new RangeError(`${what}: invalid burden line (${issues.map((i) => `${i.path || 'line'}: ${i.code}`).join('; ')})`);
  }
}
