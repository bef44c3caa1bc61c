import { ref, shallowRef, watch, type Ref } from 'vue';
import { useRumboClient } from '@/api/client';
import { call, toApiError, type ApiError } from '@/api/problem';
import type { Tenant, TenantCreate, TenantUpdate } from '@/api/types';
import { useTenantStore } from '@/stores/tenant';
import { useCursorPages } from './use-cursor-pages';
import { SEARCH_DEBOUNCE_MS } from './use-tenant-search';

export const CHILDREN_PAGE = 20;

/**
 * Changes to the selected tenant: edit (PATCH with If-Match: a 412 means someone else changed it
 * since it was loaded), move under another parent, archive and restore. Each action owns its flag.
 */
export function useTenantActions() {
  const client = useRumboClient();
  const store = useTenantStore();

  const saving = ref(false);
  const moving = ref(false);
  const archiving = ref(false);
  const error = shallowRef<ApiError | null>(null);
  /** The last save was refused because the tenant changed meanwhile (412). */
  const stale = ref(false);

  function current(): Tenant {
    if (!store.current) throw new Error('no tenant loaded');
    return store.current;
  }

  async function save(changes: TenantUpdate): Promise<boolean> {
    const tenant = current();
    saving.value = true;
    error.value = null;
    stale.value = false;
    try {
      const { data, response } = await call(
        client.PATCH('/v1/tenants/{tenantId}', {
          params: { path: { tenantId: tenant.id }, header: store.etag ? { 'If-Match': store.etag } : {} },
          body: changes,
        }),
      );
      store.replace(data, response.headers.get('ETag'));
      return true;
    } catch (e) {
      error.value = toApiError(e);
      stale.value = error.value.status === 412;
      return false;
    } finally {
      saving.value = false;
    }
  }

  async function move(parentId: string): Promise<boolean> {
    const tenant = current();
    moving.value = true;
    error.value = null;
    stale.value = false;
    try {
      await call(
        client.POST('/v1/tenants/{tenantId}/move', {
          params: { path: { tenantId: tenant.id }, header: store.etag ? { 'If-Match': store.etag } : {} },
          body: { parentId },
        }),
      );
      // The breadcrumb changes with the parent: reload details and ancestors together.
      await store.load(tenant.id);
      return true;
    } catch (e) {
      error.value = toApiError(e);
      stale.value = error.value.status === 412;
      return false;
    } finally {
      moving.value = false;
    }
  }

  async function setArchived(archived: boolean): Promise<boolean> {
    const tenant = current();
    archiving.value = true;
    error.value = null;
    try {
      const params = { params: { path: { tenantId: tenant.id } } };
      const { data } = await call(
        archived ? client.POST('/v1/tenants/{tenantId}/archive', params) : client.POST('/v1/tenants/{tenantId}/unarchive', params),
      );
      store.replace(data);
      return true;
    } catch (e) {
      error.value = toApiError(e);
      return false;
    } finally {
      archiving.value = false;
    }
  }

  /** Drops local edits' basis and reads the tenant again (after a 412). */
  async function reload(): Promise<void> {
    stale.value = false;
    error.value = null;
    await store.load(current().id);
  }

  return { saving, moving, archiving, error, stale, save, move, setArchived, reload };
}

/** Direct children of a tenant: searchable, page by page, archived ones on request; create one. */
export function useTenantChildren(tenantId: Ref<string>) {
  const client = useRumboClient();
  const search = ref('');
  const includeArchived = ref(false);
  const creating = ref(false);
  const createError = shallowRef<ApiError | null>(null);

  const pages = useCursorPages(async (cursor) => {
    const { data } = await call(
      client.GET('/v1/tenants/{tenantId}/children', {
        params: {
          path: { tenantId: tenantId.value },
          query: {
            limit: CHILDREN_PAGE,
            cursor,
            search: search.value.trim() || undefined,
            includeArchived: includeArchived.value || undefined,
          },
        },
      }),
    );
    return data;
  });

  let timer: ReturnType<typeof setTimeout> | undefined;
  watch(search, () => {
    clearTimeout(timer);
    timer = setTimeout(() => void pages.reload(), SEARCH_DEBOUNCE_MS);
  });
  watch([includeArchived, tenantId], () => void pages.reload());

  async function create(body: TenantCreate): Promise<Tenant | null> {
    creating.value = true;
    createError.value = null;
    try {
      const { data } = await call(client.POST('/v1/tenants/{tenantId}/children', { params: { path: { tenantId: tenantId.value } }, body }));
      await pages.reload();
      return data;
    } catch (e) {
      createError.value = toApiError(e);
      return null;
    } finally {
      creating.value = false;
    }
  }

  return { ...pages, search, includeArchived, creating, createError, create };
}
