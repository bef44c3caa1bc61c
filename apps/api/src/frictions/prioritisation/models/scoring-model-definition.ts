import { normaliseWeights, pairwiseIssues, type AhpResult, type Direction, type WeightedCriterion } from '@rumbo/method';
import { RANKING_FIELDS, type RankingField } from '../../friction.reader';
import type { ProblemFieldError } from '../../../platform/errors/problem';
import { PRIORITISATION_FIELD_MESSAGES as M } from '../prioritisation.texts';
import type { ScoringMethod } from './scoring-model.entity';

/** The friction fields a criterion may read (the contract's list, owned by FrictionReader; their SQL is in ranking-sql.ts). */
export const FRICTION_FIELDS = RANKING_FIELDS;
export type FrictionField = RankingField;

export const DIRECTIONS: readonly Direction[] = ['higher_is_better', 'lower_is_better'];

/** A criterion as stored: exactly one source (a friction field or a manual value). */
export interface StoredCriterion {
  key: string;
  field: FrictionField | null;
  manual: boolean;
  direction: Direction;
  /** As given, for weighted models; null for the others (AHP weights are in `ahp`). */
  weight: number | null;
}

/** The eigenvector result kept with an AHP model (what @rumbo/method's ahp returned). */
export type StoredAhp = AhpResult;

/** A criterion as a request sends it. */
export interface CriterionInput {
  key: string;
  field?: string | null;
  manual?: boolean | null;
  direction?: Direction;
  weight?: number | null;
}

export interface ScoringModelInput {
  method: ScoringMethod;
  criteria?: CriterionInput[];
  pairwise?: unknown;
}

/** The built-in formulas' criteria (METHOD.md §4): keys, directions, and where the value comes from by default. */
export const BUILT_IN_CRITERIA: Record<'rice' | 'wsjf', readonly StoredCriterion[]> = {
  rice: [
    { key: 'reach', field: 'population', manual: false, direction: 'higher_is_better', weight: null },
    { key: 'impact', field: null, manual: true, direction: 'higher_is_better', weight: null },
    { key: 'confidence', field: null, manual: true, direction: 'higher_is_better', weight: null },
    { key: 'effort', field: null, manual: true, direction: 'lower_is_better', weight: null },
  ],
  wsjf: [
    { key: 'businessValue', field: null, manual: true, direction: 'higher_is_better', weight: null },
    { key: 'timeCriticality', field: null, manual: true, direction: 'higher_is_better', weight: null },
    { key: 'riskReduction', field: null, manual: true, direction: 'higher_is_better', weight: null },
    { key: 'jobSize', field: null, manual: true, direction: 'lower_is_better', weight: null },
  ],
};

const isField = (field: unknown): field is FrictionField => (FRICTION_FIELDS as readonly string[]).includes(field as string);

/**
 * The model's rules beyond the body's shape (which the DTO checks): one source per criterion, unique
 * keys, weights where the method takes them, the built-in formulas' own criteria, and for AHP a
 * valid pairwise matrix of the criteria's size (@rumbo/method's pairwiseIssues). Every problem is
 * reported at once; `criteria` is the list to store when there are none.
 */
