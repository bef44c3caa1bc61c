import { QUESTION_TYPES, type QuestionScoring, type QuestionType } from '../question-score';
import { MaturityValidationError } from './errors';
import { DEFAULT_LEVELS, isRecord, levelIssues } from './levels';
import type { MaturityLevel, MaturityModel, ModelIssue } from './types';

/** Largest accepted weight: keeps every weighted sum far from overflow (and catches typos such as 1e100). */
export const MAX_WEIGHT = 1e6;

/**
 * Every problem of a maturity model, each with the path of the offending field
 * (`areas[1].dimensions[0].questions[3].weight`), a code and a message; `[]` when the model is valid.
 * Accepts any value (parsed JSON), so the API can validate a request body as is.
 *
 * Rules: at least one area, one dimension per area and one question per dimension; non-empty keys,
 * unique per kind across the model (area, dimension, question keys); weights finite, > 0 and
 * ≤ {@link MAX_WEIGHT} (area weights optional, default 1); question type `scale | yes_no | percentage`;
 * a scale has ≥ 2 options with distinct, strictly increasing finite values and string labels; `evidenceRequired` boolean
 * if present; levels as in {@link levelFor} (optional, default {@link DEFAULT_LEVELS}).
 */
export function validateModel(model: unknown): ModelIssue[] {
  const issues: ModelIssue[] = [];
  if (!isRecord(model)) {
    issues.push({ path: '', code: 'required', message: 'a model must be an object { areas, levels? }' });
    return issues;
  }
  if (model.levels !== undefined) issues.push(...levelIssues(model.levels, 'levels'));

  // Paths are built only when an issue is reported (validation runs on every scoring of a plain model).
  type PathOf = () => string;
  const seen = { area: new Map<string, PathOf>(), dimension: new Map<string, PathOf>(), question: new Map<string, PathOf>() };
  const checkKey = (kind: keyof typeof seen, key: unknown, at: PathOf): void => {
    if (typeof key !== 'string') {
      issues.push({ path: `${at()}.key`, code: key === undefined ? 'required' : 'invalid-type', message: `${kind} key must be a string` });
    } else if (key.trim() === '') {
      issues.push({ path: `${at()}.key`, code: 'empty', message: `${kind} key must not be empty` });
    } else {
      const first = seen[kind].get(key);
      if (first !== undefined) {
        issues.push({ path: `${at()}.key`, code: 'duplicate', message: `${kind} key "${key}" is already used at ${first()}` });
      } else {
        seen[kind].set(key, at);
      }
    }
  };
  const checkWeight = (weight: unknown, at: PathOf, optional: boolean): void => {
    if (typeof weight === 'number' && weight > 0 && weight <= MAX_WEIGHT) return;
    if (weight === undefined && optional) return;
    const path = `${at()}.weight`;
    if (typeof weight !== 'number') {
      issues.push({ path, code: weight === undefined ? 'required' : 'invalid-type', message: 'weight must be a number' });
    } else if (Number.isNaN(weight) || weight === Infinity || weight === -Infinity) {
      issues.push({ path, code: 'not-finite', message: `weight must be finite (got ${weight})` });
    } else if (!(weight > 0)) {
      issues.push({ path, code: 'not-positive', message: `weight must be > 0 (got ${weight})` });
    } else {
      issues.push({ path, code: 'out-of-range', message: `weight must be ≤ ${MAX_WEIGHT} (got ${weight})` });
    }
  };
  const checkList = (list: unknown, path: PathOf, what: string): list is unknown[] => {
    if (!Array.isArray(list)) {
      issues.push({ path: path(), code: 'required', message: `${what} must be an array` });
      return false;
    }
    if (list.length === 0) {
      issues.push({ path: path(), code: 'empty', message: `needs at least one ${what.replace(/s$/, '')}` });
      return false;
    }
    return true;
  };
  const checkOptionalString = (value: unknown, path: () => string): void => {
    if (value !== undefined && typeof value !== 'string') {
      issues.push({ path: path(), code: 'invalid-type', message: 'must be a string' });
    }
  };

  const { areas } = model;
  if (!checkList(areas, () => 'areas', 'areas')) return issues;
  for (let a = 0; a < areas.length; a++) {
    const area: unknown = areas[a];
    const areaAt = () => `areas[${a}]`;
    if (!isRecord(area)) {
      issues.push({ path: areaAt(), code: 'required', message: 'an area must be an object { key, weight?, dimensions }' });
      continue;
    }
    checkKey('area', area.key, areaAt);
    checkOptionalString(area.name, () => `${areaAt()}.name`);
    checkWeight(area.weight, areaAt, true);
    const { dimensions } = area;
    if (!checkList(dimensions, () => `${areaAt()}.dimensions`, 'dimensions')) continue;
    for (let d = 0; d < dimensions.length; d++) {
      const dimension: unknown = dimensions[d];
      const dimAt = () => `${areaAt()}.dimensions[${d}]`;
      if (!isRecord(dimension)) {
        issues.push({ path: dimAt(), code: 'required', message: 'a dimension must be an object { key, weight, questions }' });
        continue;
      }
      checkKey('dimension', dimension.key, dimAt);
      checkOptionalString(dimension.name, () => `${dimAt()}.name`);
      checkWeight(dimension.weight, dimAt, false);
      const { questions } = dimension;
      if (!checkList(questions, () => `${dimAt()}.questions`, 'questions')) continue;
      for (let q = 0; q < questions.length; q++) {
        const question: unknown = questions[q];
        const qAt = () => `${dimAt()}.questions[${q}]`;
        if (!isRecord(question)) {
          issues.push({ path: qAt(), code: 'required', message: 'a question must be an object { key, type, weight }' });
          continue;
        }
        checkKey('question', question.key, qAt);
        checkWeight(question.weight, qAt, false);
        checkOptionalString(question.text, () => `${qAt()}.text`);
        checkOptionalString(question.source, () => `${qAt()}.source`);
        if (question.evidenceRequired !== undefined && typeof question.evidenceRequired !== 'boolean') {
          issues.push({ path: `${qAt()}.evidenceRequired`, code: 'invalid-type', message: 'evidenceRequired must be a boolean' });
        }
        const { type } = question;
        if (type === 'scale') {
          checkOptions(question.options, () => `${qAt()}.options`, issues);
        } else if (type !== 'yes_no' && type !== 'percentage') {
          issues.push({
            path: `${qAt()}.type`,
            code: type === undefined ? 'required' : 'unknown-type',
            message: `type must be one of ${QUESTION_TYPES.join(', ')} (got ${JSON.stringify(type)})`,
          });
        }
      }
    }
  }
  return issues;
}

