import type { MaturityLevel, ModelIssue } from './types';

/** The default levels of METHOD.md §1: thresholds 0/20/40/60/80 on the 0–100 scale. */
export const DEFAULT_LEVELS: ReadonlyArray<MaturityLevel> = Object.freeze([
  Object.freeze({ level: 1, name: 'Initial', minScore: 0 }),
  Object.freeze({ level: 2, name: 'Developing', minScore: 20 }),
  Object.freeze({ level: 3, name: 'Defined', minScore: 40 }),
  Object.freeze({ level: 4, name: 'Managed', minScore: 60 }),
  Object.freeze({ level: 5, name: 'Optimising', minScore: 80 }),
]);

/** The default areas of METHOD.md §1. */
export const DEFAULT_AREA_KEYS = Object.freeze(['technologies', 'processes', 'people'] as const);

/**
 * The level of a 0–100 score: the highest level whose lower bound is ≤ the score (METHOD.md §1).
 * `null` for a `null` score. Levels must be valid (thresholds strictly increasing from 0), so every
 * score in [0, 100] has a level.
 *
 * @throws RangeError if the score is not a finite number in [0, 100].
 */
export function levelFor(score: number | null, levels: ReadonlyArray<MaturityLevel> = DEFAULT_LEVELS): MaturityLevel | null {
  if (score === null) return null;
  if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 100) {
    throw new RangeError(`levelFor: score must be a finite number in [0, 100] (got ${score})`);
  }
  let found: MaturityLevel | null = null;
  for (const level of levels) {
    if (level.minScore <= score) found = level;
    else break;
  }
  return found === null ? null : { level: found.level, name: found.name, minScore: found.minScore };
}

/**
 * Checks a level list: non-empty; `level` numbered 1, 2, 3… in order; `minScore` thresholds in
 * [0, 100], strictly increasing, the first one 0 (so every score has a level); non-empty names.
 */
export function levelIssues(levels: unknown, path: string): ModelIssue[] {
  const issues: ModelIssue[] = [];
  if (!Array.isArray(levels)) {
    issues.push({ path, code: 'required', message: 'levels must be an array' });
    return issues;
  }
  if (levels.length === 0) {
    issues.push({ path, code: 'empty', message: 'a model needs at least one level' });
    return issues;
  }
  let lastMin: number | null = null;
  for (let i = 0; i < levels.length; i++) {
    const raw: unknown = levels[i];
    const at = `${path}[${i}]`;
    if (!isRecord(raw)) {
      issues.push({ path: at, code: 'required', message: 'a level must be an object { level, name, minScore }' });
      continue;
    }
    const { level, name, minScore } = raw;
    if (typeof level !== 'number') {
      issues.push({ path: `${at}.level`, code: 'invalid-type', message: 'level must be a number' });
    } else if (!Number.isInteger(level)) {
      issues.push({ path: `${at}.level`, code: 'invalid-type', message: `level must be an integer (got ${level})` });
    } else if (level !== i + 1) {
      // Levels are numbered 1, 2, 3… in order, so "level 3" means the same in every model (METHOD.md §1).
      const previous = i > 0 && isRecord(levels[i - 1]) ? (levels[i - 1] as Record<string, unknown>).level : undefined;
      issues.push({
        path: `${at}.level`,
        code: previous === level ? 'duplicate' : 'not-sequential',
        message: `levels are numbered 1, 2, 3… in order: expected ${i + 1} (got ${level})`,
      });
    }
    if (typeof name !== 'string') {
      issues.push({ path: `${at}.name`, code: 'invalid-type', message: 'name must be a string' });
    } else if (name.trim() === '') {
      issues.push({ path: `${at}.name`, code: 'empty', message: 'name must not be empty' });
    }
    if (typeof minScore !== 'number') {
      issues.push({ path: `${at}.minScore`, code: 'invalid-type', message: 'minScore must be a number' });
    } else if (!Number.isFinite(minScore)) {
      issues.push({ path: `${at}.minScore`, code: 'not-finite', message: `minScore must be finite (got ${minScore})` });
    } else if (minScore < 0 || minScore > 100) {
      issues.push({ path: `${at}.minScore`, code: 'out-of-range', message: `minScore must lie in [0, 100] (got ${minScore})` });
    } else {
      if (i === 0 && minScore !== 0) {
        issues.push({
          path: `${at}.minScore`,
          code: 'first-not-zero',
          message: `the first level must start at 0 so that every score has a level (got ${minScore})`,
        });
      } else if (lastMin !== null && !(minScore > lastMin)) {
        issues.push({
          path: `${at}.minScore`,
          code: 'not-increasing',
          message: `minScore thresholds must be strictly increasing (${lastMin} then ${minScore})`,
        });
      }
      lastMin = minScore;
    }
  }
  return issues;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
