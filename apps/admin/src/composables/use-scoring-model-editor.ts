import { computed, ref, shallowRef, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { ScoringModel, ScoringModelCreate } from '@/api/prioritisation';
import { toApiError, type ApiError } from '@/api/problem';
import { useAnnouncer } from '@/stores/announcer';
import { identityMatrix } from './use-scoring-ahp';
import { blankModel, criteriaBody, criteriaProblems, rowFromBody, type CriterionRow, type ScoringMethod } from './use-scoring-editor';
import { refusedPair, useScoringModelCalls } from './use-scoring-models';

/**
 * The scoring-model editor's state and its two actions. `save` creates the model (a new name, or
 * the next version of an existing one) or changes the draft; `activate` saves first when needed,
 * then asks the API to activate, keeping its refusal (the inconsistent pair) to show.
 */
export function useScoringModelEditor(tenantId: Ref<string>) {
  const calls = useScoringModelCalls(tenantId);
  const announcer = useAnnouncer();
  const { t } = useI18n();

  const start = blankModel();
  const name = ref(start.name);
  const method = ref<ScoringMethod>(start.method);
  const rows = ref<CriterionRow[]>(start.rows);
  const matrix = ref<number[][]>(start.matrix);
  /** The model as last loaded or saved (null: not saved yet). */
  const model = shallowRef<ScoringModel | null>(null);
  const saved = ref('');
  const loading = ref(false);
  const busy = ref<'save' | 'activate' | null>(null);
  const error = shallowRef<ApiError | null>(null);
  const loadError = shallowRef<ApiError | null>(null);
  const touched = ref(false);

  const editable = computed(() => !model.value || model.value.status === 'draft');
  const body = computed<ScoringModelCreate>(() => ({
    name: name.value.trim(),
    method: method.value,
    ...(method.value === 'rice' || method.value === 'wsjf' ? {} : { criteria: criteriaBody(method.value, rows.value) }),
    ...(method.value === 'ahp' ? { pairwise: matrix.value } : {}),
  }));
  const dirty = computed(() => JSON.stringify(body.value) !== saved.value);
  const problems = computed(() => [
    ...(name.value.trim() ? [] : [{ key: 'prioritisation.editor.nameRequired' }]),
    ...criteriaProblems(method.value, rows.value),
  ]);

  /** Shows a model: its criteria and matrix become the editor's (a read-only one until copied). */
  function show(loaded: ScoringModel): void {
    model.value = loaded;
    name.value = loaded.name;
    method.value = loaded.method;
    rows.value = loaded.criteria.map((c) =>
      rowFromBody({ key: c.key, field: c.field ?? undefined, direction: c.direction, weight: c.givenWeight ?? undefined }),
    );
    matrix.value = loaded.pairwise ?? identityMatrix(rows.value.length);
    saved.value = JSON.stringify(body.value);
  }

  async function load(modelId: string): Promise<void> {
    loading.value = true;
    loadError.value = null;
    try {
      show(await calls.get(modelId));
    } catch (e) {
      loadError.value = toApiError(e);
    } finally {
      loading.value = false;
    }
  }

  /** Starts a new version from the model shown: same name and definition, not saved yet. */
  function copyAsNew(): void {
    model.value = null;
    saved.value = '';
  }

  async function persist(): Promise<ScoringModel> {
    const current = model.value;
    const next = current
      ? await calls.update(current.id, { method: body.value.method, criteria: body.value.criteria, pairwise: body.value.pairwise ?? null })
      : await calls.create(body.value);
    show(next);
    return next;
  }

  /** Saves; the model saved, or null (invalid before sending, or refused: see `error`). */
  async function save(): Promise<ScoringModel | null> {
    touched.value = true;
    if (problems.value.length || busy.value) return null;
    busy.value = 'save';
    error.value = null;
    try {
      const next = await persist();
      announcer.announce(t('prioritisation.editor.saved', { name: next.name, version: next.version }));
      return next;
    } catch (e) {
      error.value = toApiError(e);
      return null;
    } finally {
      busy.value = null;
    }
  }

  /** Saves what changed, then activates; true when the model is now the active one. */
  async function activate(): Promise<boolean> {
    touched.value = true;
    if (problems.value.length || busy.value) return false;
    busy.value = 'activate';
    error.value = null;
    try {
      const draft = !model.value || dirty.value ? await persist() : model.value;
      show(await calls.activate(draft.id));
      announcer.announce(t('prioritisation.models.activated', { name: draft.name, version: draft.version }));
      return true;
    } catch (e) {
      error.value = toApiError(e);
      return false;
    } finally {
      busy.value = null;
    }
  }

  return {
    name,
    method,
    rows,
    matrix,
    model,
    editable,
    dirty,
    problems,
    touched,
    loading,
    loadError,
    busy,
    error,
    refused: computed(() => refusedPair(error.value)),
    load,
    copyAsNew,
    save,
    activate,
  };
}
