import type { ValidationOptions } from 'class-validator';
import type { Localised } from './catalogue';

/**
 * Our own Spanish and English texts for class-validator's constraints, keyed by constraint name and
 * built from the constraint's arguments (the `200` of `@MaxLength(200)`, the values of `@IsIn`…).
 * The validation pipe renders every field error from here, never from class-validator's English.
 * A constraint used by a DTO without an entry here fails a test (validation-messages.spec.ts): add
 * its texts when a DTO starts using a new decorator.
 */
type MessageOf = (constraints: readonly unknown[]) => Localised;

function list(values: unknown): string {
  return (Array.isArray(values) ? values : []).map(String).join(', ');
}

function num(value: unknown): string {
  return typeof value === 'number' ? String(value) : String(value ?? '');
}

function pattern(value: unknown): string {
  return value instanceof RegExp ? value.source : String(value ?? '');
}

const ONE_OF: MessageOf = ([values]) => ({
  es: `Debe ser uno de estos valores: ${list(values)}.`,
  en: `Must be one of: ${list(values)}.`,
});

const DATE_TIME: MessageOf = () => ({
  es: 'Debe ser una fecha y hora ISO 8601, p. ej. 2026-01-31T12:00:00Z.',
  en: 'Must be an ISO 8601 date-time, e.g. 2026-01-31T12:00:00Z.',
});

export const CONSTRAINT_MESSAGES: Readonly<Record<string, MessageOf>> = {
  // Presence and shape
  isDefined: () => ({ es: 'Es obligatorio.', en: 'Is required.' }),
  isNotEmpty: () => ({ es: 'No puede estar vacío.', en: 'Must not be empty.' }),
  isObject: () => ({ es: 'Debe ser un objeto.', en: 'Must be an object.' }),
  isNotEmptyObject: () => ({ es: 'Debe ser un objeto con al menos un campo.', en: 'Must be an object with at least one field.' }),
  nestedValidation: () => ({ es: 'Debe ser un objeto o una lista de objetos.', en: 'Must be an object or an array of objects.' }),
  unknownProperty: () => ({ es: 'Este campo no se admite aquí.', en: 'This field is not accepted here.' }),
  unknownValue: () => ({ es: 'Este valor no se puede validar.', en: 'This value cannot be validated.' }),
  // Types
  isString: () => ({ es: 'Debe ser un texto.', en: 'Must be a string.' }),
  isBoolean: () => ({ es: 'Debe ser true o false.', en: 'Must be true or false.' }),
  isInt: () => ({ es: 'Debe ser un número entero.', en: 'Must be an integer.' }),
  isNumber: () => ({ es: 'Debe ser un número.', en: 'Must be a number.' }),
  isNumberString: () => ({ es: 'Debe ser un número escrito como texto.', en: 'Must be a number written as a string.' }),
  isArray: () => ({ es: 'Debe ser una lista.', en: 'Must be an array.' }),
  isDate: () => ({ es: 'Debe ser una fecha.', en: 'Must be a date.' }),
  // Texts
  minLength: ([min]) =>
    min === 1
      ? { es: 'No puede estar vacío.', en: 'Must not be empty.' }
      : { es: `Debe tener al menos ${num(min)} caracteres.`, en: `Must be at least ${num(min)} characters long.` },
  maxLength: ([max]) => ({ es: `Debe tener como máximo ${num(max)} caracteres.`, en: `Must be at most ${num(max)} characters long.` }),
  isLength: ([min, max]) => ({
    es: `Debe tener entre ${num(min)} y ${num(max)} caracteres.`,
    en: `Must be between ${num(min)} and ${num(max)} characters long.`,
  }),
  matches: ([regex]) => ({
    es: `No tiene el formato esperado (${pattern(regex)}).`,
    en: `Does not have the expected format (${pattern(regex)}).`,
  }),
  isEmail: () => ({ es: 'Debe ser una dirección de correo electrónico.', en: 'Must be an email address.' }),
  isUrl: () => ({ es: 'Debe ser una URL.', en: 'Must be a URL.' }),
  isUuid: () => ({
    es: 'Debe ser un UUID, p. ej. 0190b4e2-7c1a-7cc0-9d4e-3f1a2b3c4d5e.',
    en: 'Must be a UUID, e.g. 0190b4e2-7c1a-7cc0-9d4e-3f1a2b3c4d5e.',
  }),
  isDateString: DATE_TIME,
  isIso8601: DATE_TIME,
  isTimeZone: () => ({
    es: 'Debe ser una zona horaria IANA, p. ej. Europe/Madrid.',
    en: 'Must be an IANA time zone such as Europe/Madrid.',
  }),
  // Numbers
  min: ([min]) => ({ es: `Debe ser ${num(min)} o más.`, en: `Must be ${num(min)} or more.` }),
  max: ([max]) => ({ es: `Debe ser ${num(max)} o menos.`, en: `Must be ${num(max)} or less.` }),
  isPositive: () => ({ es: 'Debe ser un número mayor que 0.', en: 'Must be a number greater than 0.' }),
  // Choices
  isIn: ONE_OF,
  isEnum: ([, values]) => ONE_OF([values]),
  equals: ([value]) => ({ es: `Debe ser ${String(value)}.`, en: `Must be ${String(value)}.` }),
  // Arrays
  arrayMinSize: ([min]) =>
    min === 1
      ? { es: 'Debe tener al menos un elemento.', en: 'Must have at least one item.' }
      : { es: `Debe tener al menos ${num(min)} elementos.`, en: `Must have at least ${num(min)} items.` },
  arrayMaxSize: ([max]) => ({ es: `Debe tener como máximo ${num(max)} elementos.`, en: `Must have at most ${num(max)} items.` }),
  arrayNotEmpty: () => ({ es: 'Debe tener al menos un elemento.', en: 'Must have at least one item.' }),
  arrayUnique: () => ({ es: 'No puede repetir elementos.', en: 'Must not repeat items.' }),
};

/** For a constraint no entry covers (a test keeps the DTOs from using one). */
const FALLBACK: Localised = { es: 'El valor no es válido.', en: 'The value is not valid.' };

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** The texts of a constraint for its arguments; `each` for rules applied to every item of an array. */
export function constraintMessage(name: string, constraints: readonly unknown[] = [], each = false): Localised {
  const text = CONSTRAINT_MESSAGES[name]?.(constraints) ?? FALLBACK;
  return each ? { es: `Cada elemento: ${lowerFirst(text.es)}`, en: `Each item: ${lowerFirst(text.en)}` } : text;
}

/** Where a DTO's own localised message travels: class-validator passes `context` through to the error. */
export const LOCALISED_MESSAGE_CONTEXT = 'localisedMessage';

/**
 * A DTO's own message for a rule, in both languages, instead of the generic text of its constraint:
 *
 *     @Matches(LOCALE, localisedMessage({ es: 'Debe tener la forma es-ES.', en: 'Must look like es-ES.' }))
 *
 * class-validator keeps the English one as its own message; the pipe sends the caller's language.
 */
export function localisedMessage(text: Localised, options: ValidationOptions = {}): ValidationOptions {
  return { ...options, message: text.en, context: { ...(options.context as object | undefined), [LOCALISED_MESSAGE_CONTEXT]: text } };
}
