import type { Schema } from '@rumbo/api-client';
import { shallowRef } from 'vue';
import { useRumboClient } from '@/api/client';
import { call, type ApiError } from '@/api/problem';
import type { AssessmentExistsProblem } from '@/api/types';
import { useAction } from './use-action';

export type AssessmentCreate = Schema<'AssessmentCreateDto'>;

/** The existing assessment a `409 assessment-exists` names, or null for any other error. */
export function existingAssessment(error: ApiError | null): AssessmentExistsProblem | null {
  const problem = error?.problem as (Record<string, unknown> & { type?: string }) | null | undefined;
  if (error?.status !== 409 || problem?.type !== 'urn:rumbo:problem:assessment-exists') return null;
  const id = problem.existingAssessmentId;
  const status = problem.existingStatus;
  if (typeof id !== 'string') return null;
  return { existingAssessmentId: id, existingStatus: status === 'submitted' || status === 'validated' ? status : 'draft' };
}

/**
 * Starts an assessment. One per tenant, model and year: when the API answers that one exists, the
 * form offers to continue that one instead (`existing`) rather than showing a bare conflict.
 */
export function useNewAssessment(tenantId: () => string) {
  const client = useRumboClient();
  const existing = shallowRef<AssessmentExistsProblem | null>(null);
  const creating = useAction(async (body: AssessmentCreate) => {
    existing.value = null;
    try {
      const { data } = await call(client.POST('/v1/tenants/{tenantId}/assessments', { params: { path: { tenantId: tenantId() } }, body }));
      return data;
    } catch (e) {
      existing.value = existingAssessment(e as ApiError);
      throw e;
    }
  });
  return { create: creating.run, saving: creating.busy, error: creating.error, existing, reset: creating.reset };
}
