import { validateModel } from '@rumbo/method';
import type { ProblemFieldError } from '../../platform/errors/problem';
import { modelIssueText } from '../maturity.texts';
import { toMethodModel } from './method-model';
import type { ModelDefinition } from './model-definition';

const KEY = /^[a-z0-9][a-z0-9._-]{0,99}$/;

type Node = Record<string, unknown>;
const isObject = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The fields each node of a model document may have; any other is refused (like every request body). */
const FIELDS = {
  model: ['key', 'version', 'name', 'description', 'levels', 'areas'],
  level: ['level', 'name', 'minScore'],
  area: ['key', 'weight', 'name', 'description', 'dimensions'],
  dimension: ['key', 'weight', 'name', 'description', 'questions'],
  question: ['key', 'type', 'weight', 'evidenceRequired', 'text', 'guidance', 'sources'],
  scaleQuestion: ['key', 'type', 'weight', 'evidenceRequired', 'text', 'guidance', 'sources', 'options'],
  option: ['value', 'label'],
  source: ['framework', 'reference', 'url'],
  text: ['es', 'en'],
} as const;

/**
 * Every problem of a model document, each with its field path: the method's rules (weights,
 * thresholds, levels, keys unique, options…) as @rumbo/method states them, on the document's
 * projection, plus what only the API knows of its document format: texts in Spanish and English,
 * sources with http(s) links, the key format, and no field it does not define. Where both find
 * something at the same path (a missing text), the API's finding is the one reported.
 */
export function modelDocumentErrors(input: unknown): ProblemFieldError[] {
  const own = documentFormatErrors(input);
  const flagged = new Set(own.map((e) => e.path));
  const method = validateModel(toMethodModel(input))
    .filter((issue) => !flagged.has(issue.path))
    .map((issue) => ({ path: issue.path, code: issue.code, message: modelIssueText(issue) }));
  return [...method, ...own];
}

/** A document that passed modelDocumentErrors. */
export function asDefinition(input: unknown): ModelDefinition {
  return input as ModelDefinition;
}

/** What the library cannot know: localised texts, sources, key format, unknown fields. */
function documentFormatErrors(input: unknown): ProblemFieldError[] {
  const errors: ProblemFieldError[] = [];
  if (!isObject(input)) return errors; // the library reports what is not an object
  const add = (path: string, code: string, message: ProblemFieldError['message']) => errors.push({ path, code, message });
  const at = (parent: string, field: string) => (parent === '' ? field : `${parent}.${field}`);

  const fields = (node: Node, path: string, allowed: readonly string[]) => {
    for (const field of Object.keys(node)) {
      if (!allowed.includes(field)) {
        add(at(path, field), 'unknownProperty', {
          es: 'este campo no forma parte de un modelo',
          en: 'this field is not part of a model',
        });
      }
    }
  };
  const text = (node: Node, field: string, path: string, required: boolean) => {
    const value = node[field];
    const where = at(path, field);
    if (value === undefined && !required) return;
    if (!isObject(value) || typeof value.es !== 'string' || typeof value.en !== 'string' || !value.es.trim() || !value.en.trim()) {
      add(where, 'localisedText', {
        es: 'debe ser { "es": "…", "en": "…" } con los dos textos',
        en: 'must be { "es": "…", "en": "…" } with both texts',
      });
      return;
    }
    fields(value, where, FIELDS.text);
  };
  const key = (node: Node, path: string) => {
    if (typeof node.key === 'string' && node.key.trim() !== '' && !KEY.test(node.key)) {
      add(at(path, 'key'), 'key', {
        es: 'de 1 a 100 minúsculas, cifras, puntos, guiones o guiones bajos, empezando por letra o cifra',
        en: '1–100 lower-case letters, digits, dots, dashes or underscores, starting with a letter or digit',
      });
    }
  };
  const sources = (question: Node, path: string) => {
    if (question.sources === undefined) return;
    const where = at(path, 'sources');
    if (!Array.isArray(question.sources)) {
      add(where, 'array', { es: 'debe ser una lista de fuentes', en: 'must be a list of sources' });
      return;
    }
    question.sources.forEach((source: unknown, s) => {
      const sp = `${where}[${s}]`;
      if (!isObject(source)) {
        add(sp, 'object', { es: 'una fuente es { framework, reference, url? }', en: 'a source is { framework, reference, url? }' });
        return;
      }
      fields(source, sp, FIELDS.source);
      for (const field of ['framework', 'reference'] as const) {
        if (typeof source[field] !== 'string' || !(source[field] as string).trim()) {
          add(`${sp}.${field}`, 'text', { es: 'debe ser un texto no vacío', en: 'must be a non-empty text' });
        }
      }
      if (source.url !== undefined && !isHttpUrl(source.url)) {
        add(`${sp}.url`, 'httpUrl', {
          es: 'debe ser una dirección http:// o https:// completa',
          en: 'must be a complete http:// or https:// address',
        });
      }
    });
  };

  // A NUL character cannot be stored in a document (PostgreSQL's jsonb refuses it): named where it is.
  const nul = (value: unknown, path: string): void => {
    if (typeof value === 'string' && value.includes('\u0000')) {
      add(path, 'nulCharacter', { es: 'no puede contener caracteres nulos', en: 'must not contain NUL characters' });
    } else if (Array.isArray(value)) value.forEach((item, i) => nul(item, `${path}[${i}]`));
    else if (isObject(value)) for (const [field, item] of Object.entries(value)) nul(item, at(path, field));
  };
  nul(input, '');

  fields(input, '', FIELDS.model);
  key(input, '');
  text(input, 'name', '', true);
  text(input, 'description', '', false);
  list(input.levels).forEach((level, l) => {
    if (!isObject(level)) return;
    const path = `levels[${l}]`;
    fields(level, path, FIELDS.level);
    text(level, 'name', path, true);
  });
  list(input.areas).forEach((area, a) => {
    if (!isObject(area)) return;
    const ap = `areas[${a}]`;
    fields(area, ap, FIELDS.area);
    key(area, ap);
    text(area, 'name', ap, true);
    text(area, 'description', ap, false);
    list(area.dimensions).forEach((dimension, d) => {
      if (!isObject(dimension)) return;
      const dp = `${ap}.dimensions[${d}]`;
      fields(dimension, dp, FIELDS.dimension);
      key(dimension, dp);
      text(dimension, 'name', dp, true);
      text(dimension, 'description', dp, false);
      list(dimension.questions).forEach((question, q) => {
        if (!isObject(question)) return;
        const qp = `${dp}.questions[${q}]`;
        // Options belong to scale questions only: on another type they are a field it does not have.
        fields(question, qp, question.type === 'scale' ? FIELDS.scaleQuestion : FIELDS.question);
        key(question, qp);
        text(question, 'text', qp, true);
        text(question, 'guidance', qp, false);
        sources(question, qp);
        if (question.type !== 'scale') return;
        list(question.options).forEach((option, o) => {
          if (!isObject(option)) return;
          const op = `${qp}.options[${o}]`;
          fields(option, op, FIELDS.option);
          text(option, 'label', op, true);
        });
      });
    });
  });
  return errors;
}

/** An absolute http(s) URL: models are data, and a link in one must not run anything when opened. */
function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > 2000) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
