import { computed, ref, shallowRef, watch, type Ref } from 'vue';
import { useRumboClient } from '@/api/client';
import { call, toApiError, type ApiError } from '@/api/problem';
import type { Assessment, AssessmentScores, Benchmark, Gaps, History, LocalisedText, ModelVersion } from '@/api/types';
import { toLocaleCsv } from '@/lib/csv';
import { useLatestLoad } from './use-latest-load';

/** One row of the explain table: the path down to a question and its figures. */
export interface ScoreRow {
  level: 'area' | 'dimension' | 'question';
  areaKey: string;
  dimensionKey: string | null;
  questionKey: string | null;
  weight: number;
  score: number | null;
  unitScore: number | null;
  contribution: number;
  contributionToOverall: number;
  status: string | null;
  value: number | boolean | null;
  /** Names and texts as the API gave them in the negotiated language (the UI language). */
  areaName: string;
  /** The dimension's name (dimension and question rows). */
  dimensionName: string | null;
  /** The question's text (question rows). */
  text: string | null;
  /** The answer as people read it (option label, Sí/No, 75 %, No aplica); null when unanswered or not a question. */
  answerLabel: string | null;
}

/** Flattens the explained scores: each area, then its dimensions, each followed by its questions. */
export function flattenScores(scores: AssessmentScores): ScoreRow[] {
  const rows: ScoreRow[] = [];
  for (const area of scores.areas) {
    rows.push({
      level: 'area',
      areaKey: area.key,
      dimensionKey: null,
      questionKey: null,
      weight: area.weight,
      score: area.score,
      unitScore: area.unitScore,
      contribution: area.contribution,
      contributionToOverall: area.contributionToOverall,
      status: null,
      value: null,
      areaName: area.name,
      dimensionName: null,
      text: null,
      answerLabel: null,
    });
    for (const dim of area.dimensions) {
      rows.push({
        level: 'dimension',
        areaKey: area.key,
        dimensionKey: dim.key,
        questionKey: null,
        weight: dim.weight,
        score: dim.score,
        unitScore: dim.unitScore,
        contribution: dim.contribution,
        contributionToOverall: dim.contributionToOverall,
        status: null,
        value: null,
        areaName: area.name,
        dimensionName: dim.name,
        text: null,
        answerLabel: null,
      });
      for (const q of dim.questions ?? []) {
        rows.push({
          level: 'question',
          areaKey: area.key,
          dimensionKey: dim.key,
          questionKey: q.key,
          weight: q.weight,
          score: q.score,
          unitScore: q.unitScore,
          contribution: q.contribution,
          contributionToOverall: q.contributionToOverall,
          status: q.status,
          value: q.value,
          areaName: area.name,
          dimensionName: dim.name,
          text: q.text,
          answerLabel: q.answerLabel,
        });
      }
    }
  }
  return rows;
}

/** The columns of the score export, in order (their headers are translated: `maturity.csv.<column>`). */
export const SCORE_CSV_COLUMNS = [
  'level',
  'area',
  'dimension',
  'questionKey',
  'question',
  'weight',
  'score',
  'unitScore',
  'contribution',
  'contributionToOverall',
  'status',
  'answer',
] as const;

/** What the export needs to speak the reader's language. */
export interface ScoreCsvText {
  locale: string;
  /** The column's header. */
  header: (column: (typeof SCORE_CSV_COLUMNS)[number]) => string;
  /** "Overall", "Area", "Dimension", "Question". */
  level: (level: ScoreRow['level'] | 'overall') => string;
  /** The answer as people read it: the API's label, or what to say when there is none. */
  answer: (row: ScoreRow) => string;
  status: (status: string) => string;
  levelLabel: (level: number | null) => string;
}

/**
 * The scores as a CSV for people: translated headers, area and dimension names, question texts and
 * answers in the UI language (question keys kept in their own column, for matching), and in
 * Spanish `;` with a decimal comma. The overall score first.
 */
export function scoresToCsv(scores: AssessmentScores, text: ScoreCsvText): string {
  const overall = [
    text.level('overall'),
    '',
    '',
    '',
    '',
    '',
    scores.overall.score,
    '',
    '',
    scores.overall.score,
    '',
    text.levelLabel(scores.overall.level),
  ];
  const rows = flattenScores(scores).map((r) => [
    text.level(r.level),
    r.areaName,
    r.dimensionName ?? '',
    r.questionKey ?? '',
    r.text ?? '',
    r.weight,
    r.score,
    r.unitScore,
    r.contribution,
    r.contributionToOverall,
    r.status ? text.status(r.status) : '',
    r.level === 'question' ? text.answer(r) : '',
  ]);
  return toLocaleCsv(text.locale, SCORE_CSV_COLUMNS.map(text.header), [overall, ...rows]);
}

/** Offers text as a file download (client side). */
export function downloadText(filename: string, text: string, type: string): void {
  downloadBlob(filename, new Blob([text], { type }));
}

