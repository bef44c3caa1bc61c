import {
  fieldPaths,
  hostileValue,
  HOSTILE_STRINGS,
  type Json,
  type Random,
  type Schema,
  type SchemaGenerator,
  withField,
} from './generate';

/** One operation of the contract, as the fuzzer needs it. */
export interface Operation {
  operationId: string;
  method: string;
  /** `/v1/tenants/{tenantId}` */
  path: string;
  pathParams: string[];
  query: { name: string; schema: Schema }[];
  headers: string[];
  body?: { contentTypes: string[]; schema?: Schema };
  secured: boolean;
}

interface OpenApiParameter {
  in: string;
  name: string;
  schema?: Schema;
}

interface OpenApiOperation {
  operationId?: string;
  parameters?: OpenApiParameter[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
  security?: unknown[];
}

/** Every operation of the OpenAPI document, in document order. */
export function operationsOf(document: { paths: Record<string, Record<string, unknown>> }): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, value] of Object.entries(item)) {
      const op = value as OpenApiOperation;
      if (!op || typeof op !== 'object' || !op.operationId) continue;
      const parameters = op.parameters ?? [];
      const content = op.requestBody?.content;
      operations.push({
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        headers: parameters.filter((p) => p.in === 'header').map((p) => p.name),
        body: content ? { contentTypes: Object.keys(content), schema: content['application/json']?.schema } : undefined,
        secured: (op.security ?? []).length > 0,
      });
    }
  }
  return operations;
}

/** One request to send, and what kind of case it is (for the report). */
export interface FuzzRequest {
  operationId: string;
  kind: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: Buffer;
}

const base64 = (text: string) => Buffer.from(text).toString('base64url');

/** Path parameter values, already URL-encoded, broken on purpose. */
const HOSTILE_PATH = [
  'abc',
  '0',
  '-1',
  'null',
  '00000000-0000-0000-0000-000000000000',
  '0193a4f2-0000-4000-8000-000000000000',
  '%00',
  'a%00',
  '%E0%A4%A',
  '%ED%A0%80',
  '%',
  'a'.repeat(150),
  '..',
  '%2e%2e',
  '%2F',
  '%25',
  '%20',
  '%F0%9F%98%80',
  encodeURIComponent("' OR 1=1 --"),
];

/** Query values, already URL-encoded: wrong types, sizes, encodings, forged cursors. */
const HOSTILE_QUERY = [
  '',
  'abc',
  '-1',
  '0',
  '1.5',
  '201',
  '99999999999999999999',
  '1e309',
  'NaN',
  'maybe',
  'TRUE',
  '%00',
  'a%00b',
  '%',
  '%zz',
  '%E0%A4%A',
  '%ED%A0%80',
  encodeURIComponent('😀'.repeat(30)),
  'a'.repeat(5000),
  encodeURIComponent("' OR 1=1 --"),
  '2026-13-45',
  '2026-01-01T00:00:00Z',
  '%2B275760-09-13T00:00:00Z',
  ...[
    '[]',
    '[1]',
    '["x","y"]',
    '[null,null]',
    '{"a":1}',
    '["2026-01-01T00:00:00Z","not-a-uuid"]',
    '[1e999,"x"]',
    '["x",1,2,3,4]',
    '[[[[[]]]]]',
  ].map(base64),
  'not-base64!!',
];

const HOSTILE_HEADERS: Record<string, string[]> = {
  'If-Match': ['"abc"', 'W/"1"', '*', `"${'x'.repeat(4000)}"`, '"1", "2"', '', '1'],
  Accept: ['text/csv', 'application/xml', '*/*', 'text/html', 'application/problem+json', 'image/png'],
  'Accept-Language': ['xx', '*;q=abc', 'en;q=0, es;q=0', 'en-GB', 'ES', ';;;'],
  'Idempotency-Key': ['x'.repeat(300), 'abc'],
  'X-Request-Id': ['a b c', 'x'.repeat(200), '../'],
};

