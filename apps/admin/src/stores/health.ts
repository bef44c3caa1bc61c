import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { useRumboClient } from '@/api/client';
import { fetchHealthReport, HealthCheckError, type HealthFailure, type HealthReport } from '@/api/health';

/**
 * API readiness as the status screen shows it. The client comes from the app (provide/inject), so
 * tests mount the screen with a fake client and no network.
 */
export const useHealthStore = defineStore('health', () => {
  const client = useRumboClient();

  const report = shallowRef<HealthReport | null>(null);
  const failure = shallowRef<HealthFailure | null>(null);
  const loading = ref(false);
  const checkedAt = shallowRef<Date | null>(null);

  const isReady = computed(() => report.value?.status === 'ok');

  // One request at a time: a second click while a check runs joins the running one.
  let inFlight: Promise<void> | null = null;

  function refresh(): Promise<void> {
    inFlight ??= (async () => {
      loading.value = true;
      try {
        report.value = await fetchHealthReport(client);
        failure.value = null;
      } catch (error) {
        // A status screen must not show stale data as current: drop the previous report.
        report.value = null;
        failure.value = error instanceof HealthCheckError ? error.failure : { kind: 'unreachable' };
      } finally {
        checkedAt.value = new Date();
        loading.value = false;
        inFlight = null;
      }
    })();
    return inFlight;
  }

  return { report, failure, loading, checkedAt, isReady, refresh };
});