/** Offers a file as a download, byte for byte (a CSV from the API keeps its byte-order mark). */
export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Names of the model's areas, dimensions and questions by key. */
export interface ModelNames {
  areas: Record<string, LocalisedText>;
  dimensions: Record<string, LocalisedText>;
  questions: Record<string, LocalisedText>;
}

export function namesOf(version: ModelVersion | null): ModelNames {
  const names: ModelNames = { areas: {}, dimensions: {}, questions: {} };
  for (const area of version?.areas ?? []) {
    names.areas[area.key] = area.name;
    for (const dim of area.dimensions) {
      names.dimensions[dim.key] = dim.name;
      for (const q of dim.questions) names.questions[q.key] = q.text;
    }
  }
  return names;
}

/**
 * The maturity results of a tenant: its assessments and, for the selected one, the explained
 * scores, the benchmark among peers, the gaps, plus the tenant's history over the years.
 */
export function useMaturityResults(tenantId: Ref<string>) {
  const client = useRumboClient();
  const assessments = shallowRef<Assessment[]>([]);
  const history = shallowRef<History['data']>([]);
  const loading = ref(false);
  const error = shallowRef<ApiError | null>(null);

  const selectedId = ref<string | null>(null);
  const scores = shallowRef<AssessmentScores | null>(null);
  const benchmark = shallowRef<Benchmark | null>(null);
  const gaps = shallowRef<Gaps['data']>([]);
  const version = shallowRef<ModelVersion | null>(null);
  const { loading: detailLoading, error: detailError, run: loadDetail } = useLatestLoad();
  const benchmarkError = shallowRef<ApiError | null>(null);
  const versions = new Map<string, ModelVersion>();

  const selected = computed(() => assessments.value.find((a) => a.id === selectedId.value) ?? null);
  const names = computed(() => namesOf(version.value));

  async function reload(preferId?: string): Promise<void> {
    const id = tenantId.value;
    if (!id) return;
    loading.value = true;
    error.value = null;
    try {
      const [list, past] = await Promise.all([
        call(client.GET('/v1/tenants/{tenantId}/assessments', { params: { path: { tenantId: id }, query: { limit: 100 } } })),
        call(client.GET('/v1/tenants/{tenantId}/assessments/history', { params: { path: { tenantId: id } } })),
      ]);
      assessments.value = list.data.data;
      history.value = past.data.data;
      const wanted = preferId ?? selectedId.value;
      const next =
        assessments.value.find((a) => a.id === wanted) ?? assessments.value.find((a) => a.status !== 'draft') ?? assessments.value[0];
      await select(next?.id ?? null);
    } catch (e) {
      error.value = toApiError(e);
    } finally {
      loading.value = false;
    }
  }

  /**
   * Shows one assessment. `keep` leaves the shown one in place until the answers come (the same
   * assessment asked for again, e.g. in another language), so the panels below stay as they are.
   */
  function select(assessmentId: string | null, { keep = false }: { keep?: boolean } = {}): Promise<void> {
    selectedId.value = assessmentId;
    if (!keep) {
      scores.value = null;
      benchmark.value = null;
      gaps.value = [];
    }
    benchmarkError.value = null;
    return loadDetail(async (isCurrent) => {
      const assessment = selected.value;
      if (!assessment) return;
      const path = { tenantId: tenantId.value, assessmentId: assessment.id };
      const versionPromise = versions.has(assessment.modelVersionId)
        ? Promise.resolve(versions.get(assessment.modelVersionId)!)
        : call(
            client.GET('/v1/tenants/{tenantId}/maturity-model-versions/{versionId}', {
              params: { path: { tenantId: tenantId.value, versionId: assessment.modelVersionId } },
            }),
          ).then(({ data }) => {
            versions.set(assessment.modelVersionId, data);
            return data;
          });
      const [s, b, g, v] = await Promise.all([
        call(client.GET('/v1/tenants/{tenantId}/assessments/{assessmentId}/scores', { params: { path, query: { explain: true } } })),
        // Benchmark and gaps are extras: when refused (e.g. a draft), the scores still show.
        call(client.GET('/v1/tenants/{tenantId}/assessments/{assessmentId}/benchmark', { params: { path } })).catch((e: unknown) => {
          if (isCurrent()) benchmarkError.value = toApiError(e);
          return null;
        }),
        call(client.GET('/v1/tenants/{tenantId}/assessments/{assessmentId}/gaps', { params: { path } })).catch(() => null),
        versionPromise,
      ]);
      if (!isCurrent()) return;
      scores.value = s.data;
      benchmark.value = b?.data ?? null;
      gaps.value = g?.data.data ?? [];
      version.value = v;
    });
  }

  watch(tenantId, () => void reload());

  return {
    assessments,
    history,
    loading,
    error,
    selectedId,
    selected,
    scores,
    benchmark,
    gaps,
    version,
    names,
    detailLoading,
    detailError,
    benchmarkError,
    reload,
    select,
  };
}
