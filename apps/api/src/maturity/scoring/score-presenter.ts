import type { AreaScore, DimensionScore, MaturityLevel, QuestionScore, ScoreResult } from '@rumbo/method';
import { localise } from '../../platform/errors/catalogue';
import type { ContentLanguage } from '../../platform/http/language';
import type { AreaScoreDto, AssessmentScoresDto, DimensionScoreDto, QuestionScoreDto } from './dto/score.dto';
import { ANSWER_LABELS, percentLabel } from '../maturity.texts';
import type { ModelTexts } from './scoring-models';

/**
 * The API's view of a ScoreResult, for a person reading it in one language: levels as numbers with
 * their names, areas and dimensions with their names, and with explain every question with its text
 * and the answer as a label (the option's text, Sí/No, 57,5 %, No aplica). Stored scores keep only
 * keys and figures; the texts come from the same model version, so they are the ones answered.
 */
export function presentScores(
  assessmentId: string,
  modelVersionId: string,
  computedAt: Date | null,
  result: ScoreResult,
  explain: boolean,
  texts: ModelTexts,
  language: ContentLanguage,
): AssessmentScoresDto {
  const say = (text: { es: string; en: string } | undefined, fallback: string) => (text ? localise(text, language) : fallback);
  const levelName = (l: MaturityLevel) => say(texts.levels.get(l.level), l.name);
  const level = (l: MaturityLevel | null) => ({ level: l?.level ?? null, levelName: l ? levelName(l) : null });

  const question = (q: QuestionScore): QuestionScoreDto => {
    const definition = texts.questions.get(q.key);
    return { ...q, text: say(definition?.text, q.key), answerLabel: answerLabel(q, definition?.options, language) };
  };
  const dimension = (d: DimensionScore): DimensionScoreDto => {
    const { questions, level: l, ...rest } = d;
    return {
      ...rest,
      name: say(texts.dimensions.get(d.key), d.key),
      ...level(l),
      counts: { ...d.counts },
      ...(explain ? { questions: questions.map(question) } : {}),
    };
  };
  const area = (a: AreaScore): AreaScoreDto => {
    const { dimensions, level: l, ...rest } = a;
    return {
      ...rest,
      name: say(texts.areas.get(a.key), a.key),
      ...level(l),
      counts: { ...a.counts },
      dimensions: dimensions.map(dimension),
    };
  };
  return {
    assessmentId,
    modelVersionId,
    computedAt: computedAt ? new Date(computedAt).toISOString() : null,
    overall: {
      score: result.overall.score,
      ...level(result.overall.level),
      coverage: result.overall.coverage,
      counts: { ...result.overall.counts },
    },
    levels: result.levels.map((l) => ({ level: l.level, name: levelName(l), minScore: l.minScore })),
    areas: result.areas.map(area),
  };
}

/** The answer as a person reads it; null when unanswered. */
export function answerLabel(
  q: Pick<QuestionScore, 'type' | 'status' | 'value'>,
  options: ReadonlyMap<number, { es: string; en: string }> | undefined,
  language: ContentLanguage,
): string | null {
  if (q.status === 'unanswered' || q.value === null) return q.status === 'not_applicable' ? ANSWER_LABELS.notApplicable[language] : null;
  switch (q.type) {
    case 'yes_no':
      return (q.value === true || q.value === 1 ? ANSWER_LABELS.yes : ANSWER_LABELS.no)[language];
    case 'percentage':
      return percentLabel(Number(q.value), language);
    case 'scale': {
      const label = options?.get(Number(q.value));
      return label ? localise(label, language) : String(q.value);
    }
  }
}
