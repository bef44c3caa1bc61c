import type { ValidationIssue } from './types';

/**
 * Thrown when a model or a set of answers is invalid; `issues` lists every problem with its path
 * (the API answers 422 with them). A `RangeError`, like the other input errors of `@rumbo/method`.
 */
export class MaturityValidationError extends RangeError {
  readonly issues: ReadonlyArray<ValidationIssue>;

  constructor(what: string, issues: ReadonlyArray<ValidationIssue>) {
    const shown = issues
      .slice(0, 3)
      .map((i) => `${i.path}: ${i.message}`)
      .join('; ');
    super(`${what}: ${issues.length} issue${issues.length === 1 ? '' : 's'} (${shown}${issues.length > 3 ? '; …' : ''})`);
    this.name = 'MaturityValidationError';
    this.issues = issues;
  }
}
