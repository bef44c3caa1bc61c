import type { Localised } from '../platform/errors/catalogue';

/** Field-level texts of the frictions module's problems and rejections (es, *usted*; en). */
export const FRICTION_FIELD_MESSAGES = {
  shapeConflict: {
    es: 'Indique las líneas de carga (burdens) o los campos abreviados, no ambos.',
    en: 'Give burden lines (burdens) or the shorthand fields, not both.',
  },
  'not-an-object': { es: 'Debe ser un objeto.', en: 'Must be an object.' },
  required: { es: 'Es obligatorio.', en: 'Is required.' },
  'invalid-audience': { es: 'Debe ser citizens, businesses o staff.', en: 'Must be citizens, businesses or staff.' },
  'not-a-number': { es: 'Debe ser un número.', en: 'Must be a number.' },
  'not-finite': { es: 'Debe ser un número finito.', en: 'Must be a finite number.' },
  negative: { es: 'No puede ser negativo.', en: 'Must not be negative.' },
  'too-large': { es: 'Es demasiado grande.', en: 'Is too large.' },
  'duplicate-audience': {
    es: 'Ya hay una línea para este público: una línea por público.',
    en: 'There is already a line for this audience: one line per audience.',
  },
  areaUnknown: { es: 'No es un área de esta organización.', en: 'Not an area of this organisation.' },
  ownerNotMember: { es: 'No es miembro de esta organización.', en: 'Not a member of this organisation.' },
  ownerEmailUnknown: { es: 'Ningún miembro de esta organización tiene este correo.', en: 'No member of this organisation has this email.' },
  modelUnusable: {
    es: 'No hay ningún modelo de madurez utilizable en esta organización con este id.',
    en: 'No maturity model usable in this organisation has this id.',
  },
  modelKeyUnknown: {
    es: 'No hay ningún modelo de madurez utilizable en esta organización con esta clave.',
    en: 'No maturity model usable in this organisation has this key.',
  },
  dimensionUnknown: { es: 'El modelo no tiene esta dimensión.', en: 'The model has no such dimension.' },
  refTaken: {
    es: 'Otra fricción de esta organización ya tiene esta referencia.',
    en: 'Another friction of this organisation has this reference.',
  },
  refDuplicate: { es: 'Esta referencia se repite en el fichero.', en: 'This reference appears more than once in the file.' },
  notFound: { es: 'Esta organización no tiene esta fricción.', en: 'This organisation has no such friction.' },
} as const satisfies Record<string, Localised>;

export type BurdenIssueText = keyof typeof FRICTION_FIELD_MESSAGES;

/** The text of one of @rumbo/method's burden issue codes (an unknown code reads as "not valid"). */
export function burdenIssueText(code: string): Localised {
  return (FRICTION_FIELD_MESSAGES as Record<string, Localised>)[code] ?? { es: 'No es válido.', en: 'Is not valid.' };
}
