import type { MaturityModel } from '@rumbo/method';
import type { ModelDefinition } from './model-definition';

/**
 * The scoring view of a stored definition: @rumbo/method needs keys, weights, types, option values and
 * levels; texts are carried in Spanish only for its error messages.
 */
export function toMethodModel(definition: ModelDefinition): MaturityModel {
  return {
    key: definition.key,
    levels: definition.levels.map((l) => ({ level: l.level, name: l.name.es, minScore: l.minScore })),
    areas: definition.areas.map((a) => ({
      key: a.key,
      name: a.name.es,
      weight: a.weight,
      dimensions: a.dimensions.map((d) => ({
        key: d.key,
        name: d.name.es,
        weight: d.weight,
        questions: d.questions.map((q) =>
          q.type === 'scale'
            ? {
                key: q.key,
                type: 'scale' as const,
                weight: q.weight,
                options: (q.options ?? []).map((o) => ({ value: o.value, label: o.label.es })),
              }
            : { key: q.key, type: q.type, weight: q.weight },
        ),
      })),
    })),
  };
}
