import type { Schema } from '@rumbo/api-client';
import { computed, inject, provide, ref, shallowRef, watch, type InjectionKey, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRumboClient } from '@/api/client';
import { call, toApiError, type ApiError } from '@/api/problem';
import type { LocalisedText, ModelVersion } from '@/api/types';
import { useAction } from './use-action';
import { useLatestLoad } from './use-latest-load';

export type MaturityModel = Schema<'MaturityModelDto'>;
export type ModelDefinition = Schema<'ModelDefinitionDto'>;
type Area = ModelVersion['areas'][number];
type Dimension = Area['dimensions'][number];
export type Question = Dimension['questions'][number];
export type Lang = keyof LocalisedText;

/**
 * The document a version exports: exactly what import takes back (the server's own fields — id,
 * status, scope, dates, counts — are left out), so export → edit → import makes the next version.
 */
export function toDefinition(version: ModelVersion): ModelDefinition {
  const { key, version: number, name, description, levels, areas } = version;
  return { key, version: number, name, ...(description ? { description } : {}), levels, areas };
}

/** A dimension's share of the overall score when everything is answered (METHOD.md §1: Σw·S/Σw at each level). */
export interface DimensionShare {
  areaKey: string;
  dimensionKey: string;
  /** Area weight / Σ area weights. */
  areaShare: number;
  /** Dimension weight / Σ dimension weights of its area. */
  withinArea: number;
  /** areaShare × withinArea: the fraction of the 0–100 overall score the dimension can move. */
  overall: number;
  questionCount: number;
}

export function dimensionShares(version: Pick<ModelVersion, 'areas'>): DimensionShare[] {
  const areaTotal = version.areas.reduce((sum, a) => sum + a.weight, 0);
  return version.areas.flatMap((area) => {
    const areaShare = areaTotal > 0 ? area.weight / areaTotal : 0;
    const dimTotal = area.dimensions.reduce((sum, d) => sum + d.weight, 0);
    return area.dimensions.map((dim) => {
      const withinArea = dimTotal > 0 ? dim.weight / dimTotal : 0;
      return {
        areaKey: area.key,
        dimensionKey: dim.key,
        areaShare,
        withinArea,
        overall: areaShare * withinArea,
        questionCount: dim.questions.length,
      };
    });
  });
}

/** Every question with the area and dimension it sits in. */
export interface PlacedQuestion {
  area: Area;
  dimension: Dimension;
  question: Question;
}

export function placedQuestions(version: Pick<ModelVersion, 'areas'>): PlacedQuestion[] {
  return version.areas.flatMap((area) =>
    area.dimensions.flatMap((dimension) => dimension.questions.map((question) => ({ area, dimension, question }))),
  );
}

/** The public frameworks the questions cite (OECD-DGI, EU-DMAT, UN-LOSI, WB-GTMI…), sorted. */
export function frameworksOf(version: Pick<ModelVersion, 'areas'>): string[] {
  const set = new Set<string>();
  for (const { question } of placedQuestions(version)) for (const source of question.sources ?? []) set.add(source.framework);
  return [...set].sort();
}

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

/**
 * Whether a question matches a free-text search (key, text, guidance, option labels and sources in
 * the UI language, accents ignored) and a cited framework ('' = any).
 */
export function questionMatches(question: Question, search: string, framework: string, lang: Lang): boolean {
  if (framework && !(question.sources ?? []).some((s) => s.framework === framework)) return false;
  const terms = fold(search).split(/\s+/).filter(Boolean);
  if (!terms.length) return true;
  const haystack = fold(
    [
      question.key,
      question.text[lang],
      question.guidance?.[lang] ?? '',
      ...(question.options ?? []).map((o) => o.label[lang]),
      ...(question.sources ?? []).flatMap((s) => [s.framework, s.reference]),
    ].join(' '),
  );
  return terms.every((term) => haystack.includes(term));
}

/** What changed between two versions of a model, by question key (the key re-scoring matches on). */
export interface VersionDiff {
  added: string[];
  removed: string[];
  /** Kept keys whose scoring changed: type, weight, scale options, or the dimension they count in. */
  changed: { key: string; fields: ('type' | 'weight' | 'options' | 'dimension')[] }[];
  /** Kept keys with only their wording (text, guidance, sources) changed. */
  reworded: string[];
  /** Keys in both: the answers carried over when re-scoring under the newer version. */
  kept: number;
  /** Dimensions whose weight changed. */
  dimensionWeights: { key: string; from: number; to: number }[];
  levelsChanged: boolean;
}

