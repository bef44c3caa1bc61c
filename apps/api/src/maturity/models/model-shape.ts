import type { ProblemFieldError } from '../../platform/errors/problem';
import type { ModelDefinition } from './model-definition';

const KEY = /^[a-z0-9][a-z0-9._-]{0,99}$/;
const TYPES = new Set(['scale', 'yes_no', 'percentage']);

/**
 * Structural check of an imported model document, error by error with its JSON path. The numeric
 * rules of METHOD.md §1 (positive weights, increasing thresholds, unique keys) are checked as well,
 * so a model that passes can always be scored.
 */
export function modelShapeErrors(input: unknown): ProblemFieldError[] {
  const errors: ProblemFieldError[] = [];
  const add = (path: string, code: string, message: string) => errors.push({ path, code, message });
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const text = (v: unknown, path: string, required = true) => {
    if (v === undefined && !required) return;
    if (!isObject(v) || typeof v.es !== 'string' || typeof v.en !== 'string' || !v.es.trim() || !v.en.trim()) {
      add(path, 'localisedText', 'must be { "es": "…", "en": "…" } with both texts');
    }
  };
  const positive = (v: unknown, path: string) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) add(path, 'positiveNumber', 'must be a number greater than 0');
  };
  const key = (v: unknown, path: string, seen: Set<string>) => {
    if (typeof v !== 'string' || !KEY.test(v)) add(path, 'key', 'must be 1–100 lower-case letters, digits, dots, dashes or underscores');
    else if (seen.has(v)) add(path, 'duplicateKey', `duplicate key "${v}"`);
    else seen.add(v);
  };
  if (!isObject(input)) return [{ path: '', code: 'object', message: 'the model must be a JSON object' }];
  key(input.key, 'key', new Set());
  text(input.name, 'name');
  text(input.description, 'description', false);

  if (!Array.isArray(input.levels) || input.levels.length === 0) add('levels', 'nonEmptyArray', 'at least one level is required');
  else {
    let previous = -Infinity;
    input.levels.forEach((level: unknown, i) => {
      const path = `levels[${i}]`;
      if (!isObject(level)) return add(path, 'object', 'must be an object');
      if (level.level !== i + 1) add(`${path}.level`, 'sequence', `must be ${i + 1} (levels are numbered from 1 in order)`);
      text(level.name, `${path}.name`);
      const min = level.minScore;
      if (typeof min !== 'number' || min < 0 || min > 100) add(`${path}.minScore`, 'range', 'must be a number from 0 to 100');
      else if (i === 0 && min !== 0) add(`${path}.minScore`, 'firstIsZero', 'the first level must start at 0');
      else if (min <= previous) add(`${path}.minScore`, 'increasing', 'thresholds must increase strictly');
      if (typeof min === 'number') previous = min;
    });
  }

  const areaKeys = new Set<string>();
  const dimensionKeys = new Set<string>();
  const questionKeys = new Set<string>();
  if (!Array.isArray(input.areas) || input.areas.length === 0) add('areas', 'nonEmptyArray', 'at least one area is required');
  else
    input.areas.forEach((area: unknown, a) => {
      const ap = `areas[${a}]`;
      if (!isObject(area)) return add(ap, 'object', 'must be an object');
      key(area.key, `${ap}.key`, areaKeys);
      positive(area.weight, `${ap}.weight`);
      text(area.name, `${ap}.name`);
      if (!Array.isArray(area.dimensions) || area.dimensions.length === 0)
        return add(`${ap}.dimensions`, 'nonEmptyArray', 'at least one dimension');
      area.dimensions.forEach((dimension: unknown, d) => {
        const dp = `${ap}.dimensions[${d}]`;
        if (!isObject(dimension)) return add(dp, 'object', 'must be an object');
        key(dimension.key, `${dp}.key`, dimensionKeys);
        positive(dimension.weight, `${dp}.weight`);
        text(dimension.name, `${dp}.name`);
        if (!Array.isArray(dimension.questions) || dimension.questions.length === 0) {
          return add(`${dp}.questions`, 'nonEmptyArray', 'at least one question');
        }
        dimension.questions.forEach((question: unknown, q) => {
          const qp = `${dp}.questions[${q}]`;
          if (!isObject(question)) return add(qp, 'object', 'must be an object');
          key(question.key, `${qp}.key`, questionKeys);
          positive(question.weight, `${qp}.weight`);
          text(question.text, `${qp}.text`);
          text(question.guidance, `${qp}.guidance`, false);
          if (typeof question.type !== 'string' || !TYPES.has(question.type))
            return add(`${qp}.type`, 'enum', 'must be scale, yes_no or percentage');
          if (question.type === 'scale') {
            const options = question.options;
            if (!Array.isArray(options) || options.length < 2)
              return add(`${qp}.options`, 'minItems', 'a scale needs at least two options');
            let last = -Infinity;
            options.forEach((option: unknown, o) => {
              const op = `${qp}.options[${o}]`;
              if (!isObject(option) || typeof option.value !== 'number' || !Number.isFinite(option.value))
                return add(`${op}.value`, 'number', 'must be a number');
              if (option.value <= last) add(`${op}.value`, 'increasing', 'option values must increase strictly');
              last = option.value;
              text(option.label, `${op}.label`);
            });
          } else if (question.options !== undefined) add(`${qp}.options`, 'notAllowed', `a ${question.type} question has no options`);
        });
      });
    });
  return errors;
}

/** A definition that passed modelShapeErrors. */
export function asDefinition(input: unknown): ModelDefinition {
  return input as ModelDefinition;
}
