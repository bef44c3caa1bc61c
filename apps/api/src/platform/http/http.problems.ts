import { defineProblems } from '../errors/catalogue';

/**
 * Problems of the transport itself: what the HTTP parser, the router and the body parser refuse
 * before any route runs (unusable text, nesting, sizes, timeouts, shutdown).
 */
export enum HttpProblem {
  /** A NUL character or a lone UTF-16 surrogate in a field: no database text can hold it. */
  InvalidCharacters = 'invalid-characters',
  /** Bad percent-encoding in the URL, or a body that is not UTF-8. */
  InvalidEncoding = 'invalid-encoding',
  JsonTooDeep = 'json-too-deep',
  MethodNotAllowed = 'method-not-allowed',
  NotAcceptable = 'not-acceptable',
  RequestTimeout = 'request-timeout',
  UriTooLong = 'uri-too-long',
  HeadersTooLarge = 'headers-too-large',
  ServiceUnavailable = 'service-unavailable',
}

/** How deep a JSON body may nest (objects and arrays); no request of the API needs more than a few levels. */
export const MAX_JSON_DEPTH = 64;

export const httpProblems = defineProblems(
  'http',
  HttpProblem,
  {
    [HttpProblem.InvalidCharacters]: {
      status: 400,
      detail: {
        es: 'La solicitud contiene caracteres que no se pueden guardar (NUL o suplentes UTF-16 sueltos): vea errors.',
        en: 'The request contains characters that cannot be stored (NUL or lone UTF-16 surrogates); see errors.',
      },
    },
    [HttpProblem.InvalidEncoding]: {
      status: 400,
      detail: {
        es: 'La solicitud no está bien codificada (codificación por porcentaje o UTF-8 incorrectos): vea errors.',
        en: 'The request is not correctly encoded (bad percent-encoding or invalid UTF-8); see errors.',
      },
    },
    [HttpProblem.JsonTooDeep]: {
      status: 400,
      detail: {
        es: `El cuerpo JSON anida más de ${MAX_JSON_DEPTH} niveles de objetos o listas.`,
        en: `The JSON body nests more than ${MAX_JSON_DEPTH} levels of objects or arrays.`,
      },
    },
    [HttpProblem.MethodNotAllowed]: {
      status: 405,
      detail: { es: 'Esta dirección no admite este método HTTP.', en: 'This address does not accept this HTTP method.' },
    },
    [HttpProblem.NotAcceptable]: {
      status: 406,
      detail: {
        es: 'Esta operación no puede responder en el formato que pide la cabecera Accept.',
        en: 'This operation cannot answer in the format the Accept header asks for.',
      },
    },
    [HttpProblem.RequestTimeout]: {
      status: 408,
      detail: {
        es: 'La solicitud no llegó completa a tiempo.',
        en: 'The request did not arrive complete in time.',
      },
    },
    [HttpProblem.UriTooLong]: {
      status: 414,
      detail: {
        es: 'La dirección, o uno de sus parámetros, es demasiado larga.',
        en: 'The address, or one of its parameters, is too long.',
      },
    },
    [HttpProblem.HeadersTooLarge]: {
      status: 431,
      detail: {
        es: 'Las cabeceras de la solicitud son demasiado grandes.',
        en: 'The request headers are too large.',
      },
    },
    [HttpProblem.ServiceUnavailable]: {
      status: 503,
      detail: {
        es: 'El servicio no está disponible en este momento (por ejemplo, se está reiniciando): repita la solicitud.',
        en: 'The service is not available right now (it may be restarting); retry the request.',
      },
      headers: { 'Retry-After': '1' },
    },
  },
  {},
);