const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/xml',
  'text/csv',
  'text/csv; charset=klingon',
  'multipart/form-data; boundary=x',
  'application/json; charset=latin1',
  'application/json-patch+json',
  'application/vnd.api+json',
  'garbage;;;',
];

/** Characters put inside otherwise plausible strings. */
const TAINTS = ['\u0000', '\ud800', '\udc00', '\u0000', '\udbff', 'a\u0000\u0000', '😀', '\u202e', "'", '\\', '%00', '\uffff', 'ñ', '\n'];

/** The same, URL-encoded or broken, appended to plausible path and query values. */
const URL_TAINTS = ['%00', '%ED%A0%80', '%', '%E0%A4%A', '%C3%B1', '%27', '%F0%9F%98%80'];

function pathValue(value: Json, at: (string | number)[]): Json {
  let node: Json = value;
  for (const key of at) node = (node as Record<string | number, Json>)[key];
  return node;
}

const BROKEN_JSON = [
  '{',
  '{"a":',
  '[1,]',
  "{'a':1}",
  'NaN',
  '{"a":1}}',
  'null',
  '""',
  '1e99999',
  '\u0000',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"x":1}}}',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
];

export interface Credentials {
  admin: string;
  tenantAdmin: string;
}

/** Builds the hostile requests of one operation from the contract. */
export class CaseBuilder {
  constructor(
    private readonly random: Random,
    private readonly generator: SchemaGenerator,
    private readonly ids: Record<string, string>,
    private readonly credentials: Credentials,
  ) {}

