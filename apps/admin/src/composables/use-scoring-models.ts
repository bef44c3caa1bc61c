import { ref, shallowRef, type Ref } from 'vue';
import { useRumboClient } from '@/api/client';
import { call, toApiError, type ApiError } from '@/api/problem';
import type { ScoringModel, ScoringModelCreate, ScoringModelUpdate } from '@/api/prioritisation';

/** The pair an activation was refused for (the 422's `pair` extension), by index and criterion key. */
export interface RefusedPair {
  i: number;
  j: number;
  criteria: [string, string];
  value: number;
  suggestedValue: number;
}

/** The pair of a `scoring-model-inconsistent` problem, or null for any other error. */
export function refusedPair(error: ApiError | null): RefusedPair | null {
  const problem = error?.problem as (Record<string, unknown> & { type?: string }) | null | undefined;
  if (error?.status !== 422 || !problem?.type?.endsWith(':scoring-model-inconsistent')) return null;
  const pair = problem.pair as RefusedPair | null | undefined;
  return pair && Array.isArray(pair.criteria) ? pair : null;
}

/** The tenant's scoring models (one list, by name then newest version; the API does not page it). */
export function useScoringModels(tenantId: Ref<string>) {
  const client = useRumboClient();
  const items = shallowRef<ScoringModel[]>([]);
  const loading = ref(false);
  const error = shallowRef<ApiError | null>(null);

  async function reload(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      const { data } = await call(client.GET('/v1/tenants/{tenantId}/scoring-models', { params: { path: { tenantId: tenantId.value } } }));
      items.value = data.data;
    } catch (e) {
      error.value = toApiError(e);
    } finally {
      loading.value = false;
    }
  }

  return { items, loading, error, reload };
}

/** The calls that change scoring models; each throws an ApiError (run them through useAction). */
export function useScoringModelCalls(tenantId: Ref<string>) {
  const client = useRumboClient();
  const path = (modelId: string) => ({ path: { tenantId: tenantId.value, modelId } });

  return {
    async get(modelId: string): Promise<ScoringModel> {
      return (await call(client.GET('/v1/tenants/{tenantId}/scoring-models/{modelId}', { params: path(modelId) }))).data;
    },
    async create(body: ScoringModelCreate): Promise<ScoringModel> {
      const params = { path: { tenantId: tenantId.value } };
      return (await call(client.POST('/v1/tenants/{tenantId}/scoring-models', { params, body }))).data;
    },
    async update(modelId: string, body: ScoringModelUpdate): Promise<ScoringModel> {
      return (await call(client.PATCH('/v1/tenants/{tenantId}/scoring-models/{modelId}', { params: path(modelId), body }))).data;
    },
    async activate(modelId: string): Promise<ScoringModel> {
      return (await call(client.POST('/v1/tenants/{tenantId}/scoring-models/{modelId}/activate', { params: path(modelId) }))).data;
    },
    async remove(modelId: string): Promise<void> {
      await call(client.DELETE('/v1/tenants/{tenantId}/scoring-models/{modelId}', { params: path(modelId) }));
    },
  };
}