function checkOptions(options: unknown, path: () => string, issues: ModelIssue[]): void {
  if (!Array.isArray(options)) {
    issues.push({ path: path(), code: 'required', message: 'a scale question needs options [{ value, label }]' });
    return;
  }
  const values: number[] = [];
  let min = Infinity;
  let max = -Infinity;
  for (let o = 0; o < options.length; o++) {
    const option: unknown = options[o];
    if (!isRecord(option)) {
      issues.push({ path: `${path()}[${o}]`, code: 'required', message: 'an option must be an object { value, label }' });
      continue;
    }
    const { value, label } = option;
    if (typeof value !== 'number') {
      issues.push({
        path: `${path()}[${o}].value`,
        code: value === undefined ? 'required' : 'invalid-type',
        message: 'value must be a number',
      });
    } else if (!Number.isFinite(value)) {
      issues.push({ path: `${path()}[${o}].value`, code: 'not-finite', message: `value must be finite (got ${value})` });
    } else {
      const first = values.indexOf(value); // SameValue-zero: -0 and 0 are the same option value
      if (first !== -1) {
        issues.push({
          path: `${path()}[${o}].value`,
          code: 'duplicate',
          message: `option value ${value} is already used at ${path()}[${first}]`,
        });
      } else {
        // Options run from the lowest answer to the highest, as they are shown.
        if (values.length > 0 && !(value > values[values.length - 1])) {
          issues.push({
            path: `${path()}[${o}].value`,
            code: 'not-increasing',
            message: `option values must be strictly increasing (${values[values.length - 1]} then ${value})`,
          });
        }
        values.push(value);
        if (value < min) min = value;
        if (value > max) max = value;
      }
    }
    if (typeof label !== 'string') {
      issues.push({
        path: `${path()}[${o}].label`,
        code: label === undefined ? 'required' : 'invalid-type',
        message: 'label must be a string',
      });
    }
  }
  if (values.length >= 2 && !Number.isFinite(max - min)) {
    issues.push({ path: path(), code: 'out-of-range', message: 'the option values span a range too large to score (max − min overflows)' });
  }
  if (options.length < 2) {
    issues.push({ path: path(), code: 'too-few-options', message: `a scale question needs at least two options (got ${options.length})` });
  }
}

