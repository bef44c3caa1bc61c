import type { Schema } from '@rumbo/api-client';
import { shallowRef } from 'vue';
import { useRumboClient } from '@/api/client';
import { call, toApiError } from '@/api/problem';
import type { AssessmentScores, Comparison, DroppedAnswer } from '@/api/types';
import { useAction } from './use-action';
import { useLatestLoad } from './use-latest-load';

export type Distribution = Schema<'DistributionDto'>;

/**
 * The results page's panels load through these, like every screen (the components only show):
 * re-scoring under a newer version, the spread of the organisations below, and a comparison of
 * two assessments. Each keeps only the latest answer when the choice changes meanwhile.
 */

/**
 * The stored re-score of an assessment under a newer version (null until re-scored), and running
 * one. `dropped` is what the last run in this screen did not carry over (null before a run).
 */
export function useRescore(tenantId: () => string, assessmentId: () => string) {
  const client = useRumboClient();
  const stored = shallowRef<AssessmentScores | null>(null);
  const dropped = shallowRef<DroppedAnswer[] | null>(null);
  const { loading, error, run } = useLatestLoad();
  const path = () => ({ tenantId: tenantId(), assessmentId: assessmentId() });

  /**
   * Reads the stored re-score under `versionId` (a 404 means it was never re-scored). `keep` leaves
   * what is shown until the answer comes (a new language: the same scores, their names in it).
   */
  function load(
    versionId: () => string | null,
    before: () => Promise<void> = () => Promise.resolve(),
    { keep = false }: { keep?: boolean } = {},
  ): Promise<void> {
    if (!keep) {
      stored.value = null;
      dropped.value = null;
      running.reset();
    }
    return run(async (isCurrent) => {
      await before();
      const target = versionId();
      if (!target || !isCurrent()) return;
      const { data } = await call(
        client.GET('/v1/tenants/{tenantId}/assessments/{assessmentId}/scores', {
          params: { path: path(), query: { modelVersionId: target } },
        }),
      ).catch((e: unknown) => {
        if (toApiError(e).status === 404) return { data: null };
        throw e;
      });
      if (isCurrent()) stored.value = data;
    });
  }

  const running = useAction(async (versionId: string) => {
    const { data } = await call(
      client.POST('/v1/tenants/{tenantId}/assessments/{assessmentId}/rescore', {
        params: { path: path() },
        body: { modelVersionId: versionId },
      }),
    );
    const { dropped: notCarried, ...scores } = data;
    stored.value = scores;
    dropped.value = notCarried;
    return data;
  });

  return { stored, dropped, loading, error, load, rescore: running.run, running: running.busy, runError: running.error };
}

/** How the organisations below spread over the levels for one model version and year. */
export function useDistribution(tenantId: () => string) {
  const client = useRumboClient();
  const result = shallowRef<Distribution | null>(null);
  const { loading, error, run } = useLatestLoad();

  function load(versionId: string, period: string): Promise<void> {
    result.value = null;
    return run(async (isCurrent) => {
      const { data } = await call(
        client.GET('/v1/tenants/{tenantId}/maturity-model-versions/{versionId}/distribution', {
          params: { path: { tenantId: tenantId(), versionId }, query: { period } },
        }),
      );
      if (isCurrent()) result.value = data;
    });
  }

  return { result, loading, error, run, load };
}

/** Two assessments of the organisation side by side (per dimension, matched by key). */
export function useComparison(tenantId: () => string) {
  const client = useRumboClient();
  const comparison = shallowRef<Comparison | null>(null);
  const { loading, error, run, reset } = useLatestLoad();

  function compare(firstId: string, secondId: string): Promise<void> {
    comparison.value = null;
    if (!firstId || !secondId || firstId === secondId) {
      reset();
      return Promise.resolve();
    }
    return run(async (isCurrent) => {
      const { data } = await call(
        client.GET('/v1/tenants/{tenantId}/assessments/{assessmentId}/compare/{otherId}', {
          params: { path: { tenantId: tenantId(), assessmentId: firstId, otherId: secondId } },
        }),
      );
      if (isCurrent()) comparison.value = data;
    });
  }

  return { comparison, loading, error, compare };
}