export function diffVersions(older: Pick<ModelVersion, 'areas' | 'levels'>, newer: Pick<ModelVersion, 'areas' | 'levels'>): VersionDiff {
  const before = new Map(placedQuestions(older).map((p) => [p.question.key, p]));
  const after = new Map(placedQuestions(newer).map((p) => [p.question.key, p]));
  const diff: VersionDiff = { added: [], removed: [], changed: [], reworded: [], kept: 0, dimensionWeights: [], levelsChanged: false };
  for (const key of after.keys()) if (!before.has(key)) diff.added.push(key);
  for (const [key, was] of before) {
    const now = after.get(key);
    if (!now) {
      diff.removed.push(key);
      continue;
    }
    diff.kept++;
    const fields: VersionDiff['changed'][number]['fields'] = [];
    if (was.question.type !== now.question.type) fields.push('type');
    if (was.question.weight !== now.question.weight) fields.push('weight');
    const values = (q: Question) => JSON.stringify((q.options ?? []).map((o) => o.value));
    if (values(was.question) !== values(now.question)) fields.push('options');
    if (was.dimension.key !== now.dimension.key) fields.push('dimension');
    if (fields.length) diff.changed.push({ key, fields });
    else if (
      JSON.stringify([was.question.text, was.question.guidance, was.question.sources, was.question.options]) !==
      JSON.stringify([now.question.text, now.question.guidance, now.question.sources, now.question.options])
    ) {
      diff.reworded.push(key);
    }
  }
  const oldDims = new Map(older.areas.flatMap((a) => a.dimensions.map((d) => [d.key, d.weight] as const)));
  for (const area of newer.areas)
    for (const dim of area.dimensions) {
      const from = oldDims.get(dim.key);
      if (from !== undefined && from !== dim.weight) diff.dimensionWeights.push({ key: dim.key, from, to: dim.weight });
    }
  diff.levelsChanged =
    JSON.stringify(older.levels.map((l) => [l.level, l.minScore])) !== JSON.stringify(newer.levels.map((l) => [l.level, l.minScore]));
  return diff;
}

