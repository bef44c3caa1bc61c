import { Injectable, ValidationPipe, type ArgumentMetadata, type PipeTransform, type ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { isLocalised, type Localised } from './catalogue';
import { PlatformProblem, platformProblems } from './platform.problems';
import type { ProblemError, ProblemFieldError } from './problem';
import { constraintMessage, LOCALISED_MESSAGE_CONTEXT } from './validation-messages';

/** class-validator's name for a property that the whitelist refuses; we call it what it is. */
const WHITELIST = 'whitelistValidation';

/** A rule as class-validator stored it for a class and property: its arguments and options. */
interface RuleMetadata {
  name?: string;
  propertyName: string;
  constraints?: unknown[];
  each?: boolean;
}

/**
 * The rule behind a constraint of an error, from class-validator's metadata for the class the
 * property was validated on (inherited rules included), so the message can name its arguments.
 */
function ruleOf(target: object | undefined, property: string, constraint: string): RuleMetadata | undefined {
  if (!target || typeof target.constructor !== 'function') return undefined;
  const rules: RuleMetadata[] = getMetadataStorage().getTargetValidationMetadatas(target.constructor, '', true, false);
  return rules.find((r) => r.propertyName === property && r.name === constraint);
}

function messageOf(error: ValidationError, constraint: string): Localised {
  const own: unknown = error.contexts?.[constraint]?.[LOCALISED_MESSAGE_CONTEXT];
  if (isLocalised(own)) return own;
  if (constraint === WHITELIST) return constraintMessage('unknownProperty');
  const rule = ruleOf(error.target, error.property, constraint);
  return constraintMessage(constraint, rule?.constraints ?? [], rule?.each ?? false);
}

/**
 * Flattens class-validator's nested errors into `{ path, code, message }` entries; each message is
 * ours, in Spanish and English, built from the rule's arguments (never class-validator's English).
 */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): ProblemFieldError[] {
  const out: ProblemFieldError[] = [];
  for (const error of errors) {
    const path =
      parent === '' ? error.property : /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`;
    for (const constraint of Object.keys(error.constraints ?? {})) {
      out.push({ path, code: constraint === WHITELIST ? 'unknownProperty' : constraint, message: messageOf(error, constraint) });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, path));
  }
  return out;
}

/** The problem every invalid request gets: 400 `validation-error` with one entry per failed rule. */
export function validationProblem(errors: ProblemFieldError[]): ProblemError {
  return platformProblems.raise(PlatformProblem.ValidationError, { errors });
}

/** The global pipe: unknown fields are rejected, types are transformed, errors are problems. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    // The target (the object a property was validated on) finds the rule's arguments for the
    // message; values stay out of the errors, which never echo input.
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => validationProblem(flattenValidationErrors(errors)),
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A path id (`:membershipId`, `:keyId`…): a UUID, else a 400 `validation-error` naming the parameter
 * in the caller's language. Use it instead of Nest's ParseUUIDPipe, whose message is English only:
 *
 *     revokeApiKey(@Param('keyId', ParseIdPipe) keyId: string)
 *
 * (`:tenantId` is checked before any pipe: an invalid one is a 404 like any invisible tenant.)
 */
@Injectable()
export class ParseIdPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && UUID.test(value)) return value;
    throw validationProblem([{ path: metadata.data ?? 'id', code: 'isUuid', message: constraintMessage('isUuid') }]);
  }
}
