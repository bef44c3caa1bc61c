import { AuthProblem } from '../auth/auth.problems';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { AuthRequirement } from '../auth/auth.decorators';
import { registeredProblems, type RegisteredProblem } from '../errors/catalogue';
import { PlatformProblem } from '../errors/platform.problems';
import { PROBLEM_CONTENT_TYPE, problemType, statusTitle } from '../errors/problem';
import { PROBLEMS_EXTENSION } from './decorators';

type PathItem = OpenAPIObject['paths'][string];
export type Operation = NonNullable<PathItem['get']>;
type Responses = Operation['responses'];
type Response = Extract<Responses[string], { description: string }>;

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Operation extension with the route's auth requirement (set by the auth decorators). */
export const ACCESS_EXTENSION = 'x-rumbo-access';

const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };

/** An `x-…` extension of an operation (the spec types do not index them). */
export function extensionOf<T>(operation: Operation, key: string): T | undefined {
  return (operation as unknown as Record<string, T | undefined>)[key];
}

function dropExtension(operation: Operation, key: string): void {
  delete (operation as unknown as Record<string, unknown>)[key];
}

// Codes of tenancy's catalogue (tenancy.problems.ts) that every route of a kind can answer: the
// platform names them here only as strings, so it does not import the module above it.
const FORBIDDEN = 'forbidden';
const TENANT_ARCHIVED = 'tenant-archived';

const HEADER_DOCS: Record<string, { description: string; schema: { type: 'string' } }> = {
  'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'string' } },
  'WWW-Authenticate': { description: 'The authentication scheme expected (Bearer)', schema: { type: 'string' } },
};

const EXAMPLE_REQUEST_ID = '0190b4e2-7c1a-7cc0-9d4e-3f1a2b3c4d5e';
const EXAMPLE_INSTANCE = '/v1/tenants/0190b4e2-0000-7000-8000-000000000001';

/** What every operation of a kind can answer, whatever its own @ApiProblems say. */
function kindCodes(path: string, operation: Operation): string[] {
  const access = extensionOf<AuthRequirement>(operation, ACCESS_EXTENSION);
  if (!access) throw new Error(`OpenAPI: ${path} (${operation.operationId}) has no ${ACCESS_EXTENSION}: does the route declare its auth?`);
  const codes: string[] = [];
  if (access.kind !== 'public') codes.push(AuthProblem.Unauthorized);
  if (access.kind === 'user' || access.kind === 'platform' || access.kind === 'tenant') codes.push(FORBIDDEN);
  if (access.kind === 'tenant') {
    codes.push(PlatformProblem.NotFound);
    if (access.access !== 'read' && access.access !== 'audit' && !access.allowArchived) codes.push(TENANT_ARCHIVED);
  }
  const hasBody = operation.requestBody !== undefined;
  // Query parameters and path ids are validated (400); an invalid :tenantId is a 404 like any invisible tenant.
  const hasParameters = (operation.parameters ?? []).some(
    (p) => 'in' in p && (p.in === 'query' || (p.in === 'path' && p.name !== 'tenantId')),
  );
  if (hasBody || hasParameters) codes.push(PlatformProblem.ValidationError);
  if (hasBody) codes.push(PlatformProblem.MalformedJson, PlatformProblem.PayloadTooLarge, PlatformProblem.UnsupportedMediaType);
  if (!path.startsWith('/health')) codes.push(PlatformProblem.Retry, PlatformProblem.Busy);
  return codes;
}

function registered(code: string, where: string): RegisteredProblem {
  const problem = registeredProblems().get(code);
  if (!problem) throw new Error(`OpenAPI: ${where} lists problem code "${code}", which no catalogue declares`);
  return problem;
}

/** A problem document as the API would send it for a code (English texts), shared by every operation. */
function exampleDocument(problem: RegisteredProblem): Record<string, unknown> {
  return {
    type: problemType(problem.code),
    title: statusTitle(problem.status, 'en'),
    status: problem.status,
    detail: problem.example,
    instance: EXAMPLE_INSTANCE,
    requestId: EXAMPLE_REQUEST_ID,
    ...(problem.code === PlatformProblem.ValidationError
      ? { errors: [{ path: 'name', code: 'maxLength', message: 'Must be at most 200 characters long.' }] }
      : {}),
  };
}