/** A file's text as a model document, or the reason it is not JSON at all (the API checks the rest). */
export function parseModelFile(text: string): { document: ModelDefinition } | { syntaxError: string } {
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return { syntaxError: 'not-an-object' };
    return { document: value as ModelDefinition };
  } catch (e) {
    return { syntaxError: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * The model browser of a tenant: the models usable there (global ones and those of the tenant and
 * its ancestors), one version in full with its predecessor for the changes, and import/publish.
 */
export function useMaturityModels(tenantId: Ref<string>) {
  const client = useRumboClient();
  const { t, locale } = useI18n();
  const models = shallowRef<MaturityModel[]>([]);
  const loading = ref(false);
  const error = shallowRef<ApiError | null>(null);

  const versionId = ref<string | null>(null);
  const version = shallowRef<ModelVersion | null>(null);
  const previous = shallowRef<ModelVersion | null>(null);
  const { loading: versionLoading, error: versionError, run: loadVersion } = useLatestLoad();
  const cache = new Map<string, ModelVersion>();

  const model = computed(() => models.value.find((m) => m.versions.some((v) => v.id === versionId.value)) ?? null);

  async function reload(): Promise<void> {
    const id = tenantId.value;
    if (!id) return;
    loading.value = true;
    error.value = null;
    try {
      const { data } = await call(client.GET('/v1/tenants/{tenantId}/maturity-models', { params: { path: { tenantId: id } } }));
      models.value = data.data;
    } catch (e) {
      error.value = toApiError(e);
    } finally {
      loading.value = false;
    }
  }

  async function fetchVersion(id: string): Promise<ModelVersion> {
    const cached = cache.get(id);
    if (cached) return cached;
    const { data } = await call(
      client.GET('/v1/tenants/{tenantId}/maturity-model-versions/{versionId}', {
        params: { path: { tenantId: tenantId.value, versionId: id } },
      }),
    );
    // Drafts may still be replaced by a new import; only published versions never change.
    if (data.status === 'published') cache.set(id, data);
    return data;
  }

  /** Opens a version (null closes it) and, when there is one, the version before it for the changes. */
  function open(id: string | null): Promise<void> {
    versionId.value = id;
    version.value = null;
    previous.value = null;
    return loadVersion(async (isCurrent) => {
      if (!id) return;
      const current = await fetchVersion(id);
      if (!isCurrent()) return;
      version.value = current;
      const refs = model.value?.versions ?? [];
      const before = refs.filter((v) => v.version < current.version).sort((a, b) => b.version - a.version)[0];
      if (before) {
        const older = await fetchVersion(before.id);
        if (isCurrent()) previous.value = older;
      }
    });
  }

  const importing = ref(false);
  const importError = shallowRef<ApiError | null>(null);
  const imported = shallowRef<ModelVersion | null>(null);

  /** Imports a document as a new version (or replaces the draft); `global` needs a platform administrator. */
  async function importModel(document: ModelDefinition, options: { publish: boolean; global: boolean }): Promise<ModelVersion | null> {
    importing.value = true;
    importError.value = null;
    imported.value = null;
    try {
      const query = { publish: options.publish };
      const { data } = options.global
        ? await call(client.POST('/v1/maturity-models/import', { params: { query }, body: document }))
        : await call(
            client.POST('/v1/tenants/{tenantId}/maturity-models/import', {
              params: { path: { tenantId: tenantId.value }, query },
              body: document,
            }),
          );
      imported.value = data;
      await reload();
      await open(data.id);
      return data;
    } catch (e) {
      importError.value = toApiError(e);
      return null;
    } finally {
      importing.value = false;
    }
  }

  /** Publishes the open draft: a global one as platform administrator, a tenant one on its owner. */
  const publishing = useAction(
    async (): Promise<ModelVersion | null> => {
      const owner = model.value;
      const id = versionId.value;
      if (!owner || !id) return null;
      if (owner.ownerTenantId) {
        await call(
          client.POST('/v1/tenants/{tenantId}/maturity-model-versions/{versionId}/publish', {
            params: { path: { tenantId: owner.ownerTenantId, versionId: id } },
          }),
        );
      } else {
        await call(client.POST('/v1/maturity-model-versions/{versionId}/publish', { params: { path: { versionId: id } } }));
      }
      cache.delete(id);
      await reload();
      await open(id);
      return version.value;
    },
    {
      success: (published) =>
        published
          ? t('models.publish.done', { name: published.name[locale.value === 'en' ? 'en' : 'es'], version: published.version })
          : null,
    },
  );

  watch(tenantId, () => {
    cache.clear();
    void reload();
  });

  return {
    models,
    loading,
    error,
    versionId,
    version,
    previous,
    model,
    versionLoading,
    versionError,
    importing,
    importError,
    imported,
    publishing: publishing.busy,
    publishError: publishing.error,
    reload,
    open,
    importModel,
    publish: () => publishing.run(),
  };
}

/** A year as assessments and benchmarks take it (the API's rule for `period`). */
export const YEAR = /^(19|20|21)\d{2}$/;

/**
 * The models usable in a tenant, loaded once, and their published versions as choices for a
 * select ("Model (version 2)"), the first being the one to preselect. Inside a screen that called
 * `provideUsableModels`, every panel shares that one list (and its single request).
 */
export function useUsableModels(tenantId: () => string): UsableModels {
  return inject(usableModelsKey, null) ?? createUsableModels(tenantId);
}

/** Makes one list of usable models shared by the panels of a screen. */
export function provideUsableModels(tenantId: () => string): UsableModels {
  const usable = createUsableModels(tenantId);
  provide(usableModelsKey, usable);
  return usable;
}

export type UsableModels = ReturnType<typeof createUsableModels>;
const usableModelsKey: InjectionKey<UsableModels> = Symbol('usable-models');

function createUsableModels(tenantId: () => string) {
  const client = useRumboClient();
  const { t, locale } = useI18n();
  const models = shallowRef<MaturityModel[]>([]);
  const choices = computed(() => {
    const lang: Lang = locale.value === 'en' ? 'en' : 'es';
    return models.value.flatMap((m) =>
      m.versions
        .filter((v) => v.status === 'published')
        .map((v) => ({ id: v.id, label: t('wizard.new.versionLabel', { name: m.name[lang], version: v.version }) })),
    );
  });

  // One request per tenant however many panels ask at once; a failed one may be retried.
  let loading: Promise<void> | null = null;
  let loadedFor = '';
  function load(): Promise<void> {
    if (loadedFor !== tenantId()) {
      loadedFor = tenantId();
      loading = null;
      models.value = [];
    }
    loading ??= call(client.GET('/v1/tenants/{tenantId}/maturity-models', { params: { path: { tenantId: tenantId() } } })).then(
      ({ data }) => {
        models.value = data.data;
      },
      (e: unknown) => {
        loading = null;
        throw e;
      },
    );
    return loading;
  }

  return { models, choices, load };
}
