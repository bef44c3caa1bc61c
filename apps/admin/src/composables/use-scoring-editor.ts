import { identityMatrix, resizeMatrix } from './use-scoring-ahp';
/** How a criterion's value counts (METHOD §4): effort-like criteria are "lower is better". */
export type Direction = 'higher_is_better' | 'lower_is_better';

export const SCORING_METHODS = ['weighted', 'ahp', 'rice', 'wsjf'] as const;
export type ScoringMethod = (typeof SCORING_METHODS)[number];
export const DIRECTIONS = ['higher_is_better', 'lower_is_better'] as const satisfies readonly Direction[];

/** The friction figures a criterion may read (the contract's list); anything else is a manual value. */
export const CRITERION_FIELDS = [
  'annualCost',
  'annualHours',
  'citizensHours',
  'citizensCost',
  'businessesCost',
  'staffHours',
  'staffCost',
  'population',
  'rootCauseShortfall',
  'burdenCount',
] as const;
export type CriterionField = (typeof CRITERION_FIELDS)[number];
export type CriterionSource = 'manual' | CriterionField;

/** One criterion as the editor holds it (`uid` keeps rows apart while keys are being typed). */
export interface CriterionRow {
  uid: number;
  key: string;
  source: CriterionSource;
  direction: Direction;
  /** Weighted models only; AHP weights come from the grid, RICE and WSJF have none. */
  weight: number | null;
}

/** A criterion as the API takes and returns it. */
export interface CriterionBody {
  key: string;
  field?: CriterionField;
  manual?: boolean;
  direction: Direction;
  weight?: number;
}

/** The built-in factors of RICE and WSJF (METHOD §4): reach reads the friction's population; the rest are manual. */
export const BUILT_IN: Record<'rice' | 'wsjf', CriterionBody[]> = {
  rice: [
    { key: 'reach', field: 'population', direction: 'higher_is_better' },
    { key: 'impact', manual: true, direction: 'higher_is_better' },
    { key: 'confidence', manual: true, direction: 'higher_is_better' },
    { key: 'effort', manual: true, direction: 'lower_is_better' },
  ],
  wsjf: [
    { key: 'businessValue', manual: true, direction: 'higher_is_better' },
    { key: 'timeCriticality', manual: true, direction: 'higher_is_better' },
    { key: 'riskReduction', manual: true, direction: 'higher_is_better' },
    { key: 'jobSize', manual: true, direction: 'lower_is_better' },
  ],
};

const KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
let nextUid = 1;

export function newCriterion(overrides: Partial<Omit<CriterionRow, 'uid'>> = {}): CriterionRow {
  return { uid: nextUid++, key: '', source: 'manual', direction: 'higher_is_better', weight: 1, ...overrides };
}

export function rowFromBody(body: CriterionBody): CriterionRow {
  return newCriterion({
    key: body.key,
    source: body.field ?? 'manual',
    direction: body.direction,
    weight: body.weight ?? null,
  });
}

/** What is wrong with the criteria before sending, as i18n keys with their parameters (empty: nothing). */
export function criteriaProblems(method: ScoringMethod, rows: readonly CriterionRow[]): { key: string; params?: Record<string, string> }[] {
  if (method === 'rice' || method === 'wsjf') return [];
  if (rows.length === 0) return [{ key: 'prioritisation.editor.needCriteria' }];
  const problems: { key: string; params?: Record<string, string> }[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const key = row.key.trim();
    if (!key) problems.push({ key: 'prioritisation.editor.keyRequired' });
    else if (!KEY_PATTERN.test(key)) problems.push({ key: 'prioritisation.editor.keyInvalid', params: { key } });
    else if (seen.has(key)) problems.push({ key: 'prioritisation.editor.keyDuplicate', params: { key } });
    seen.add(key);
    if (method === 'weighted' && !(row.weight !== null && Number.isFinite(row.weight) && row.weight > 0)) {
      problems.push({ key: 'prioritisation.editor.weightInvalid', params: { key: key || '—' } });
    }
  }
  if (method === 'ahp' && rows.length < 2) problems.push({ key: 'prioritisation.ahp.tooFew' });
  return problems;
}

/** The criteria as the API takes them for a model of `method`. */
export function criteriaBody(method: ScoringMethod, rows: readonly CriterionRow[]): CriterionBody[] {
  if (method === 'rice' || method === 'wsjf') return BUILT_IN[method];
  return rows.map((row) => ({
    key: row.key.trim(),
    ...(row.source === 'manual' ? { manual: true } : { field: row.source }),
    direction: row.direction,
    ...(method === 'weighted' ? { weight: row.weight ?? 0 } : {}),
  }));
}

/** The editor's starting point for a new model: two criteria (the cost and an effort) and their grid. */
export function blankModel() {
  const rows = [
    newCriterion({ key: 'annualCost', source: 'annualCost', weight: 2 }),
    newCriterion({ key: 'effort', source: 'manual', direction: 'lower_is_better', weight: 1 }),
  ];
  return { name: '', method: 'ahp' as ScoringMethod, rows, matrix: identityMatrix(rows.length) };
}

/** The grid follows the criteria list: a row added or removed adds or removes its comparisons. */
export function matrixFor(matrix: number[][], count: number, removed?: number): number[][] {
  return matrix.length === count && removed === undefined ? matrix : resizeMatrix(matrix, count, removed);
}