function problemResponse(status: number, problems: RegisteredProblem[], existing?: string): Response {
  const codes = problems.map((p) => `\`${p.code}\``).join(', ');
  const lead = existing ? existing.replace(/\.?$/, '.') : `${statusTitle(status, 'en')}.`;
  const headers = [...new Set(problems.flatMap((p) => p.headers))].sort();
  return {
    description: `${lead} Problem ${problems.length === 1 ? 'type' : 'types'}: ${codes}.`,
    ...(headers.length
      ? { headers: Object.fromEntries(headers.map((h) => [h, HEADER_DOCS[h] ?? { description: h, schema: { type: 'string' } }])) }
      : {}),
    content: {
      [PROBLEM_CONTENT_TYPE]: {
        schema: PROBLEM_REF,
        examples: Object.fromEntries(problems.map((p) => [p.code, { $ref: `#/components/examples/${p.code}` }])),
      },
    },
  };
}

function isProblemResponse(response: Response): boolean {
  const content = response.content ?? {};
  return Object.values(content).some((media) => JSON.stringify(media.schema ?? {}) === JSON.stringify(PROBLEM_REF));
}

/**
 * Every operation's problems as responses: the codes of its @ApiProblems and of its kind, one
 * `application/problem+json` response per status naming its codes, with an example per code. A
 * problem response declared by a plain Api…Response decorator keeps its description and gets the
 * problem media type (and an example once its codes are declared). `default` documents the 500.
 */
export function addProblemResponses(document: OpenAPIObject, problemSchema: object): OpenAPIObject {
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas.Problem = problemSchema as never;
  const examples: Record<string, { summary: string; value: Record<string, unknown> }> = {};
  // Responses without a description of their own are shared: one component per status and code set.
  const shared: Record<string, Response> = {};
  const sharedRef = (status: number, problems: RegisteredProblem[]) => {
    const name = `${status}.${problems.map((p) => p.code).join('.')}`;
    shared[name] ??= problemResponse(status, problems);
    return { $ref: `#/components/responses/${name}` };
  };
  const internal = registered(PlatformProblem.InternalError, 'the default response');
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const where = `${method.toUpperCase()} ${path}`;
      const own = extensionOf<string[]>(operation, PROBLEMS_EXTENSION) ?? [];
      dropExtension(operation, PROBLEMS_EXTENSION);
      const byStatus = new Map<number, RegisteredProblem[]>();
      for (const code of new Set([...kindCodes(path, operation), ...own])) {
        const problem = registered(code, where);
        examples[code] ??= { summary: problem.example, value: exampleDocument(problem) };
        byStatus.set(problem.status, [...(byStatus.get(problem.status) ?? []), problem]);
      }
      const responses: Responses = { ...operation.responses };
      for (const [key, response] of Object.entries(responses)) {
        const status = Number(key);
        if (!response || !('description' in response) || !(status >= 400) || byStatus.has(status) || !isProblemResponse(response)) continue;
        // Declared with a plain decorator and no codes: the right media type, the codes still to list.
        responses[key] = { description: response.description, content: { [PROBLEM_CONTENT_TYPE]: { schema: PROBLEM_REF } } };
      }
      for (const [status, unsorted] of byStatus) {
        const problems = [...unsorted].sort((a, b) => (a.code < b.code ? -1 : 1));
        const existing = responses[String(status)];
        if (existing && 'description' in existing && !isProblemResponse(existing) && existing.content) continue; // e.g. readiness' 503 body
        const described = existing && 'description' in existing ? existing.description.trim() : '';
        responses[String(status)] = described ? problemResponse(status, problems, described) : sharedRef(status, problems);
      }
      responses.default = sharedRef(500, [internal]);
      operation.responses = responses;
    }
  }
  examples[internal.code] = { summary: internal.example, value: exampleDocument(internal) };
  document.components.examples = { ...document.components.examples, ...examples };
  document.components.responses = { ...document.components.responses, ...shared };
  return document;
}
