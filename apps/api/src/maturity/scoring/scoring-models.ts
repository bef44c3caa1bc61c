import { Injectable } from '@nestjs/common';
import { prepareModel, type PreparedModel } from '@rumbo/method';
import type { EntityManager } from 'typeorm';
import type { LocalisedText } from '../models/maturity-model.entity';
import { MaturityModelsRepository, type VersionRef } from '../models/maturity-models.repository';
import { toMethodModel } from '../models/method-model';
import type { ModelDefinition } from '../models/model-definition';

/** The texts of a version, by key, for presenting scores in either language. */
export interface ModelTexts {
  readonly areas: ReadonlyMap<string, LocalisedText>;
  readonly dimensions: ReadonlyMap<string, LocalisedText>;
  readonly questions: ReadonlyMap<string, { readonly text: LocalisedText; readonly options: ReadonlyMap<number, LocalisedText> }>;
  readonly levels: ReadonlyMap<number, LocalisedText>;
}

/** A model version ready to score and present: its row, its document, the prepared model, its texts. */
export interface ScoringModel {
  readonly version: VersionRef;
  readonly definition: ModelDefinition;
  readonly model: PreparedModel;
  readonly texts: ModelTexts;
}

type Prepared = Omit<ScoringModel, 'version'>;

/** Published versions kept prepared; drafts (which change) are prepared on each use. */
const MAX_CACHED = 200;

/**
 * Prepared scoring models by version. A published version never changes (a trigger enforces it), so
 * its prepared model and texts are kept in memory across requests; visibility is still checked in the
 * request's transaction on every use (row-level security decides), in the same single statement that
 * fetches the documents the cache lacks. Loading the models of a whole list is one statement.
 */
@Injectable()
export class ScoringModels {
  private readonly prepared = new Map<string, Prepared>();

  constructor(private readonly repository: MaturityModelsRepository) {}

  /** A visible version, or null. */
  async get(manager: EntityManager, versionId: string): Promise<ScoringModel | null> {
    return (await this.getMany(manager, [versionId])).get(versionId) ?? null;
  }

  /** The visible ones among these versions, by id. */
  async getMany(manager: EntityManager, versionIds: readonly string[]): Promise<Map<string, ScoringModel>> {
    const ids = [...new Set(versionIds)];
    // Taken before the query: another request may evict an entry while this one waits.
    const cached = new Map(ids.flatMap((id) => (this.prepared.has(id) ? [[id, this.prepared.get(id)!] as const] : [])));
    const rows = await this.repository.versions(manager, ids, new Set(cached.keys()));
    const out = new Map<string, ScoringModel>();
    for (const { definition, ...version } of rows) {
      let prepared = definition === null ? cached.get(version.id) : undefined;
      if (!prepared) {
        prepared = prepare(definition!);
        if (version.status === 'published') this.remember(version.id, prepared);
      }
      out.set(version.id, { version, ...prepared });
    }
    return out;
  }

  private remember(id: string, prepared: Prepared): void {
    if (this.prepared.size >= MAX_CACHED) this.prepared.delete(this.prepared.keys().next().value!);
    this.prepared.set(id, prepared);
  }
}

function prepare(definition: ModelDefinition): Prepared {
  const areas = new Map<string, LocalisedText>();
  const dimensions = new Map<string, LocalisedText>();
  const questions = new Map<string, { text: LocalisedText; options: Map<number, LocalisedText> }>();
  for (const area of definition.areas) {
    areas.set(area.key, area.name);
    for (const dimension of area.dimensions) {
      dimensions.set(dimension.key, dimension.name);
      for (const q of dimension.questions) {
        questions.set(q.key, { text: q.text, options: new Map((q.options ?? []).map((o) => [o.value, o.label])) });
      }
    }
  }
  const levels = new Map(definition.levels.map((l) => [l.level, l.name]));
  return { definition, model: prepareModel(toMethodModel(definition)), texts: { areas, dimensions, questions, levels } };
}
