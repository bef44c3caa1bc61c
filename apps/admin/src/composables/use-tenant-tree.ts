import type { TreeNode } from 'primevue/treenode';
import { ref, shallowRef } from 'vue';
import { useRumboClient } from '@/api/client';
import { call, toApiError, type ApiError } from '@/api/problem';
import type { Page, TenantSummary } from '@/api/types';

export const TREE_PAGE = 50;

/** A node of the lazy tree: a tenant, or the "load more" entry at the end of a partial level. */
export type TenantTreeNode = TreeNode &
  ({ type: 'tenant'; data: TenantSummary } | { type: 'more'; data: { parentId: string | null; cursor: string } });

const MORE_PREFIX = 'more:';

/**
 * The tenant hierarchy, loaded level by level: the top nodes of what the user can access first
 * (`?roots=true`), a node's children when it is expanded, 50 at a time with a "load more" entry.
 * Nothing is loaded that the user does not open, so it stays fast with thousands of tenants.
 */
export function useTenantTree(moreLabel: () => string) {
  const client = useRumboClient();
  const nodes = ref<TenantTreeNode[]>([]);
  const expandedKeys = ref<Record<string, boolean>>({});
  const loading = ref(false);
  const error = shallowRef<ApiError | null>(null);

  const tenantNode = (t: TenantSummary): TenantTreeNode => ({
    key: t.id,
    type: 'tenant',
    label: `${t.name} (${t.code})`,
    data: t,
    leaf: t.childCount === 0,
  });

  const moreNode = (parentId: string | null, cursor: string): TenantTreeNode => ({
    key: `${MORE_PREFIX}${parentId ?? 'root'}:${cursor}`,
    type: 'more',
    label: moreLabel(),
    leaf: true,
    data: { parentId, cursor },
  });

  const toNodes = (page: Page<TenantSummary>, parentId: string | null): TenantTreeNode[] => [
    ...page.data.map(tenantNode),
    ...(page.nextCursor ? [moreNode(parentId, page.nextCursor)] : []),
  ];

  async function fetchLevel(parentId: string | null, cursor?: string): Promise<Page<TenantSummary>> {
    if (parentId === null) {
      const { data } = await call(client.GET('/v1/tenants', { params: { query: { roots: true, limit: TREE_PAGE, cursor } } }));
      return data;
    }
    const { data } = await call(
      client.GET('/v1/tenants/{tenantId}/children', {
        params: { path: { tenantId: parentId }, query: { limit: TREE_PAGE, cursor } },
      }),
    );
    return data;
  }

  async function loadRoots(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      nodes.value = toNodes(await fetchLevel(null), null);
    } catch (e) {
      error.value = toApiError(e);
    } finally {
      loading.value = false;
    }
  }

  /** Finds a node by key in the loaded part of the tree (reactive proxy, so edits re-render). */
  function find(key: string, level: TenantTreeNode[] = nodes.value): TenantTreeNode | undefined {
    for (const node of level) {
      if (node.key === key) return node;
      const inChildren = node.children ? find(key, node.children as TenantTreeNode[]) : undefined;
      if (inChildren) return inChildren;
    }
    return undefined;
  }

  /** Loads a tenant's children the first time it is expanded. */
  async function expand(key: string): Promise<void> {
    const node = find(key);
    if (!node || node.type !== 'tenant' || node.children || node.loading) return;
    node.loading = true;
    error.value = null;
    try {
      node.children = toNodes(await fetchLevel(node.key), node.key);
    } catch (e) {
      error.value = toApiError(e);
      delete expandedKeys.value[key];
    } finally {
      node.loading = false;
    }
  }

  /** Replaces a "load more" entry with the next page of its level. */
  async function loadMore(key: string): Promise<void> {
    const more = find(key);
    if (!more || more.type !== 'more' || more.loading) return;
    const { parentId, cursor } = more.data;
    const level = parentId === null ? nodes.value : (find(parentId)?.children as TenantTreeNode[] | undefined);
    if (!level) return;
    more.loading = true;
    error.value = null;
    try {
      const page = await fetchLevel(parentId, cursor);
      const at = level.indexOf(more);
      level.splice(at < 0 ? level.length : at, 1, ...toNodes(page, parentId));
    } catch (e) {
      error.value = toApiError(e);
    } finally {
      more.loading = false;
    }
  }

  /** Re-labels the "load more" entries after a language change (tenant names need no translation). */
  function relabel(level: TenantTreeNode[] = nodes.value): void {
    for (const node of level) {
      if (node.type === 'more') node.label = moreLabel();
      if (node.children) relabel(node.children as TenantTreeNode[]);
    }
  }

  return { nodes, expandedKeys, loading, error, loadRoots, expand, loadMore, relabel, find };
}
