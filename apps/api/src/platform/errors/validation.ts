import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ProblemError, type ProblemFieldError } from './problem';

/** Flattens class-validator's nested errors into `{ path, code, message }` entries. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): ProblemFieldError[] {
  const out: ProblemFieldError[] = [];
  for (const error of errors) {
    const path =
      parent === '' ? error.property : /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`;
    for (const [code, message] of Object.entries(error.constraints ?? {})) {
      out.push({ path, code: code === 'whitelistValidation' ? 'unknownProperty' : code, message });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, path));
  }
  return out;
}

/** The global pipe: unknown fields are rejected, types are transformed, errors are problems. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => ProblemError.validation(flattenValidationErrors(errors)),
  });
}
