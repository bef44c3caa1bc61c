import { defineProblems, type Localised } from '../platform/errors/catalogue';
import type { AssessmentStatus } from './assessments/assessment.entity';

/**
 * Every problem the maturity module raises on purpose (404s of invisible objects are the platform's
 * `not-found`, so another tenant's assessment looks exactly like a missing one). `type` is
 * `urn:rumbo:problem:<code>`; the texts follow Accept-Language.
 */
export enum MaturityProblem {
  InvalidModel = 'invalid-model',
  ModelVersionUnusable = 'model-version-unusable',
  ModelVersionNotPublished = 'model-version-not-published',
  RescoreTargetInvalid = 'rescore-target-invalid',
  AssessmentExists = 'assessment-exists',
  AssessmentNotDraft = 'assessment-not-draft',
  AssessmentNotSubmitted = 'assessment-not-submitted',
  AssessmentIncomplete = 'assessment-incomplete',
  AssessmentEvidenceMissing = 'assessment-evidence-missing',
  AssessmentNotRescored = 'assessment-not-rescored',
}

/** A status as a word of the sentence it goes in. */
export function statusWord(status: AssessmentStatus): Localised {
  switch (status) {
    case 'draft':
      return { es: 'en borrador', en: 'a draft' };
    case 'submitted':
      return { es: 'enviada', en: 'submitted' };
    case 'validated':
      return { es: 'validada', en: 'validated' };
  }
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

export const maturityProblems = defineProblems(
  'maturity',
  MaturityProblem,
  {
    [MaturityProblem.InvalidModel]: {
      status: 422,
      detail: {
        es: 'El modelo no es válido: cada error indica el campo (errors).',
        en: 'The model is not valid: each error names its field (errors).',
      },
    },
    [MaturityProblem.ModelVersionUnusable]: {
      status: 422,
      detail: {
        es: 'Esa versión del modelo no existe o no se puede usar en esta organización.',
        en: 'That model version does not exist or is not usable in this organisation.',
      },
    },
    [MaturityProblem.ModelVersionNotPublished]: {
      status: 422,
      detail: {
        es: 'Solo se puede evaluar con versiones publicadas del modelo; esta es un borrador.',
        en: 'Only published model versions can be used for assessments; this one is a draft.',
      },
    },
    [MaturityProblem.RescoreTargetInvalid]: {
      status: 422,
      detail: {
        es: 'Para volver a puntuar hace falta una versión publicada del mismo modelo.',
        en: 'Re-scoring needs a published version of the same model.',
      },
    },
    [MaturityProblem.AssessmentExists]: {
      status: 409,
      detail: (p: { period: string; status: AssessmentStatus }) => ({
        es: `Esta organización ya tiene una evaluación de este modelo para ${p.period} (${statusWord(p.status).es}): continúe con ella.`,
        en: `This organisation already has an assessment of this model for ${p.period} (${statusWord(p.status).en}): carry on with it.`,
      }),
    },
    [MaturityProblem.AssessmentNotDraft]: {
      status: 409,
      detail: (p: { status: AssessmentStatus }) => ({
        es: `Esta evaluación está ${statusWord(p.status).es}: solo cambian los borradores. Un administrador puede reabrirla.`,
        en: `This assessment is ${statusWord(p.status).en}: only drafts change. An administrator can reopen it.`,
      }),
    },
    [MaturityProblem.AssessmentNotSubmitted]: {
      status: 409,
      detail: (p: { status: AssessmentStatus }) => ({
        es: `Solo se validan evaluaciones enviadas; esta está ${statusWord(p.status).es}.`,
        en: `Only submitted assessments can be validated; this one is ${statusWord(p.status).en}.`,
      }),
    },
    [MaturityProblem.AssessmentIncomplete]: {
      status: 422,
      detail: (p: { count: number }) => ({
        es: `${plural(p.count, 'Falta 1 respuesta', `Faltan ${p.count} respuestas`)} (o «No aplica») antes de enviar: vea errors.`,
        en: `Submitting needs ${p.count} more ${plural(p.count, 'answer', 'answers')} (or "not applicable"): see errors.`,
      }),
    },
    [MaturityProblem.AssessmentEvidenceMissing]: {
      status: 422,
      detail: (p: { count: number }) => ({
        es: `Falta la evidencia de ${plural(p.count, '1 pregunta que la exige', `${p.count} preguntas que la exigen`)} antes de enviar: vea errors.`,
        en: `Submitting needs evidence on ${p.count} ${plural(p.count, 'question that requires', 'questions that require')} it: see errors.`,
      }),
    },
    [MaturityProblem.AssessmentNotRescored]: {
      status: 404,
      detail: {
        es: 'Esta evaluación no tiene puntuación con esa versión del modelo: vuelva a puntuarla primero.',
        en: 'This assessment has no score under that model version: re-score it first.',
      },
    },
  },
  {
    [MaturityProblem.AssessmentExists]: { period: '2026', status: 'draft' },
    [MaturityProblem.AssessmentNotDraft]: { status: 'submitted' },
    [MaturityProblem.AssessmentNotSubmitted]: { status: 'draft' },
    [MaturityProblem.AssessmentIncomplete]: { count: 3 },
    [MaturityProblem.AssessmentEvidenceMissing]: { count: 2 },
  },
);

/**
 * Field-level texts maturity attaches to its problems' `errors[]` (and the DTOs' own rule messages,
 * through `localisedMessage`), in both languages; the problem's detail says what to do.
 */
export const MATURITY_FIELD_MESSAGES = {
  periodYear: { es: 'El periodo debe ser un año, como 2026.', en: 'The period must be a year such as 2026.' },
  versionUnusable: { es: 'no hay ninguna versión utilizable con este id', en: 'no usable model version has this id' },
  versionDraft: { es: 'la versión es un borrador', en: 'the version is a draft' },
  rescoreOtherModel: {
    es: 'no es una versión publicada del modelo de esta evaluación',
    en: 'not a published version of this assessment’s model',
  },
  rescoreNotFound: { es: 'no hay ninguna versión visible con este id', en: 'no visible model version has this id' },
  publishedImmutable: {
    es: 'una versión publicada no cambia: importe una versión nueva',
    en: 'a published version cannot change: import a new version',
  },
  modelKeyRace: {
    es: 'otro modelo con esta clave se ha importado a la vez: repita la importación',
    en: 'another model with this key was imported at the same time: import again',
  },
} as const satisfies Record<string, Localised>;
