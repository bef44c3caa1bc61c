import type { MaturityModel } from '@rumbo/method';
import type { ModelDefinition } from './model-definition';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const each = (v: unknown, f: (item: unknown) => unknown): unknown => (Array.isArray(v) ? v.map(f) : v);
/** A localised text as the library sees texts: its Spanish string (the API checks both languages itself). */
const text = (v: unknown): unknown => (isObject(v) && typeof v.es === 'string' ? v.es : v);

/**
 * The library's view of a model document: keys, weights, types, option values, levels and
 * `evidenceRequired`, with each localised text reduced to its Spanish string. It takes any parsed
 * JSON and keeps every array index and field name, so the paths of `validateModel`'s issues are the
 * document's own paths: an imported document is validated by handing this projection to
 * @rumbo/method (the one place the rules live), and a stored one is scored through it.
 */
export function toMethodModel(document: ModelDefinition): MaturityModel;
export function toMethodModel(document: unknown): unknown;
export function toMethodModel(document: unknown): unknown {
  if (!isObject(document)) return document;
  return {
    key: document.key,
    levels: each(document.levels, (level) =>
      isObject(level) ? { level: level.level, name: text(level.name), minScore: level.minScore } : level,
    ),
    areas: each(document.areas, (area) =>
      isObject(area)
        ? {
            key: area.key,
            name: text(area.name),
            weight: area.weight,
            dimensions: each(area.dimensions, (dimension) =>
              isObject(dimension)
                ? {
                    key: dimension.key,
                    name: text(dimension.name),
                    weight: dimension.weight,
                    questions: each(dimension.questions, (question) =>
                      isObject(question)
                        ? {
                            key: question.key,
                            type: question.type,
                            weight: question.weight,
                            text: text(question.text),
                            ...(question.evidenceRequired === undefined ? {} : { evidenceRequired: question.evidenceRequired }),
                            ...(question.options === undefined
                              ? {}
                              : {
                                  options: each(question.options, (option) =>
                                    isObject(option) ? { value: option.value, label: text(option.label) } : option,
                                  ),
                                }),
                          }
                        : question,
                    ),
                  }
                : dimension,
            ),
          }
        : area,
    ),
  };
}
