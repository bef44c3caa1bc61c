import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import { useRumboClient } from '@/api/client';
import { call, toApiError, type ApiError } from '@/api/problem';
import type { Tenant, TenantSummary } from '@/api/types';
import type { AccessLevel } from '@/auth/access';
import { useAuthStore } from './auth';

/** What is remembered about the selected tenant: enough to show it and compute the role offline. */
export interface TenantSelection {
  id: string;
  name: string;
  code: string;
  ancestors: string[];
}

const STORAGE_PREFIX = 'rumbo.tenant.';

function readSelection(userId: string): TenantSelection | null {
  try {
    const raw = globalThis.localStorage?.getItem(STORAGE_PREFIX + userId);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<TenantSelection>;
    if (typeof value.id !== 'string' || typeof value.name !== 'string' || !Array.isArray(value.ancestors)) return null;
    return { id: value.id, name: value.name, code: String(value.code ?? ''), ancestors: value.ancestors.map(String) };
  } catch {
    return null;
  }
}

function writeSelection(userId: string, selection: TenantSelection | null): void {
  try {
    if (selection) globalThis.localStorage?.setItem(STORAGE_PREFIX + userId, JSON.stringify(selection));
    else globalThis.localStorage?.removeItem(STORAGE_PREFIX + userId);
  } catch {
    /* not persisted; still applied */
  }
}

const toSelection = (t: Tenant | TenantSummary): TenantSelection => ({
  id: t.id,
  name: t.name,
  code: t.code,
  ancestors: [...t.ancestors],
});

/** A weak ETag from a tenant's version, as the API computes it (fallback when the header is hidden). */
export const etagOfVersion = (version: number) => `W/"${version}"`;

/**
 * The selected tenant: remembered per user in localStorage (a tenant id is not a secret and the
 * choice should survive new tabs), loaded with its ETag and ancestors when a tenant route opens.
 */
export const useTenantStore = defineStore('tenant', () => {
  const client = useRumboClient();
  const auth = useAuthStore();

  const selection = ref<TenantSelection | null>(null);
  const current = shallowRef<Tenant | null>(null);
  const etag = ref<string | null>(null);
  const ancestors = shallowRef<TenantSummary[]>([]);
  const loading = ref(false);
  const error = shallowRef<ApiError | null>(null);

  // The remembered choice belongs to the signed-in user.
  watch(
    () => auth.me?.id,
    (userId) => {
      selection.value = userId ? readSelection(userId) : null;
      if (!userId) {
        current.value = null;
        ancestors.value = [];
        etag.value = null;
      }
    },
    { immediate: true },
  );

  const role = computed(() => auth.roleIn(current.value ?? selection.value));
  const can = (access: AccessLevel) => auth.can(current.value ?? selection.value, access);

  function select(tenant: Tenant | TenantSummary | TenantSelection): void {
    const next = 'kind' in tenant ? toSelection(tenant) : tenant;
    selection.value = next;
    if (auth.me) writeSelection(auth.me.id, next);
  }

  function forget(): void {
    selection.value = null;
    if (auth.me) writeSelection(auth.me.id, null);
  }

  let loadSeq = 0;

  /** Opens a tenant: details (with ETag) and breadcrumb; becomes the selection on success. */
  async function load(tenantId: string): Promise<void> {
    const seq = ++loadSeq;
    loading.value = true;
    error.value = null;
    if (current.value?.id !== tenantId) {
      current.value = null;
      ancestors.value = [];
    }
    try {
      const [details, path] = await Promise.all([
        call(client.GET('/v1/tenants/{tenantId}', { params: { path: { tenantId } } })),
        call(client.GET('/v1/tenants/{tenantId}/ancestors', { params: { path: { tenantId } } })),
      ]);
      if (seq !== loadSeq) return; // a later navigation won
      current.value = details.data;
      etag.value = details.response.headers.get('ETag') ?? etagOfVersion(details.data.version);
      ancestors.value = path.data.data;
      select(details.data);
    } catch (e) {
      if (seq !== loadSeq) return;
      error.value = toApiError(e);
      current.value = null;
      // A tenant that no longer exists (or is no longer visible) should not be offered again.
      if (selection.value?.id === tenantId && (error.value.status === 404 || error.value.status === 403)) forget();
    } finally {
      if (seq === loadSeq) loading.value = false;
    }
  }

  /** After a successful change: the new state and ETag. */
  function replace(tenant: Tenant, newEtag?: string | null): void {
    current.value = tenant;
    etag.value = newEtag ?? etagOfVersion(tenant.version);
    select(tenant);
  }

  return { selection, current, etag, ancestors, loading, error, role, can, select, forget, load, replace };
});
