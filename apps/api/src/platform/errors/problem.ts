import { STATUS_CODES } from 'node:http';
import type { ContentLanguage } from '../http/language';
import type { Text } from './catalogue';

/** One field-level or row-level problem inside a problem document. */
export interface ProblemFieldError {
  /** Where: a dotted field path (`targets[2].value`) or, for bulk rows, `rows[17]`. */
  path: string;
  /** Machine-readable reason, stable across releases (e.g. `isUuid`, `required`, `unique`). */
  code: string;
  /** Localised where it is prose; rendered in the caller's language. */
  message: Text;
  /** A bulk row's own identifier and the like (`row`, `questionKey`), passed through as is. */
  [extension: string]: unknown;
}

/** RFC 9457 problem details, as every error response of the API carries them. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId: string;
  errors?: (Omit<ProblemFieldError, 'message'> & { message: string })[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Problem type URIs are URNs so they stay stable whatever host serves the API. */
export function problemType(code: string): string {
  return `urn:rumbo:problem:${code}`;
}

/** Spanish titles of the statuses the API answers with; other languages use the RFC 9110 reason phrase. */
const SPANISH_TITLES: Record<number, string> = {
  400: 'Solicitud incorrecta',
  401: 'No autenticado',
  403: 'Prohibido',
  404: 'No encontrado',
  405: 'Método no permitido',
  406: 'No aceptable',
  408: 'Tiempo de espera agotado',
  409: 'Conflicto',
  410: 'Ya no existe',
  411: 'Longitud requerida',
  412: 'Precondición fallida',
  413: 'Contenido demasiado grande',
  414: 'URI demasiado larga',
  415: 'Tipo de contenido no admitido',
  422: 'Contenido no procesable',
  428: 'Precondición requerida',
  429: 'Demasiadas solicitudes',
  431: 'Cabeceras demasiado grandes',
  500: 'Error interno',
  501: 'No implementado',
  502: 'Puerta de enlace incorrecta',
  503: 'Servicio no disponible',
  504: 'Tiempo de espera de la puerta de enlace agotado',
};

export function statusTitle(status: number, language: ContentLanguage = 'en'): string {
  if (language === 'es') return SPANISH_TITLES[status] ?? (status >= 500 ? 'Error del servidor' : 'Error');
  return STATUS_CODES[status] ?? 'Error';
}

/**
 * An error the application raises on purpose, normally through a module's catalogue
 * (`defineProblems`). The filter renders it in the caller's language; anything that is not a
 * ProblemError (or a known framework/driver error) becomes a generic 500.
 */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: Text,
    readonly errors?: ProblemFieldError[],
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof detail === 'string' ? detail : detail.en);
    this.name = 'ProblemError';
  }

  // The helpers below predate the catalogues (catalogue.ts); new code raises through its module's
  // catalogue instead, so its text exists in every language.

  /** @deprecated raise PlatformProblem.BadRequest (or a module code) through its catalogue. */
  static badRequest(detail: Text, errors?: ProblemFieldError[]): ProblemError {
    return new ProblemError(400, 'bad-request', detail, errors);
  }

  /** @deprecated raise PlatformProblem.ValidationError (`validationProblem(errors)` in validation.ts). */
  static validation(
    errors: ProblemFieldError[],
    detail: Text = { es: 'La solicitud no es válida: vea errors.', en: 'The request is not valid; see errors.' },
  ): ProblemError {
    return new ProblemError(400, 'validation-error', detail, errors);
  }

  /** @deprecated raise PlatformProblem.NotFound through platformProblems. */
  static notFound(what = 'resource'): ProblemError {
    return new ProblemError(404, 'not-found', `The ${what} does not exist or is not visible to you.`);
  }

  /** @deprecated raise a module code through its catalogue. */
  static conflict(detail: Text, code = 'conflict', errors?: ProblemFieldError[]): ProblemError {
    return new ProblemError(409, code, detail, errors);
  }

  /** @deprecated raise a module code through its catalogue. */
  static unprocessable(detail: Text, errors?: ProblemFieldError[], code = 'unprocessable'): ProblemError {
    return new ProblemError(422, code, detail, errors);
  }
}
