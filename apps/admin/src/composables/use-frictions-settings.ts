import type { DefaultTariffs } from '@rumbo/method';
import { computed, ref, shallowRef, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRumboClient } from '@/api/client';
import { call, toApiError, type ApiError } from '@/api/problem';
import type { FrictionSettings } from '@/api/types';
import { useAction } from './use-action';

/**
 * The tenant's default hourly rates for staff's and businesses' time (METHOD §3; 42 €/h when never
 * set): read by every friction form for its live cost, changed by administrators with If-Match (a
 * 412 means someone else changed them meanwhile). Saving recomputes the lines that use them.
 */
export function useFrictionSettings(tenantId: Ref<string>) {
  const client = useRumboClient();
  const { t } = useI18n();
  const settings = shallowRef<FrictionSettings | null>(null);
  const etag = ref<string | null>(null);
  const loading = ref(false);
  const error = shallowRef<ApiError | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      const { data, response } = await call(
        client.GET('/v1/tenants/{tenantId}/friction-settings', { params: { path: { tenantId: tenantId.value } } }),
      );
      settings.value = data;
      etag.value = response.headers.get('ETag');
    } catch (e) {
      error.value = toApiError(e);
    } finally {
      loading.value = false;
    }
  }

  const save = useAction(
    async (changes: { staffTariffPerHour: number | null; businessTariffPerHour: number | null; currency: string }) => {
      const { data, response } = await call(
        client.PUT('/v1/tenants/{tenantId}/friction-settings', {
          params: { path: { tenantId: tenantId.value }, header: etag.value ? { 'If-Match': etag.value } : {} },
          body: changes,
        }),
      );
      settings.value = data;
      etag.value = response.headers.get('ETag');
      return data;
    },
    { success: () => t('frictions.settings.saved') },
  );
  /** The last save was refused because the settings changed meanwhile. */
  const stale = computed(() => save.error.value?.status === 412);

  /** The rates the live cost applies (the library's shape). */
  const defaults = computed<DefaultTariffs>(() => ({
    staff: settings.value?.staffTariffPerHour ?? null,
    businesses: settings.value?.businessTariffPerHour ?? null,
  }));
  const currency = computed(() => settings.value?.currency ?? 'EUR');

  return { settings, etag, loading, error, load, save, stale, defaults, currency };
}
