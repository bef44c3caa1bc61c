import { defineProblems, type Localised } from '../errors/catalogue';
import { defineRejections } from './bulk-rejection';
import type { CsvFault } from './csv';

/**
 * What refuses a whole bulk body (every bulk route raises these through the pipeline): the file
 * cannot be read, its header does not name the route's columns, it has too many rows, or a JSON body
 * lacks its rows array. A bad row is never one of these: it is rejected alone (BulkRowReason, or the
 * route's own reasons) and the good rows are kept.
 */
export enum BulkProblem {
  MalformedCsv = 'malformed-csv',
  InvalidCsvHeader = 'invalid-csv-header',
  TooManyRows = 'too-many-rows',
  InvalidBulkBody = 'invalid-bulk-body',
  UnsupportedCharset = 'unsupported-charset',
  UndecodableText = 'undecodable-text',
}

const grouped = (n: number, language: 'es' | 'en') => n.toLocaleString(language === 'es' ? 'es-ES' : 'en-GB');

export const bulkProblems = defineProblems(
  'bulk',
  BulkProblem,
  {
    [BulkProblem.MalformedCsv]: {
      status: 400,
      detail: (p: { line: number }) => ({
        es: `El archivo CSV está mal formado en la línea ${p.line}: corríjalo y vuelva a enviarlo.`,
        en: `The CSV file is malformed at line ${p.line}; correct it and send it again.`,
      }),
    },
    [BulkProblem.InvalidCsvHeader]: {
      status: 400,
      detail: (p: { columns: readonly string[] }) => ({
        es: `La cabecera del CSV debe nombrar las columnas ${p.columns.join(',')} (en cualquier orden).`,
        en: `The CSV header must name the columns ${p.columns.join(',')} (in any order).`,
      }),
    },
    [BulkProblem.TooManyRows]: {
      status: 413,
      detail: (p: { max: number }) => ({
        es: `Una solicitud admite como máximo ${grouped(p.max, 'es')} filas: divida el archivo y envíe las partes en orden.`,
        en: `A request takes at most ${grouped(p.max, 'en')} rows; split the file and send the parts in order.`,
      }),
    },
    [BulkProblem.InvalidBulkBody]: {
      status: 400,
      detail: (p: { envelope: string }) => ({
        es: `El cuerpo debe ser un objeto JSON con la lista ${p.envelope}: vea errors.`,
        en: `The body must be a JSON object with a ${p.envelope} array; see errors.`,
      }),
    },
    [BulkProblem.UnsupportedCharset]: {
      status: 415,
      detail: (p: { charset: string }) => ({
        es: `El juego de caracteres «${p.charset}» no se admite: envíe UTF-8 o indique otro estándar.`,
        en: `The charset "${p.charset}" is not supported; send UTF-8 or name another standard one.`,
      }),
    },
    [BulkProblem.UndecodableText]: {
      status: 400,
      detail: (p: { encoding: string }) => ({
        es:
          `El cuerpo no es ${p.encoding} válido. Un archivo guardado por Excel como «CSV» en Windows suele ser windows-1252: ` +
          'envíelo con Content-Type: text/csv; charset=windows-1252, o guárdelo como «CSV UTF-8».',
        en:
          `The body is not valid ${p.encoding}. A file saved by Excel as "CSV" on Windows is usually windows-1252: ` +
          'send it with Content-Type: text/csv; charset=windows-1252, or save it as "CSV UTF-8".',
      }),
    },
  },
  {
    [BulkProblem.MalformedCsv]: { line: 17 },
    [BulkProblem.InvalidCsvHeader]: { columns: ['code', 'name'] },
    [BulkProblem.TooManyRows]: { max: 100_000 },
    [BulkProblem.InvalidBulkBody]: { envelope: 'rows' },
    [BulkProblem.UnsupportedCharset]: { charset: 'klingon' },
    [BulkProblem.UndecodableText]: { encoding: 'utf-8' },
  },
);

/** The texts of the field errors inside the problems above (`errors[].message`). */
export const bulkFieldTexts = {
  csvFault: (fault: CsvFault, line: number): Localised =>
    fault === 'unclosed-quote'
      ? { es: `Línea ${line}: un campo entre comillas no se cierra.`, en: `Line ${line}: a quoted field is never closed.` }
      : { es: `Línea ${line}: hay texto tras unas comillas de cierre.`, en: `Line ${line}: unexpected text after a closing quote.` },
  unknownColumn: (name: string): Localised => ({ es: `Columna desconocida «${name}».`, en: `Unknown column "${name}".` }),
  duplicateColumn: (name: string): Localised => ({ es: `La columna «${name}» está repetida.`, en: `Column "${name}" is repeated.` }),
  missingColumn: (name: string): Localised => ({ es: `Falta la columna «${name}».`, en: `Column "${name}" is missing.` }),
  notAnObject: (envelope: string): Localised => ({
    es: `El cuerpo debe ser un objeto con la lista ${envelope}.`,
    en: `The body must be an object with a ${envelope} array.`,
  }),
  unknownProperty: (name: string): Localised => ({ es: `La propiedad ${name} no existe.`, en: `Property ${name} should not exist.` }),
  notAnArray: (envelope: string): Localised => ({ es: `${envelope} debe ser una lista.`, en: `${envelope} must be an array.` }),
};

/** Why a row is unreadable whatever the route: reported as that row's rejection. */
export enum BulkRowReason {
  NotAnObject = 'not-an-object',
  UnknownField = 'unknown-field',
  FieldCount = 'field-count',
}

export const bulkRowReasons = defineRejections(BulkRowReason, {
  [BulkRowReason.NotAnObject]: { es: 'La fila debe ser un objeto.', en: 'The row must be an object.' },
  [BulkRowReason.UnknownField]: (p: { field: string }) => ({
    es: `Campo desconocido «${p.field}».`,
    en: `Unknown field "${p.field}".`,
  }),
  [BulkRowReason.FieldCount]: (p: { fields: number; header: number }) => ({
    es: `La fila tiene ${p.fields} campos y la cabecera ${p.header}.`,
    en: `The row has ${p.fields} fields; the header has ${p.header}.`,
  }),
});
