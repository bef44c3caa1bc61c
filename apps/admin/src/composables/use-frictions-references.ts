import { computed, ref, shallowRef, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRumboClient } from '@/api/client';
import { call, toApiError, type ApiError } from '@/api/problem';
import type { Assessment, FrictionArea, FrictionOwner, Gaps, LocalisedText, ModelVersion } from '@/api/types';
import { useAction } from './use-action';

/** A name in the UI language (Spanish when the other is missing). */
export const localised = (text: LocalisedText | null | undefined, locale: string): string =>
  text ? ((locale.startsWith('en') ? text.en : text.es) ?? text.es ?? text.en ?? '') : '';

/** A key from a name: lower case, accents dropped, words joined by hyphens ("Gestión de agua" → "gestion-de-agua"). */
export function areaKeyOf(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/** The tenant's areas of interest: the ten built in and its own; a new one added inline. */
export function useFrictionAreas(tenantId: Ref<string>) {
  const client = useRumboClient();
  const { t } = useI18n();
  const items = shallowRef<FrictionArea[]>([]);
  const error = shallowRef<ApiError | null>(null);

  async function load(): Promise<void> {
    error.value = null;
    try {
      const { data } = await call(client.GET('/v1/tenants/{tenantId}/friction-areas', { params: { path: { tenantId: tenantId.value } } }));
      items.value = data.data;
    } catch (e) {
      error.value = toApiError(e);
    }
  }

  /** Adds an area named the same in both languages (the tenant may translate it later); resolves its key. */
  const add = useAction(
    async (name: string) => {
      const trimmed = name.trim();
      const { data } = await call(
        client.POST('/v1/tenants/{tenantId}/friction-areas', {
          params: { path: { tenantId: tenantId.value } },
          body: { key: areaKeyOf(trimmed), name: { es: trimmed, en: trimmed } },
        }),
      );
      items.value = [...items.value, data];
      return data;
    },
    { success: (area) => t('frictions.form.areaAdded', { name: area.name.es }) },
  );

  return { items, error, load, add };
}

/** Whom a friction can be assigned to: the tenant's members by name (any reader may list them). */
export function useFrictionOwners(tenantId: Ref<string>) {
  const client = useRumboClient();
  const items = shallowRef<FrictionOwner[]>([]);
  const error = shallowRef<ApiError | null>(null);

  async function load(): Promise<void> {
    try {
      const { data } = await call(client.GET('/v1/tenants/{tenantId}/friction-owners', { params: { path: { tenantId: tenantId.value } } }));
      items.value = data.data;
    } catch (e) {
      error.value = toApiError(e);
    }
  }
  const nameOf = (userId: string | null | undefined) => items.value.find((m) => m.userId === userId)?.name ?? null;
  return { items, error, load, nameOf };
}

/** One dimension a friction may be rooted in, with where the latest submitted assessment left it. */
export interface RootCauseOption {
  modelId: string;
  areaKey: string;
  dimensionKey: string;
  areaName: LocalisedText;
  dimensionName: LocalisedText;
  score: number | null;
  level: number | null;
  /** Points to the next level (null at the top level or when unscored). */
  shortfall: number | null;
}

/**
 * The dimensions of the model the tenant's latest submitted (or validated) assessment used, each
 * with its score and gap there (weakest first, as the API's gaps answer them); dimensions the
 * assessment did not score come last. Empty when the tenant has no submitted assessment.
 */
export function useRootCauseOptions(tenantId: Ref<string>) {
  const client = useRumboClient();
  const options = shallowRef<RootCauseOption[]>([]);
  const assessment = shallowRef<Assessment | null>(null);
  const loading = ref(false);
  const error = shallowRef<ApiError | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      const { data: list } = await call(
        client.GET('/v1/tenants/{tenantId}/assessments', { params: { path: { tenantId: tenantId.value }, query: { limit: 200 } } }),
      );
      const latest = latestSubmitted(list.data);
      assessment.value = latest;
      if (!latest) {
        options.value = [];
        return;
      }
      const path = { tenantId: tenantId.value };
      const [version, gaps] = await Promise.all([
        call(
          client.GET('/v1/tenants/{tenantId}/maturity-model-versions/{versionId}', {
            params: { path: { ...path, versionId: latest.modelVersionId } },
          }),
        ),
        call(
          // Every dimension (the endpoint lists the five weakest by default).
          client.GET('/v1/tenants/{tenantId}/assessments/{assessmentId}/gaps', {
            params: { path: { ...path, assessmentId: latest.id }, query: { limit: 100 } },
          }),
        ),
      ]);
      options.value = rootCauseOptions(version.data, gaps.data);
    } catch (e) {
      error.value = toApiError(e);
    } finally {
      loading.value = false;
    }
  }

  const byKey = computed(() => new Map(options.value.map((o) => [rootCauseKey(o), o])));
  return { options, byKey, assessment, loading, error, load };
}

export const rootCauseKey = (r: { modelId: string; areaKey: string; dimensionKey: string }) =>
  `${r.modelId}:${r.areaKey}/${r.dimensionKey}`;

/** The most recent assessment that was submitted (validated ones were submitted first). */
export function latestSubmitted(assessments: readonly Assessment[]): Assessment | null {
  const done = assessments.filter((a) => a.status !== 'draft' && a.submittedAt);
  done.sort((a, b) => (b.submittedAt ?? '').localeCompare(a.submittedAt ?? '') || b.period.localeCompare(a.period));
  return done[0] ?? null;
}

/** The model's dimensions in the gaps' order (weakest first), then those without a score. */
export function rootCauseOptions(version: ModelVersion, gaps: Gaps): RootCauseOption[] {
  const names = new Map<string, { areaName: LocalisedText; dimensionName: LocalisedText }>();
  for (const area of version.areas) {
    for (const dim of area.dimensions) names.set(`${area.key}/${dim.key}`, { areaName: area.name, dimensionName: dim.name });
  }
  const scored = gaps.data
    .filter((g) => names.has(`${g.areaKey}/${g.dimensionKey}`))
    .map((g) => ({
      modelId: version.modelId,
      areaKey: g.areaKey,
      dimensionKey: g.dimensionKey,
      ...names.get(`${g.areaKey}/${g.dimensionKey}`)!,
      score: g.score,
      level: g.level,
      shortfall: g.shortfall,
    }));
  const seen = new Set(scored.map((o) => `${o.areaKey}/${o.dimensionKey}`));
  const unscored = [...names.entries()]
    .filter(([key]) => !seen.has(key))
    .map(([key, n]) => {
      const [areaKey, dimensionKey] = key.split('/');
      return { modelId: version.modelId, areaKey, dimensionKey, ...n, score: null, level: null, shortfall: null };
    });
  return [...scored, ...unscored];
}
