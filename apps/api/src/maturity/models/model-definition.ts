import type { LocalisedText } from './maturity-model.entity';

/**
 * The JSON document of a model version, as imported, exported and stored (see
 * maturity/default-model/default-model.json), checked by modelDocumentErrors (model-shape.ts).
 * Scoring reads it through its projection for @rumbo/method (method-model.ts).
 */
export interface ModelDefinition {
  key: string;
  version?: number;
  name: LocalisedText;
  description?: LocalisedText;
  levels: { level: number; name: LocalisedText; minScore: number }[];
  areas: {
    key: string;
    /** Omitted on import means 1 (area weights default equal, METHOD.md §1); always stored. */
    weight: number;
    name: LocalisedText;
    description?: LocalisedText;
    dimensions: {
      key: string;
      weight: number;
      name: LocalisedText;
      description?: LocalisedText;
      questions: {
        key: string;
        type: 'scale' | 'yes_no' | 'percentage';
        weight: number;
        evidenceRequired?: boolean;
        text: LocalisedText;
        guidance?: LocalisedText;
        options?: { value: number; label: LocalisedText }[];
        sources?: { framework: string; reference: string; url?: string }[];
      }[];
    }[];
  }[];
}

export type QuestionDefinition = ModelDefinition['areas'][number]['dimensions'][number]['questions'][number];

/** Every question of a definition by key. */
export function questionsByKey(definition: ModelDefinition): Map<string, QuestionDefinition> {
  const map = new Map<string, QuestionDefinition>();
  for (const area of definition.areas) for (const dimension of area.dimensions) for (const q of dimension.questions) map.set(q.key, q);
  return map;
}
