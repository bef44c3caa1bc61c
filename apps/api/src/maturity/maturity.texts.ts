import { MAX_WEIGHT, type AnswerInputIssue, type DropReason, type ExpectedValue, type ModelIssue, type SubmissionGap } from '@rumbo/method';
import type { Localised } from '../platform/errors/catalogue';
import type { ContentLanguage } from '../platform/http/language';

/**
 * The maturity module's texts in Spanish (usted) and English: what the rules of @rumbo/method found,
 * worded for the person who reads it, and the labels of answers. The library keeps its codes and
 * English messages; the API says them in the caller's language.
 */

const LISTS = new Set(['areas', 'dimensions', 'questions', 'levels', 'options']);
const NUMBERS = new Set(['weight', 'minScore', 'value', 'level']);

/** The field an issue path names: `minScore` of `levels[2].minScore`, `options` of `…questions[0].options`. */
function fieldOf(path: string): string {
  return /([A-Za-z]+)(\[\d+\])?$/.exec(path)?.[1] ?? '';
}

/** A model issue (validateModel) in both languages. */
export function modelIssueText(issue: ModelIssue): Localised {
  const field = fieldOf(issue.path);
  switch (issue.code) {
    case 'required':
      if (issue.path === '') return { es: 'el modelo debe ser un objeto JSON', en: 'the model must be a JSON object' };
      if (issue.path.endsWith(']')) return { es: 'debe ser un objeto', en: 'must be an object' };
      if (LISTS.has(field)) return { es: 'debe ser una lista', en: 'must be a list' };
      return { es: 'falta este campo', en: 'this field is missing' };
    case 'invalid-type':
      if (field === 'level') return { es: 'debe ser un número entero', en: 'must be a whole number' };
      if (NUMBERS.has(field)) return { es: 'debe ser un número', en: 'must be a number' };
      if (field === 'evidenceRequired') return { es: 'debe ser true o false', en: 'must be true or false' };
      return { es: 'debe ser un texto', en: 'must be a text' };
    case 'empty':
      if (LISTS.has(field)) return { es: 'necesita al menos un elemento', en: 'needs at least one item' };
      return { es: 'no puede estar vacío', en: 'must not be empty' };
    case 'not-positive':
      return { es: 'debe ser mayor que 0', en: 'must be greater than 0' };
    case 'not-finite':
      return { es: 'debe ser un número finito', en: 'must be a finite number' };
    case 'out-of-range':
      if (field === 'weight') return { es: `no puede pasar de ${MAX_WEIGHT}`, en: `must be at most ${MAX_WEIGHT}` };
      if (field === 'minScore') return { es: 'debe estar entre 0 y 100', en: 'must lie between 0 and 100' };
      return {
        es: 'los valores de las opciones están demasiado separados para puntuarlos',
        en: 'the option values are too far apart to be scored',
      };
    case 'first-not-zero':
      return {
        es: 'el primer nivel debe empezar en 0, para que toda puntuación tenga nivel',
        en: 'the first level must start at 0, so that every score has a level',
      };
    case 'not-increasing':
      if (field === 'minScore') return { es: 'los umbrales deben crecer estrictamente', en: 'thresholds must increase strictly' };
      return {
        es: 'los valores de las opciones deben crecer estrictamente, de la respuesta más baja a la más alta',
        en: 'option values must increase strictly, from the lowest answer to the highest',
      };
    case 'not-sequential':
      return { es: 'los niveles se numeran 1, 2, 3… en orden', en: 'levels are numbered 1, 2, 3… in order' };
    case 'duplicate':
      if (field === 'value') return { es: 'otra opción ya tiene este valor', en: 'another option already has this value' };
      if (field === 'level') return { es: 'este número de nivel está repetido', en: 'this level number is repeated' };
      return { es: 'esta clave ya se usa en el modelo', en: 'this key is already used in the model' };
    case 'too-few-options':
      return { es: 'una pregunta de escala necesita al menos dos opciones', en: 'a scale question needs at least two options' };
    case 'unknown-type':
      return { es: 'debe ser scale, yes_no o percentage', en: 'must be scale, yes_no or percentage' };
  }
}

const FIELD_NAMES: Record<string, Localised> = {
  comment: { es: 'el comentario', en: 'the comment' },
  evidence: { es: 'la evidencia', en: 'the evidence' },
};
const fieldName = (field: string | null): Localised => FIELD_NAMES[field ?? ''] ?? { es: field ?? '', en: field ?? '' };

