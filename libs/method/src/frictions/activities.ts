/**
 * Standard activities with their minutes per occurrence at three complexities (METHOD.md §3), from
 * Germany's time-value table for businesses (Leitfaden zur Ermittlung und Darstellung des
 * Erfüllungsaufwands, Zeitwerttabelle Wirtschaft), to estimate `minutesPerOccurrence` of a burden line.
 */
export const STANDARD_ACTIVITIES: readonly { key: string; simple: number; medium: number; complex: number }[] = Object.freeze(
  [
    { key: 'familiarisation', simple: 3, medium: 5, complex: 60 }, // getting familiar with the obligation
    { key: 'obtaining-data', simple: 2, medium: 10, complex: 120 },
    { key: 'filling-in-forms', simple: 3, medium: 5, complex: 30 },
    { key: 'calculations', simple: 2, medium: 20, complex: 240 },
    { key: 'checking', simple: 1, medium: 10, complex: 60 },
    { key: 'error-correction', simple: 2, medium: 10, complex: 60 },
    { key: 'preparing-data', simple: 3, medium: 20, complex: 268 },
    { key: 'sending', simple: 1, medium: 2, complex: 5 },
  ].map((a) => Object.freeze(a)),
);

export type Complexity = 'simple' | 'medium' | 'complex';
const COMPLEXITIES: readonly Complexity[] = ['simple', 'medium', 'complex'];

/**
 * Minutes per occurrence of a procedure made of standard activities: `Σ minutes(activity, complexity) × times`
 * (`times` defaults to 1; an activity done twice counts twice).
 *
 * @throws RangeError for an unknown activity or complexity, or `times` not a finite number ≥ 0.
 */
export function estimateMinutes(items: readonly { activity: string; complexity: Complexity; times?: number }[]): number {
  let minutes = 0;
  items.forEach(({ activity, complexity, times = 1 }, index) => {
    const row = STANDARD_ACTIVITIES.find((a) => a.key === activity);
    if (!row) throw new RangeError(`estimateMinutes: item ${index} has unknown activity ${JSON.stringify(activity)}`);
    if (!COMPLEXITIES.includes(complexity)) {
      throw new RangeError(
        `estimateMinutes: item ${index} has complexity ${JSON.stringify(complexity)}; expected simple, medium or complex`,
      );
    }
    if (typeof times !== 'number' || !Number.isFinite(times) || times < 0) {
      throw new RangeError(`estimateMinutes: item ${index} has times ${times}; it must be a finite number ≥ 0`);
    }
    minutes += row[complexity] * times;
  });
  return minutes;
}
