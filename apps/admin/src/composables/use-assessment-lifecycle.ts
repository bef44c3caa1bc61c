import { useI18n } from 'vue-i18n';
import { useRumboClient } from '@/api/client';
import { call } from '@/api/problem';
import type { Assessment } from '@/api/types';
import { useAction } from './use-action';

/**
 * What an administrator does with a finished assessment: validate a submitted one (its result is
 * reviewed and accepted) or reopen a submitted or validated one as a draft to correct it. Each is
 * announced once the API agrees; the caller confirms first and shows the new state.
 */
export function useAssessmentLifecycle(tenantId: () => string) {
  const client = useRumboClient();
  const { t } = useI18n();
  const path = (assessment: Assessment) => ({ tenantId: tenantId(), assessmentId: assessment.id });

  const validating = useAction(
    async (assessment: Assessment) => {
      const { data } = await call(
        client.POST('/v1/tenants/{tenantId}/assessments/{assessmentId}/validate', { params: { path: path(assessment) } }),
      );
      return data;
    },
    { success: (done) => t('lifecycle.validated', { period: done.period }) },
  );

  const reopening = useAction(
    async (assessment: Assessment) => {
      const { data } = await call(
        client.POST('/v1/tenants/{tenantId}/assessments/{assessmentId}/reopen', { params: { path: path(assessment) } }),
      );
      return data;
    },
    { success: (done) => t('lifecycle.reopened', { period: done.period }) },
  );

  return {
    validate: validating.run,
    validating: validating.busy,
    validateError: validating.error,
    reopen: reopening.run,
    reopening: reopening.busy,
    reopenError: reopening.error,
  };
}
