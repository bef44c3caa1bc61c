import { ref, shallowRef, watch, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRumboClient } from '@/api/client';
import { call, toApiError, type ApiError } from '@/api/problem';
import type { ApiKey, ApiKeyCreated, ApiKeyScope } from '@/api/types';
import { useCursorPages } from './use-cursor-pages';
import { useRowAction } from './use-row-action';

export const API_KEYS_PAGE = 20;

export interface ApiKeyDraft {
  name: string;
  scopes: ApiKeyScope[];
  /** ISO instant, or undefined for a key that does not expire. */
  expiresAt?: string;
}

/**
 * Integrator API keys of a tenant. The full key exists only in the creation answer: it is kept
 * here until the user dismisses it, and never written anywhere else.
 */
export function useApiKeys(tenantId: Ref<string>) {
  const client = useRumboClient();
  const { t } = useI18n();
  const includeRevoked = ref(false);
  const creating = ref(false);
  const createError = shallowRef<ApiError | null>(null);
  const created = shallowRef<ApiKeyCreated | null>(null);

  const pages = useCursorPages<ApiKey>(async (cursor) => {
    const { data } = await call(
      client.GET('/v1/tenants/{tenantId}/api-keys', {
        params: {
          path: { tenantId: tenantId.value },
          query: { limit: API_KEYS_PAGE, cursor, includeRevoked: includeRevoked.value || undefined },
        },
      }),
    );
    return data;
  });
  const action = useRowAction(() => pages.refresh());
  watch([includeRevoked, tenantId], () => void pages.reload());

  async function create(draft: ApiKeyDraft): Promise<boolean> {
    creating.value = true;
    createError.value = null;
    try {
      const { data } = await call(
        client.POST('/v1/tenants/{tenantId}/api-keys', {
          params: { path: { tenantId: tenantId.value } },
          body: { name: draft.name, scopes: draft.scopes, ...(draft.expiresAt ? { expiresAt: draft.expiresAt } : {}) },
        }),
      );
      created.value = data;
      await pages.reload();
      return true;
    } catch (e) {
      createError.value = toApiError(e);
      return false;
    } finally {
      creating.value = false;
    }
  }

  function revoke(key: ApiKey): Promise<boolean> {
    return action.run(
      key.id,
      () =>
        call(client.DELETE('/v1/tenants/{tenantId}/api-keys/{keyId}', { params: { path: { tenantId: tenantId.value, keyId: key.id } } })),
      () => t('apiKeys.revoked', { name: key.name }),
    );
  }

  /** Forgets the full key (the list only ever shows its prefix and last four characters). */
  function dismissCreated(): void {
    created.value = null;
  }

  return {
    ...pages,
    includeRevoked,
    creating,
    createError,
    created,
    revokingId: action.busyId,
    revokeError: action.error,
    create,
    revoke,
    dismissCreated,
  };
}

/** End of the chosen day in the user's time zone, as an ISO instant (a key is valid through that day). */
export function endOfDayIso(date: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y, m - 1, d, 23, 59, 59, 999).toISOString();
}

/** Today (or `date`) as YYYY-MM-DD in the user's time zone, for `<input type="date">` bounds. */
export function localIsoDate(date: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