export function checkScoringModel(input: ScoringModelInput): { errors: ProblemFieldError[]; criteria: StoredCriterion[] } {
  const errors: ProblemFieldError[] = [];
  const { method } = input;
  const given = input.criteria ?? [];
  if ((method === 'rice' || method === 'wsjf') && given.length === 0)
    return { errors, criteria: BUILT_IN_CRITERIA[method].map((c) => ({ ...c })) };
  if (given.length === 0) errors.push({ path: 'criteria', code: 'criteriaRequired', message: M.criteriaRequired });

  const seen = new Set<string>();
  const criteria: StoredCriterion[] = given.map((c, i) => {
    const at = `criteria[${i}]`;
    if (seen.has(c.key)) errors.push({ path: `${at}.key`, code: 'duplicate', message: M.keyDuplicate });
    seen.add(c.key);
    const hasField = c.field !== undefined && c.field !== null;
    const manual = c.manual === true;
    if (hasField && manual) errors.push({ path: at, code: 'sourceConflict', message: M.sourceConflict });
    else if (!hasField && !manual) errors.push({ path: at, code: 'sourceMissing', message: M.sourceMissing });
    if (hasField && !isField(c.field)) errors.push({ path: `${at}.field`, code: 'unknownField', message: M.unknownField });
    const weighted = method === 'weighted';
    const hasWeight = c.weight !== undefined && c.weight !== null;
    if (weighted && !(hasWeight && (c.weight as number) > 0))
      errors.push({ path: `${at}.weight`, code: 'weightMissing', message: M.weightMissing });
    if (!weighted && hasWeight) errors.push({ path: `${at}.weight`, code: 'weightNotAllowed', message: M.weightNotAllowed });
    return {
      key: c.key,
      field: hasField && isField(c.field) ? c.field : null,
      manual,
      direction: c.direction ?? 'higher_is_better',
      weight: weighted && hasWeight ? (c.weight as number) : null,
    };
  });

  if (method === 'rice' || method === 'wsjf') checkBuiltIn(BUILT_IN_CRITERIA[method], criteria, errors);
  checkPairwise(input, criteria.length, errors);
  return { errors, criteria };
}

function checkBuiltIn(builtIn: readonly StoredCriterion[], criteria: StoredCriterion[], errors: ProblemFieldError[]): void {
  const keys = builtIn.map((c) => c.key);
  const given = criteria.map((c) => c.key);
  if (given.length !== keys.length || keys.some((k) => !given.includes(k))) {
    errors.push({ path: 'criteria', code: 'builtInCriteria', message: M.builtInKeys(keys) });
    return;
  }
  criteria.forEach((c, i) => {
    const expected = builtIn.find((b) => b.key === c.key)?.direction;
    if (expected && c.direction !== expected) {
      errors.push({ path: `criteria[${i}].direction`, code: 'builtInDirection', message: M.builtInDirection(expected) });
    }
  });
}

function checkPairwise(input: ScoringModelInput, n: number, errors: ProblemFieldError[]): void {
  const present = input.pairwise !== undefined && input.pairwise !== null;
  if (input.method !== 'ahp') {
    if (present) errors.push({ path: 'pairwise', code: 'pairwiseNotAllowed', message: M.pairwiseNotAllowed });
    return;
  }
  if (!present) {
    errors.push({ path: 'pairwise', code: 'pairwiseRequired', message: M.pairwiseRequired });
    return;
  }
  const issues = pairwiseMatrixErrors('pairwise', input.pairwise);
  errors.push(...issues);
  if (issues.length === 0 && Array.isArray(input.pairwise) && input.pairwise.length !== n) {
    errors.push({ path: 'pairwise', code: 'pairwiseSize', message: M.pairwiseSize(n, input.pairwise.length) });
  }
}

/** @rumbo/method's pairwise issues as field errors under `prefix` (`matrix[0][2]`, `pairwise[1][0]`). */
export function pairwiseMatrixErrors(prefix: string, matrix: unknown): ProblemFieldError[] {
  return pairwiseIssues(matrix).map((issue) => ({
    path: joinPath(prefix, issue.path),
    code: issue.code,
    message: M.pairwiseCell(issue.code),
  }));
}

function joinPath(prefix: string, path: string): string {
  if (path === '' || path === '$') return prefix;
  return path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
}

/** The criteria with their effective weights (Σ = 1): given weights normalised, or AHP's eigenvector. */
export function weightedCriteria(criteria: readonly StoredCriterion[], ahp: StoredAhp | null): WeightedCriterion[] {
  if (ahp) return criteria.map((c, i) => ({ key: c.key, direction: c.direction, weight: ahp.weights[i] }));
  const weights = normaliseWeights(criteria.map((c) => c.weight ?? 0));
  return criteria.map((c, i) => ({ key: c.key, direction: c.direction, weight: weights[i] }));
}