  /**
   * The `index`-th case of an operation. Cases cycle through what they mutate (a share of plausible
   * requests, which reach the services; a tainted, a replaced or an extra body field; the whole body;
   * a path or query parameter; a header; the content type; the credentials), so that every operation
   * gets each kind however few cases it gets; the details are drawn at random.
   */
  build(op: Operation, index: number): FuzzRequest {
    const kinds: string[] = [];
    const r = this.random;
    const cycle = ['plausible', 'taint', 'body', 'taint', 'extra', 'whole', 'path', 'query', 'headers', 'contentType', 'auth'];
    let aspect = cycle[index % cycle.length];
    if (aspect === 'path' && op.pathParams.length === 0) aspect = op.query.length ? 'query' : 'taint';
    if (aspect === 'query' && op.query.length === 0) aspect = op.pathParams.length ? 'path' : 'headers';
    const aspects = new Set<string>(aspect === 'plausible' ? [] : [aspect]);
    // Now and then a second mutation on top.
    if (aspect !== 'plausible' && r.chance(0.2)) aspects.add(r.pick(['headers', 'contentType', 'auth', 'query']));

    let path = op.path;
    for (const name of op.pathParams) {
      let value = encodeURIComponent(this.ids[name] ?? this.random.pick(Object.values(this.ids)));
      if (aspects.has('path') && (op.pathParams.length === 1 || r.chance(0.6))) {
        const mode = r.int(10);
        value =
          mode < 2
            ? encodeURIComponent(r.pick(Object.values(this.ids)))
            : mode < 4
              ? `${value}${r.pick(URL_TAINTS)}`
              : r.pick(HOSTILE_PATH);
        kinds.push(`path:${name}`);
      }
      path = path.replace(`{${name}}`, value);
    }

    const query: string[] = [];
    for (const param of op.query) {
      if (aspects.has('query') && r.chance(0.5)) {
        const value = r.chance(0.3)
          ? `${encodeURIComponent(String(this.generator.valid(param.schema, param.name)))}${r.pick(URL_TAINTS)}`
          : r.pick(HOSTILE_QUERY);
        query.push(`${param.name}=${value}`);
        if (r.chance(0.2)) query.push(`${param.name}=${r.pick(HOSTILE_QUERY)}`); // repeated: an array
        kinds.push(`query:${param.name}`);
      } else if (r.chance(0.4)) {
        query.push(`${param.name}=${encodeURIComponent(String(this.generator.valid(param.schema, param.name)))}`);
      }
    }
    if (aspects.has('query') && r.chance(0.3)) {
      query.push(r.pick(['unknown=1', '%00=1', 'a%zz=1', `${'k'.repeat(500)}=v`, '=', '&&&', 'limit']));
      kinds.push('query:extra');
    }

    const headers: Record<string, string> = {};
    const auth = aspects.has('auth') ? r.pick(['none', 'garbage', 'tenantAdmin']) : r.chance(0.1) ? 'tenantAdmin' : 'admin';
    if (auth === 'admin') headers.authorization = `Bearer ${this.credentials.admin}`;
    else if (auth === 'tenantAdmin') headers.authorization = `Bearer ${this.credentials.tenantAdmin}`;
    else if (auth === 'garbage')
      headers.authorization = r.pick(['Bearer x', 'Bearer a.b.c', 'Basic Zm9vOmJhcg==', 'Bearer rmb_00_x', `Bearer ${'x'.repeat(5000)}`]);
    if (auth !== 'admin') kinds.push(`auth:${auth}`);
    if (aspects.has('headers')) {
      const name = r.pick(op.headers.length && r.chance(0.5) ? op.headers : Object.keys(HOSTILE_HEADERS));
      headers[name.toLowerCase()] = r.pick(HOSTILE_HEADERS[name] ?? HOSTILE_HEADERS.Accept);
      kinds.push(`header:${name}`);
    }

    let body: Buffer | undefined;
    const bodyAspect = ['taint', 'body', 'extra', 'whole'].find((a) => aspects.has(a));
    if (op.body) {
      let value = this.generator.valid(op.body.schema);
      if (bodyAspect) {
        const paths = fieldPaths(value);
        const strings = paths.filter((at) => typeof pathValue(value, at) === 'string');
        const mode = { taint: 0, body: 4, extra: 6, whole: 8 }[bodyAspect] ?? 0;
        if (mode < 3 && strings.length > 0) {
          // A plausible value with one dangerous character inside: it passes validation and goes on.
          const at = r.pick(strings);
          const text = pathValue(value, at) as string;
          const cut = r.int(text.length + 1);
          value = withField(value, at, text.slice(0, cut) + r.pick(TAINTS) + text.slice(cut));
          kinds.push(`body:${at.join('.')}:taint`);
        } else if (mode < 6 && paths.length > 0) {
          const at = r.pick(paths);
          value = withField(value, at, r.chance(0.15) ? undefined : hostileValue(r));
          kinds.push(`body:${at.join('.')}`);
        } else if (mode < 7) {
          value = withField(
            value,
            [r.pick(['extra', 'tenantId', 'id', '__proto__', 'constructor', 'access_token', 'ñ', ''])],
            hostileValue(r),
          );
          kinds.push('body:extra');
        } else {
          kinds.push('body:whole');
          body = Buffer.from(r.chance(0.5) ? r.pick(BROKEN_JSON) : JSON.stringify(hostileValue(r)));
        }
      }
      body ??= Buffer.from(JSON.stringify(value));
      headers['content-type'] = 'application/json';
    } else if (bodyAspect) {
      // A body where none is taken: empty with a JSON type (many clients send it), JSON, or garbage.
      body = Buffer.from(r.pick(['', '', '{}', '{"x":1}', '[]', r.pick(BROKEN_JSON), r.pick(HOSTILE_STRINGS)]));
      headers['content-type'] = 'application/json';
      kinds.push('body:unexpected');
    }
    if (aspects.has('contentType')) {
      headers['content-type'] = r.pick(CONTENT_TYPES);
      body ??= Buffer.from(r.pick(['a=1&b=2', '<x/>', 'code,name\nA,B\n', 'code;name\nA;B\u0000\n', '{}']));
      kinds.push(`contentType:${headers['content-type']}`);
    }
    if (body) headers['content-length'] = String(body.length);

    const url = query.length ? `${path}?${query.join('&')}` : path;
    return { operationId: op.operationId, kind: kinds.join(' ') || 'plausible', method: op.method, url, headers, body };
  }
}

export type { Json };