/** Why an answer was not stored (checkAnswerInputs), in both languages. */
export function answerRejectionText(issue: AnswerInputIssue): Localised {
  switch (issue.code) {
    case 'not-an-object':
      return {
        es: 'cada respuesta debe ser un objeto { questionKey, value } o { questionKey, notApplicable: true }',
        en: 'each answer must be an object { questionKey, value } or { questionKey, notApplicable: true }',
      };
    case 'missing-question-key':
      return { es: 'falta questionKey, la clave de la pregunta', en: 'questionKey, the question’s key, is missing' };
    case 'unknown-question':
      return {
        es: `«${issue.questionKey}» no es una pregunta de esta versión del modelo`,
        en: `"${issue.questionKey}" is not a question of this model version`,
      };
    case 'duplicate-answer':
      return {
        es: `esta pregunta ya se responde en la fila ${issue.firstIndex + 1}`,
        en: `this question is already answered in row ${issue.firstIndex + 1}`,
      };
    case 'unknown-field':
      return { es: `«${issue.field}» no es un campo de una respuesta`, en: `"${issue.field}" is not a field of an answer` };
    case 'invalid-not-applicable':
      return { es: 'notApplicable debe ser true o false', en: 'notApplicable must be true or false' };
    case 'value-and-not-applicable':
      return { es: 'indique un valor o notApplicable: true, no ambos', en: 'give either a value or notApplicable: true, not both' };
    case 'invalid-value':
      return expectedValueText(issue.expected);
    case 'invalid-text':
      return {
        es: `${fieldName(issue.field).es} debe ser un texto (sin caracteres nulos)`,
        en: `${fieldName(issue.field).en} must be a text (without NUL characters)`,
      };
    case 'text-too-long':
      return {
        es: `${fieldName(issue.field).es} no puede pasar de ${issue.maxLength} caracteres`,
        en: `${fieldName(issue.field).en} must be at most ${issue.maxLength} characters long`,
      };
  }
}

function expectedValueText(expected: ExpectedValue): Localised {
  switch (expected.type) {
    case 'yes_no':
      return { es: 'la respuesta es sí o no (true o false, 1 o 0)', en: 'the answer is yes or no (true or false, 1 or 0)' };
    case 'percentage':
      return { es: 'la respuesta es un número de 0 a 100', en: 'the answer is a number from 0 to 100' };
    case 'scale':
      return {
        es: `la respuesta es uno de los valores ${expected.options.join(', ')}`,
        en: `the answer is one of the values ${expected.options.join(', ')}`,
      };
  }
}

/** What a question lacks before submitting (submissionGaps). */
export function submissionGapText(gap: SubmissionGap): Localised {
  return gap.missing === 'answer'
    ? { es: 'falta la respuesta (o «No aplica»)', en: 'needs an answer (or "not applicable")' }
    : { es: 'esta pregunta exige una evidencia', en: 'this question requires evidence' };
}

/** Why an answer could not follow the assessment to another version (mapAnswers). */
export function dropReasonText(reason: DropReason): Localised {
  switch (reason) {
    case 'question-removed':
      return { es: 'la pregunta no está en la nueva versión', en: 'the question is not in the new version' };
    case 'type-changed':
      return { es: 'la pregunta cambió de tipo', en: 'the question changed type' };
    case 'option-removed':
      return { es: 'el valor respondido ya no es una opción', en: 'the answered value is no longer an option' };
  }
}

const NUMBER_FORMATS: Record<ContentLanguage, Intl.NumberFormat> = {
  es: new Intl.NumberFormat('es-ES', { maximumFractionDigits: 2, useGrouping: false }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2, useGrouping: false }),
};

/** A number as the language writes it (decimal comma in Spanish), without grouping. */
export function formatNumber(value: number, language: ContentLanguage): string {
  return NUMBER_FORMATS[language].format(value);
}

/** The labels of answers that have no option text of their own. */
export const ANSWER_LABELS = {
  yes: { es: 'Sí', en: 'Yes' },
  no: { es: 'No', en: 'No' },
  notApplicable: { es: 'No aplica', en: 'Not applicable' },
} as const satisfies Record<string, Localised>;

/** A percentage answer as the language writes it: `57,5 %` in Spanish, `57.5%` in English. */
export function percentLabel(value: number, language: ContentLanguage): string {
  return language === 'es' ? `${formatNumber(value, 'es')} %` : `${formatNumber(value, 'en')}%`;
}
