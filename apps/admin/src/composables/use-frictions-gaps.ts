import { ref, shallowRef, type Ref } from 'vue';
import { useRumboClient } from '@/api/client';
import { call, toApiError, type ApiError } from '@/api/problem';
import type { GapCosts } from '@/api/types';

/**
 * "What does each maturity gap cost us a year": per dimension of the model the latest submitted
 * assessment used, the frictions rooted in it and the sum of their annual cost and hours.
 */
export function useFrictionGapCosts(tenantId: Ref<string>) {
  const client = useRumboClient();
  const result = shallowRef<GapCosts | null>(null);
  const loading = ref(false);
  const error = shallowRef<ApiError | null>(null);

  async function load(modelId?: string): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      const { data } = await call(
        client.GET('/v1/tenants/{tenantId}/frictions/gap-costs', {
          params: { path: { tenantId: tenantId.value }, query: { modelId } },
        }),
      );
      result.value = data;
    } catch (e) {
      error.value = toApiError(e);
    } finally {
      loading.value = false;
    }
  }

  return { result, loading, error, load };
}
