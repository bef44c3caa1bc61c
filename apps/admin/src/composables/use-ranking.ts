import { shallowRef, watch, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRumboClient } from '@/api/client';
import type { RankedFriction, RankingModel } from '@/api/prioritisation';
import { call } from '@/api/problem';
import { useCursorPages } from './use-cursor-pages';
import { useRowAction } from './use-row-action';

export const RANKING_PAGE = 20;

/**
 * The backlog ranked by the active model, or by `modelId` (a draft: a what-if ranking), page by
 * page; `model` is the model the API ranked with (null when the tenant has no active model).
 */
export function useRanking(tenantId: Ref<string>, modelId: Ref<string | null>) {
  const client = useRumboClient();
  const model = shallowRef<RankingModel | null>(null);
  const pages = useCursorPages<RankedFriction>(async (cursor) => {
    const { data } = await call(
      client.GET('/v1/tenants/{tenantId}/frictions/ranking', {
        params: { path: { tenantId: tenantId.value }, query: { limit: RANKING_PAGE, cursor, modelId: modelId.value ?? undefined } },
      }),
    );
    model.value = data.model ?? null;
    return data;
  });
  watch([tenantId, modelId], () => void pages.reload());
  return { ...pages, model };
}

/**
 * Manual criterion values of one friction at a time (the backlog's inline editor), saved together;
 * the ranking page is refreshed after a save. The values shown come from the ranking itself (each
 * contribution carries its raw value), so opening a row asks nothing of the API.
 */
export function useManualValues(tenantId: Ref<string>, refresh: () => Promise<void>) {
  const client = useRumboClient();
  const { t } = useI18n();
  const action = useRowAction(refresh);

  function save(frictionId: string, title: string, changed: Record<string, number | null>): Promise<boolean> {
    return action.run(
      frictionId,
      () =>
        call(
          client.PUT('/v1/tenants/{tenantId}/frictions/{frictionId}/criteria', {
            params: { path: { tenantId: tenantId.value, frictionId } },
            body: { values: changed },
          }),
        ),
      () => t('prioritisation.ranking.valuesSaved', { title }),
    );
  }

  return { busyId: action.busyId, error: action.error, save };
}

/** The raw values of the given criteria in a ranked friction's contributions (missing ones left out). */
export function rawValues(item: RankedFriction, keys: readonly string[]): Record<string, number> {
  const values: Record<string, number> = {};
  for (const c of item.contributions) if (keys.includes(c.criterion) && c.raw !== null) values[c.criterion] = c.raw;
  return values;
}
