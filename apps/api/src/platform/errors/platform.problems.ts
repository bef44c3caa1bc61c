import { defineProblems } from './catalogue';

/** Problems any route can answer with: framework, transport, database and generic ones. */
export enum PlatformProblem {
  BadRequest = 'bad-request',
  ValidationError = 'validation-error',
  MalformedJson = 'malformed-json',
  NotFound = 'not-found',
  PreconditionFailed = 'precondition-failed',
  UnsupportedMediaType = 'unsupported-media-type',
  PayloadTooLarge = 'payload-too-large',
  UniqueViolation = 'unique-violation',
  ForeignKeyViolation = 'foreign-key-violation',
  ConstraintViolation = 'constraint-violation',
  InvalidValue = 'invalid-value',
  Retry = 'retry',
  Busy = 'busy',
  DatabaseUnavailable = 'database-unavailable',
  ShuttingDown = 'shutting-down',
  InternalError = 'internal-error',
}

const RETRY = { 'Retry-After': '1' };
/** The database comes back within seconds (the embedded one is restarted by the API itself). */
const RETRY_DATABASE = { 'Retry-After': '2' };
/** This process is stopping: another instance, or this one restarted, can serve in a few seconds. */
const RETRY_ELSEWHERE = { 'Retry-After': '5', Connection: 'close' };

export const platformProblems = defineProblems(
  'platform',
  PlatformProblem,
  {
    [PlatformProblem.BadRequest]: {
      status: 400,
      detail: { es: 'La solicitud no es válida.', en: 'The request is not valid.' },
    },
    [PlatformProblem.ValidationError]: {
      status: 400,
      detail: { es: 'La solicitud no es válida: vea errors.', en: 'The request is not valid; see errors.' },
    },
    [PlatformProblem.MalformedJson]: {
      status: 400,
      detail: { es: 'El cuerpo no es JSON válido.', en: 'The body is not valid JSON.' },
    },
    [PlatformProblem.NotFound]: {
      status: 404,
      detail: { es: 'El recurso no existe o usted no puede verlo.', en: 'The resource does not exist or is not visible to you.' },
    },
    [PlatformProblem.PreconditionFailed]: {
      status: 412,
      detail: {
        es: 'El recurso ha cambiado desde que usted lo leyó (If-Match no coincide con su ETag): vuelva a cargarlo y repita el cambio.',
        en: 'The resource changed since you read it (If-Match does not match its ETag); reload and retry.',
      },
    },
    [PlatformProblem.UnsupportedMediaType]: {
      status: 415,
      detail: {
        es: 'Este tipo de contenido no se admite aquí: envíe application/json.',
        en: 'This content type is not accepted here; send application/json.',
      },
    },
    [PlatformProblem.PayloadTooLarge]: {
      status: 413,
      detail: {
        es: 'El cuerpo de la solicitud supera lo que admite esta operación.',
        en: 'The request body is larger than this endpoint accepts.',
      },
    },
    [PlatformProblem.UniqueViolation]: {
      status: 409,
      detail: {
        es: 'La solicitud choca con un recurso que ya existe (restricción de unicidad).',
        en: 'The request conflicts with an existing resource (unique constraint).',
      },
    },
    [PlatformProblem.ForeignKeyViolation]: {
      status: 422,
      detail: {
        es: 'La solicitud se refiere a un recurso que no existe (clave ajena).',
        en: 'The request refers to a resource that does not exist (foreign key).',
      },
    },
    [PlatformProblem.ConstraintViolation]: {
      status: 422,
      detail: { es: 'La solicitud incumple una regla de los datos.', en: 'The request breaks a data rule.' },
    },
    [PlatformProblem.InvalidValue]: {
      status: 400,
      detail: {
        es: 'Un valor tiene un formato incorrecto o está fuera de rango.',
        en: 'A value has the wrong format or is out of range.',
      },
    },
    [PlatformProblem.Retry]: {
      status: 503,
      detail: {
        es: 'Un cambio simultáneo ha interferido: repita la solicitud.',
        en: 'A concurrent change interfered; retry the request.',
      },
      headers: RETRY,
    },
    [PlatformProblem.Busy]: {
      status: 503,
      detail: { es: 'La base de datos está ocupada: repita la solicitud.', en: 'The database is busy; retry the request.' },
      headers: RETRY,
    },
    [PlatformProblem.DatabaseUnavailable]: {
      status: 503,
      detail: {
        es: 'La base de datos no está disponible en este momento: repita la solicitud en unos segundos.',
        en: 'The database is unavailable right now; retry the request in a few seconds.',
      },
      headers: RETRY_DATABASE,
    },
    [PlatformProblem.ShuttingDown]: {
      status: 503,
      detail: {
        es: 'El servidor se está deteniendo y no admite solicitudes nuevas: repítala en unos segundos.',
        en: 'The server is shutting down and takes no new requests; retry in a few seconds.',
      },
      headers: RETRY_ELSEWHERE,
    },
    [PlatformProblem.InternalError]: {
      status: 500,
      detail: {
        es: 'Se ha producido un error inesperado. Indique el identificador de la solicitud al comunicarlo.',
        en: 'An unexpected error occurred. Quote the request id when reporting it.',
      },
    },
  },
  {},
);
