import { ref, shallowRef, type Ref, type ShallowRef } from 'vue';
import { useRumboClient } from '@/api/client';
import type { ImpactEffort, RankShifts, Sensitivity } from '@/api/prioritisation';
import { call, toApiError, type ApiError } from '@/api/problem';

export interface Loaded<T> {
  data: ShallowRef<T | null>;
  loading: Ref<boolean>;
  error: ShallowRef<ApiError | null>;
  load: () => Promise<void>;
}

/** One read of an analysis: its data, loading flag and error; a newer load wins over an older one. */
function loaded<T>(fetch: () => Promise<T>): Loaded<T> {
  const data = shallowRef<T | null>(null);
  const loading = ref(false);
  const error = shallowRef<ApiError | null>(null);
  let seq = 0;
  async function load(): Promise<void> {
    const mine = ++seq;
    loading.value = true;
    error.value = null;
    try {
      const value = await fetch();
      if (mine === seq) data.value = value;
    } catch (e) {
      if (mine !== seq) return;
      data.value = null;
      error.value = toApiError(e);
    } finally {
      if (mine === seq) loading.value = false;
    }
  }
  return { data, loading, error, load };
}

/** The impact/effort matrix and the sensitivity of the ranking under a model (the active one when null). */
export function useRankingAnalysis(tenantId: Ref<string>, modelId: Ref<string | null>) {
  const client = useRumboClient();
  const query = () => ({ path: { tenantId: tenantId.value }, query: { modelId: modelId.value ?? undefined } });
  const impactEffort = loaded<ImpactEffort>(
    async () => (await call(client.GET('/v1/tenants/{tenantId}/frictions/impact-effort', { params: query() }))).data,
  );
  const sensitivity = loaded<Sensitivity>(
    async () => (await call(client.GET('/v1/tenants/{tenantId}/frictions/ranking/sensitivity', { params: query() }))).data,
  );
  /** Titles of the best-ranked frictions (the sensitivity names frictions by id only). */
  const titles = loaded<Map<string, string>>(async () => {
    const { data } = await call(
      client.GET('/v1/tenants/{tenantId}/frictions/ranking', {
        params: { path: { tenantId: tenantId.value }, query: { limit: 50, modelId: modelId.value ?? undefined } },
      }),
    );
    return new Map(data.data.map((f) => [f.frictionId, f.title]));
  });
  return { impactEffort, sensitivity, titles };
}

/** How each friction's rank moves from model A to model B. */
export function useRankShifts(tenantId: Ref<string>, from: Ref<string | null>, to: Ref<string | null>) {
  const client = useRumboClient();
  return loaded<RankShifts>(
    async () =>
      (
        await call(
          client.GET('/v1/tenants/{tenantId}/frictions/ranking/shifts', {
            params: { path: { tenantId: tenantId.value }, query: { from: from.value ?? '', to: to.value ?? '' } },
          }),
        )
      ).data,
  );
}