/** A question of a {@link PreparedModel}: validated, with its scoring rule precomputed. */
export interface PreparedQuestion {
  readonly key: string;
  readonly type: QuestionType;
  readonly weight: number;
  readonly scoring: QuestionScoring;
  /** The option values of a scale question (`null` otherwise). */
  readonly optionValues: ReadonlyArray<number> | null;
  /** Whether an answer to it must carry evidence before the assessment is submitted. */
  readonly evidenceRequired: boolean;
  readonly areaKey: string;
  readonly dimensionKey: string;
  /** Position in the model: `areas[areaIndex].dimensions[dimensionIndex].questions[questionIndex]`. */
  readonly areaIndex: number;
  readonly dimensionIndex: number;
  readonly questionIndex: number;
}

export interface PreparedDimension {
  readonly key: string;
  readonly weight: number;
  readonly questions: ReadonlyArray<PreparedQuestion>;
}

export interface PreparedArea {
  readonly key: string;
  readonly weight: number;
  readonly dimensions: ReadonlyArray<PreparedDimension>;
}

/**
 * A validated model with its defaults applied and its questions indexed by key, made by
 * {@link prepareModel}. Scoring many assessments of one model version with a prepared model skips
 * the validation of each call. It copies what it needs: later changes to the source object are ignored.
 */
export class PreparedModel {
  readonly model: MaturityModel;
  readonly levels: ReadonlyArray<MaturityLevel>;
  readonly areas: ReadonlyArray<PreparedArea>;
  readonly questions: ReadonlyMap<string, PreparedQuestion>;

  /** Use {@link prepareModel}. */
  constructor(
    model: MaturityModel,
    levels: ReadonlyArray<MaturityLevel>,
    areas: ReadonlyArray<PreparedArea>,
    questions: ReadonlyMap<string, PreparedQuestion>,
  ) {
    this.model = model;
    this.levels = levels;
    this.areas = areas;
    this.questions = questions;
  }
}

/**
 * Validates a model once and indexes it for scoring (a {@link PreparedModel} is returned as is).
 *
 * @throws MaturityValidationError with every issue of {@link validateModel}.
 */
export function prepareModel(model: MaturityModel | PreparedModel): PreparedModel {
  if (model instanceof PreparedModel) return model;
  const issues = validateModel(model);
  if (issues.length > 0) throw new MaturityValidationError('invalid maturity model', issues);
  const levels = (model.levels ?? DEFAULT_LEVELS).map(({ level, name, minScore }) => ({ level, name, minScore }));
  const questions = new Map<string, PreparedQuestion>();
  const areas: PreparedArea[] = [];
  model.areas.forEach((area, areaIndex) => {
    const dimensions: PreparedDimension[] = [];
    area.dimensions.forEach((dimension, dimensionIndex) => {
      const prepared: PreparedQuestion[] = [];
      dimension.questions.forEach((question, questionIndex) => {
        const optionValues = question.type === 'scale' ? question.options.map((o) => o.value) : null;
        const entry: PreparedQuestion = {
          key: question.key,
          type: question.type,
          weight: question.weight,
          scoring: scoringOf(question.type, optionValues),
          optionValues,
          evidenceRequired: question.evidenceRequired === true,
          areaKey: area.key,
          dimensionKey: dimension.key,
          areaIndex,
          dimensionIndex,
          questionIndex,
        };
        questions.set(question.key, entry);
        prepared.push(entry);
      });
      dimensions.push({ key: dimension.key, weight: dimension.weight, questions: prepared });
    });
    areas.push({ key: area.key, weight: area.weight ?? 1, dimensions });
  });
  return new PreparedModel(model, levels, areas, questions);
}

function scoringOf(type: QuestionType, optionValues: ReadonlyArray<number> | null): QuestionScoring {
  if (type !== 'scale') return { type };
  let min = Infinity;
  let max = -Infinity;
  for (const value of optionValues!) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return { type, min, max };
}
