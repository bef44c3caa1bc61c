import { frictionCost, shorthandBurden, validateBurden, type BurdenInput, type DefaultTariffs, type FrictionCost } from '@rumbo/method';
import type { ProblemFieldError } from '../platform/errors/problem';
import type { FrictionFieldsDto } from './dto/friction-input.dto';
import { FrictionProblem, frictionProblems } from './frictions.problems';
import { burdenIssueText, FRICTION_FIELD_MESSAGES } from './frictions.texts';

const SHORTHAND_FIELDS = [
  'occurrencesPerYear',
  'hoursLostPerOccurrence',
  'costPerHour',
  'directCostPerOccurrence',
  'affectedPeople',
  'occurrencesPerPersonPerYear',
  'audience',
] as const;

const given = (v: unknown) => v !== undefined && v !== null;

/**
 * The burden lines a body asks for, checked by @rumbo/method (validateBurden, one line per
 * audience): its `burdens`, or the one line its shorthand fields make (shorthandBurden), or
 * undefined when it names no cost at all. Both shapes at once, or any bad field, is a 422
 * `friction-cost-invalid` naming every field.
 */
export function requestedLines(body: FrictionFieldsDto): BurdenInput[] | undefined {
  const shorthand = SHORTHAND_FIELDS.some((f) => given(body[f]));
  if (body.burdens !== undefined && body.burdens !== null && shorthand) {
    throw frictionProblems.raise(FrictionProblem.CostInvalid, {
      errors: [{ path: 'burdens', code: 'shapeConflict', message: FRICTION_FIELD_MESSAGES.shapeConflict }],
    });
  }
  if (body.burdens !== undefined) return checkedLines((body.burdens ?? []) as unknown[], 'burdens');
  if (!shorthand) return undefined;
  const errors: ProblemFieldError[] = [];
  if (!given(body.hoursLostPerOccurrence)) errors.push(issue('hoursLostPerOccurrence', 'required'));
  if (!given(body.occurrencesPerYear)) {
    if (!given(body.affectedPeople)) errors.push(issue('affectedPeople', 'required'));
    if (!given(body.occurrencesPerPersonPerYear)) errors.push(issue('occurrencesPerPersonPerYear', 'required'));
  }
  if (errors.length > 0) throw frictionProblems.raise(FrictionProblem.CostInvalid, { errors });
  const line = shorthandBurden({
    occurrencesPerYear: body.occurrencesPerYear ?? undefined,
    affectedPeople: body.affectedPeople ?? undefined,
    occurrencesPerPersonPerYear: body.occurrencesPerPersonPerYear ?? undefined,
    hoursLostPerOccurrence: body.hoursLostPerOccurrence!,
    costPerHour: body.costPerHour ?? null,
    directCostPerOccurrence: body.directCostPerOccurrence ?? null,
    audience: body.audience,
  });
  // The shorthand's numbers are bounded by the DTO; the line they make must fit the method's limits too.
  const problems = validateBurden(line).map((i) => issue(`shorthand.${i.path}`, i.code));
  if (problems.length > 0) throw frictionProblems.raise(FrictionProblem.CostInvalid, { errors: problems });
  return [line];
}

/** Lines as received (JSON or an import row), checked one by one and for repeated audiences. */
export function checkedLines(lines: readonly unknown[], prefix: string): BurdenInput[] {
  const errors = lineIssues(lines, prefix);
  if (errors.length > 0) throw frictionProblems.raise(FrictionProblem.CostInvalid, { errors });
  return lines.map((l) => toInput(l as BurdenInput));
}

/** Every issue of a list of lines, as field errors under `prefix` (`burdens[1].population`). */
export function lineIssues(lines: readonly unknown[], prefix: string): ProblemFieldError[] {
  const errors: ProblemFieldError[] = [];
  const seen = new Set<unknown>();
  lines.forEach((line, i) => {
    const at = `${prefix}[${i}]`;
    for (const x of validateBurden(line)) errors.push(issue(x.path ? `${at}.${x.path}` : at, x.code));
    const audience = (line as { audience?: unknown } | null)?.audience;
    if (seen.has(audience) && audience !== undefined) errors.push(issue(`${at}.audience`, 'duplicate-audience'));
    seen.add(audience);
  });
  return errors;
}

function issue(path: string, code: string): ProblemFieldError {
  return { path, code, message: burdenIssueText(code) };
}

/** Only the fields of a line, normalised (absent optional fields as null). */
export function toInput(line: BurdenInput): BurdenInput {
  return {
    audience: line.audience,
    population: line.population,
    frequencyPerYear: line.frequencyPerYear,
    minutesPerOccurrence: line.minutesPerOccurrence,
    tariffPerHour: line.tariffPerHour ?? null,
    outOfPocketPerOccurrence: line.outOfPocketPerOccurrence ?? null,
  };
}

/** The cost of a friction's lines under the tenant's default tariffs (@rumbo/method, METHOD.md §3). */
export function costOf(lines: readonly BurdenInput[], defaults: DefaultTariffs): FrictionCost {
  return frictionCost(lines.map(toInput), defaults);
}
