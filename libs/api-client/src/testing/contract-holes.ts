/**
 * The rules of a contract with no holes, checked over the committed openapi.json by contract.spec.ts.
 * Each finding is one line, `<rule> <where>`, so a test can compare them with a list of known ones.
 *
 * - `no-description`: a response without a description;
 * - `no-body-example`: a request body media type without `example`/`examples`;
 * - `problem-media-type`: an error response (4xx, 5xx, default) not solely `application/problem+json` with the Problem schema;
 * - `problem-example`: an error response without an example, or with one of another status or not a `urn:rumbo:problem:` type;
 * - `security`: an operation whose security does not follow its `x-rumbo-access` (staff-only → JWT; other authenticated →
 *   JWT or API key; public → none), or without `x-rumbo-access`;
 * - `uuid-path-id`: a path parameter named `…Id` without `format: uuid`;
 * - `empty-object`: a schema of type object with nothing in it (no properties, additionalProperties, allOf/oneOf/anyOf).
 */

type Json = Record<string, unknown>;

interface Access {
  kind: 'public' | 'principal' | 'user' | 'platform' | 'tenant';
  access?: string;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const PROBLEM_TYPE = 'application/problem+json';
const PROBLEM_REF = '#/components/schemas/Problem';

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Resolves a local `$ref` (`#/components/…`) once; other values come back as they are. */
function resolve(spec: Json, value: unknown): Json {
  if (!isObject(value) || typeof value.$ref !== 'string') return isObject(value) ? value : {};
  const target = value.$ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), spec);
  if (!isObject(target)) throw new Error(`unresolved reference ${value.$ref}`);
  return target;
}

function emptyObjects(schema: unknown, where: string, out: string[]): void {
  if (Array.isArray(schema)) {
    schema.forEach((s, i) => emptyObjects(s, `${where}[${i}]`, out));
    return;
  }
  if (!isObject(schema) || typeof schema.$ref === 'string') return;
  const composed = ['allOf', 'oneOf', 'anyOf'].some((k) => Array.isArray(schema[k]) && (schema[k] as unknown[]).length > 0);
  const hasProperties = isObject(schema.properties) && Object.keys(schema.properties).length > 0;
  if (schema.type === 'object' && !composed && !hasProperties && schema.additionalProperties === undefined)
    out.push(`empty-object ${where}`);
  if (isObject(schema.properties))
    for (const [name, prop] of Object.entries(schema.properties)) emptyObjects(prop, `${where}.${name}`, out);
  if (schema.items !== undefined) emptyObjects(schema.items, `${where}[]`, out);
  if (isObject(schema.additionalProperties)) emptyObjects(schema.additionalProperties, `${where}{}`, out);
  for (const key of ['allOf', 'oneOf', 'anyOf']) if (Array.isArray(schema[key])) emptyObjects(schema[key], `${where}.${key}`, out);
}

function checkError(spec: Json, status: string, response: Json, where: string, out: string[]): void {
  const content = isObject(response.content) ? response.content : {};
  const types = Object.keys(content);
  const media = content[PROBLEM_TYPE];
  if (types.length !== 1 || !isObject(media) || !isObject(media.schema) || media.schema.$ref !== PROBLEM_REF) {
    out.push(`problem-media-type ${where}`);
    return;
  }
  const expected = status === 'default' ? 500 : Number(status);
  const examples = [
    ...(media.example !== undefined ? [media.example] : []),
    ...Object.values(isObject(media.examples) ? media.examples : {}).map((e) => resolve(spec, e).value),
  ];
  const fits = (e: unknown) =>
    isObject(e) && e.status === expected && typeof e.type === 'string' && e.type.startsWith('urn:rumbo:problem:');
  if (examples.length === 0 || !examples.every(fits)) out.push(`problem-example ${where}`);
}

function checkSecurity(operation: Json, where: string, out: string[]): void {
  const access = operation['x-rumbo-access'] as Access | undefined;
  const schemes = (Array.isArray(operation.security) ? operation.security : []).flatMap((s) => (isObject(s) ? Object.keys(s) : [])).sort();
  const expected =
    access === undefined
      ? null
      : access.kind === 'public'
        ? []
        : access.kind === 'user' || access.kind === 'platform'
          ? ['bearer']
          : ['apiKey', 'bearer'];
  if (expected === null || JSON.stringify(schemes) !== JSON.stringify(expected)) out.push(`security ${where}`);
}

/** Every hole of the contract, sorted. */
export function contractHoles(spec: Json): string[] {
  const out: string[] = [];
  const paths = isObject(spec.paths) ? spec.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const op = String(operation.operationId ?? `${method} ${path}`);
      for (const parameter of Array.isArray(operation.parameters) ? operation.parameters : []) {
        const p = resolve(spec, parameter);
        if (p.in === 'path' && typeof p.name === 'string' && /Id$/.test(p.name) && (!isObject(p.schema) || p.schema.format !== 'uuid')) {
          out.push(`uuid-path-id ${op}.${p.name}`);
        }
        emptyObjects(p.schema, `${op}.parameters.${String(p.name)}`, out);
      }
      const body = resolve(spec, operation.requestBody);
      for (const [type, media] of Object.entries(isObject(body.content) ? body.content : {})) {
        if (!isObject(media)) continue;
        if (media.example === undefined && !(isObject(media.examples) && Object.keys(media.examples).length > 0)) {
          out.push(`no-body-example ${op} ${type}`);
        }
        emptyObjects(media.schema, `${op}.requestBody`, out);
      }
      for (const [status, raw] of Object.entries(isObject(operation.responses) ? operation.responses : {})) {
        const response = resolve(spec, raw);
        const where = `${op} ${status}`;
        if (typeof response.description !== 'string' || response.description.trim() === '') out.push(`no-description ${where}`);
        if (status === 'default' || Number(status) >= 400) checkError(spec, status, response, where, out);
        for (const media of Object.values(isObject(response.content) ? response.content : {})) {
          if (isObject(media)) emptyObjects(media.schema, `${op}.responses.${status}`, out);
        }
      }
      checkSecurity(operation, op, out);
    }
  }
  const components = isObject(spec.components) ? spec.components : {};
  for (const [name, schema] of Object.entries(isObject(components.schemas) ? components.schemas : {})) emptyObjects(schema, name, out);
  return [...new Set(out)].sort();
}
