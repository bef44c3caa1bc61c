import { computed, onBeforeUnmount, reactive, ref, shallowRef, watch, type Ref } from 'vue';
import { useRumboClient } from '@/api/client';
import { call, toApiError, type ApiError } from '@/api/problem';
import type { Assessment, ModelVersion, SubmitMissing } from '@/api/types';
import { useAction } from './use-action';
import { useAutosave, type AnswerInput } from './use-autosave';

/** The answer to one question as the questionnaire holds it. */
export interface AnswerState {
  value: number | boolean | null;
  notApplicable: boolean;
  comment: string;
  evidence: string;
}

export const emptyAnswer = (): AnswerState => ({ value: null, notApplicable: false, comment: '', evidence: '' });
export const isAnswered = (a: AnswerState | undefined) => !!a && (a.notApplicable || a.value !== null);

/**
 * What a submit refusal (422 `assessment-incomplete` or `assessment-evidence-missing`) says is
 * missing: every unanswered question (`code: 'missing'`, `answers.<key>`) and every answer without
 * its required evidence (`code: 'evidenceRequired'`, `answers.<key>.evidence`), in the API's order,
 * each once. Question keys hold dots, so the contract's `questionKey` is read first.
 */
export function submitMissing(error: ApiError): SubmitMissing[] {
  const seen = new Set<string>();
  const out: SubmitMissing[] = [];
  for (const e of error.problem?.errors ?? []) {
    if (!e.path.startsWith('answers.')) continue;
    const evidence = e.code === 'evidenceRequired' || e.path.endsWith('.evidence');
    const given = e.questionKey;
    const questionKey = typeof given === 'string' ? given : e.path.slice('answers.'.length, evidence ? -'.evidence'.length : undefined);
    const id = `${evidence ? 'e' : 'a'}:${questionKey}`;
    if (!questionKey || seen.has(id)) continue;
    seen.add(id);
    out.push({ questionKey, kind: evidence ? 'evidence' : 'answer' });
  }
  return out;
}

function toInput(key: string, a: AnswerState): AnswerInput {
  const extra = { comment: a.comment || null, evidence: a.evidence || null };
  return a.notApplicable ? { questionKey: key, notApplicable: true, ...extra } : { questionKey: key, value: a.value, ...extra };
}

/**
 * One assessment's questionnaire: the assessment, its model version and the answers (loaded
 * together), autosave of each change, and submitting (a 422 becomes the list of what is missing).
 * Validating and reopening are `useAssessmentLifecycle`'s.
 */
export function useAssessment(tenantId: Ref<string>, assessmentId: Ref<string>) {
  const client = useRumboClient();
  const assessment = shallowRef<Assessment | null>(null);
  const version = shallowRef<ModelVersion | null>(null);
  const answers = reactive<Record<string, AnswerState>>({});
  const loading = ref(false);
  const error = shallowRef<ApiError | null>(null);
  const missing = ref<SubmitMissing[]>([]);

  const path = () => ({ tenantId: tenantId.value, assessmentId: assessmentId.value });
  const questionKeys = computed(() =>
    (version.value?.areas ?? []).flatMap((a) => a.dimensions.flatMap((d) => d.questions.map((q) => q.key))),
  );
  const answeredCount = computed(() => questionKeys.value.filter((key) => isAnswered(answers[key])).length);

  let seq = 0;
  async function load(): Promise<void> {
    if (!tenantId.value || !assessmentId.value) return;
    const mine = ++seq;
    loading.value = true;
    error.value = null;
    try {
      const [a, list] = await Promise.all([
        call(client.GET('/v1/tenants/{tenantId}/assessments/{assessmentId}', { params: { path: path() } })),
        call(client.GET('/v1/tenants/{tenantId}/assessments/{assessmentId}/answers', { params: { path: path() } })),
      ]);
      const v = await call(
        client.GET('/v1/tenants/{tenantId}/maturity-model-versions/{versionId}', {
          params: { path: { tenantId: tenantId.value, versionId: a.data.modelVersionId } },
        }),
      );
      if (mine !== seq) return;
      for (const key of Object.keys(answers)) delete answers[key];
      for (const area of v.data.areas) for (const dim of area.dimensions) for (const q of dim.questions) answers[q.key] = emptyAnswer();
      for (const given of list.data.data) {
        answers[given.questionKey] = {
          value: given.value,
          notApplicable: given.notApplicable,
          comment: given.comment ?? '',
          evidence: given.evidence ?? '',
        };
      }
      assessment.value = a.data;
      version.value = v.data;
      missing.value = [];
    } catch (e) {
      if (mine === seq) error.value = toApiError(e);
    } finally {
      if (mine === seq) loading.value = false;
    }
  }

  const autosave = useAutosave(async (batch) => {
    const { data } = await call(
      client.PUT('/v1/tenants/{tenantId}/assessments/{assessmentId}/answers', {
        params: { path: path() },
        body: { answers: batch },
      }),
    );
    return data;
  });
  onBeforeUnmount(() => autosave.dispose());

  /** Records a change and queues it for saving. */
  function change(key: string, next: AnswerState): void {
    answers[key] = next;
    autosave.queue(toInput(key, next));
    // A fixed item leaves the list of what a submit found missing.
    if (missing.value.length) {
      missing.value = missing.value.filter(
        (m) => m.questionKey !== key || (m.kind === 'answer' ? !isAnswered(next) : !next.evidence.trim()),
      );
    }
  }

  /** Saves what is pending, then submits; a 422 fills `missing` instead of `error`. */
  const submitting = useAction(async (): Promise<Assessment | null> => {
    missing.value = [];
    await autosave.flush();
    if (autosave.status.value === 'error') throw autosave.error.value ?? new Error('save failed');
    try {
      const { data } = await call(client.POST('/v1/tenants/{tenantId}/assessments/{assessmentId}/submit', { params: { path: path() } }));
      assessment.value = data;
      return data;
    } catch (e) {
      const err = toApiError(e);
      const found = err.status === 422 ? submitMissing(err) : [];
      if (!found.length) throw err;
      missing.value = found;
      return null;
    }
  });

  watch([tenantId, assessmentId], () => void load(), { immediate: true });

  return {
    assessment,
    version,
    answers,
    loading,
    error,
    missing,
    questionKeys,
    answeredCount,
    autosave,
    load,
    replace: (next: Assessment) => {
      assessment.value = next;
    },
    change,
    submit: submitting.run,
    submitting: submitting.busy,
    submitError: submitting.error,
  };
}
