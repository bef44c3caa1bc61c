/**
 * Values for the contract fuzz test, generated from the OpenAPI document's schemas: a plausible value
 * for a schema (so that requests reach the layers behind validation), and hostile ones to put in
 * its place. Everything draws from one seeded generator, so a run is reproducible from its seed.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Schema {
  type?: string;
  format?: string;
  enum?: Json[];
  example?: Json;
  default?: Json;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  $ref?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  nullable?: boolean;
  additionalProperties?: boolean | Schema;
}

/** mulberry32: small, fast and good enough to pick test cases; the same seed gives the same run. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Strings that have broken servers: control characters, unusual Unicode, sizes, injections. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '\ud83d',
  '😀'.repeat(50),
  'ñÑáéíóúü ẞ ǅ',
  '\u202eevil\u202c',
  '\u200b\u200d\ufeff',
  '\uffff\ufffe',
  'e\u0301\u0301\u0301',
  'a'.repeat(10_000),
  'b'.repeat(300_000),
  '%00%E0%A4%A',
  '../../../etc/passwd',
  "' OR 1=1 --",
  '"; DROP TABLE tenants; --',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '{{7*7}}',
  '\\',
  '"',
  '\n\r\t\b\f',
  'null',
  'true',
  '0',
  '-1',
  '1e309',
  'NaN',
  'Infinity',
  '2026-02-30',
  '0000-00-00T00:00:00Z',
  '+275760-09-13T00:00:00.000Z',
  '9999-12-31',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
  '01a23f22-9c03-79e7-9000-0000000000zz',
  '__proto__',
  'constructor',
];

export const HOSTILE_NUMBERS: readonly number[] = [
  0,
  -1,
  1.5,
  -0.000001,
  2 ** 31,
  2 ** 53 + 2,
  -(2 ** 63),
  1e308,
  -1e308,
  5e-324,
  1.2345678901234567e19,
];

export const OTHER_TYPES: readonly Json[] = [null, true, false, [], {}, [[]], [null], { a: { b: {} } }, ['x', 1, null], 0, '', 'text'];

/** Any hostile value, of any type. */
export function hostileValue(random: Random): Json {
  const kind = random.int(10);
  if (kind < 5) return random.pick(HOSTILE_STRINGS);
  if (kind < 7) return random.pick(HOSTILE_NUMBERS);
  if (kind < 9) return random.pick(OTHER_TYPES);
  // Nested just past, or well past, what the API accepts.
  const depth = random.pick([63, 65, 200]);
  return JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as Json;
}

export class SchemaGenerator {
  private counter = 0;

  constructor(
    private readonly schemas: Record<string, Schema>,
    private readonly random: Random,
    /** Real ids by the property or parameter name that holds them (`tenantId`, `modelVersionId`…). */
    private readonly ids: Record<string, string>,
  ) {}

  resolve(schema: Schema | undefined): Schema {
    let s = schema ?? {};
    for (let i = 0; i < 10 && s.$ref; i++) s = this.schemas[s.$ref.replace('#/components/schemas/', '')] ?? {};
    if (s.allOf?.length) {
      const merged: Schema = { ...s, allOf: undefined };
      for (const part of s.allOf) Object.assign(merged, this.resolve(part));
      return merged;
    }
    if (s.oneOf?.length || s.anyOf?.length) return this.resolve(this.random.pick((s.oneOf ?? s.anyOf) as Schema[]));
    return s;
  }

  /** A value the schema describes: its example when it has one, else one built from its constraints. */
  valid(schema: Schema | undefined, name = '', depth = 0): Json {
    const s = this.resolve(schema);
    if (name && this.ids[name] && (s.format === 'uuid' || s.type === 'string' || !s.type)) return this.ids[name];
    if (s.example !== undefined && this.random.chance(0.7)) return s.example;
    if (s.enum?.length) return this.random.pick(s.enum);
    switch (s.type) {
      case 'object': {
        const out: Record<string, Json> = {};
        for (const [key, property] of Object.entries(s.properties ?? {})) {
          if ((s.required ?? []).includes(key) || this.random.chance(0.6))
            out[key] = depth > 6 ? null : this.valid(property, key, depth + 1);
        }
        return out;
      }
      case 'array': {
        const count = depth > 6 ? 0 : 1 + this.random.int(3);
        return Array.from({ length: count }, () => this.valid(s.items, name, depth + 1));
      }
      case 'integer':
      case 'number': {
        const min = s.minimum ?? 0;
        const max = s.maximum ?? Math.max(min, 100);
        const value = min + this.random.next() * (max - min);
        return s.type === 'integer' || this.random.chance(0.7) ? Math.round(value) : value;
      }
      case 'boolean':
        return this.random.chance(0.5);
      case 'string':
        return this.string(s, name);
      default:
        return s.properties ? this.valid({ ...s, type: 'object' }, name, depth) : 'x';
    }
  }

  private string(s: Schema, name: string): string {
    this.counter += 1;
    switch (s.format) {
      case 'uuid':
        return this.ids[name] ?? this.random.pick(Object.values(this.ids));
      case 'date-time':
        return new Date(Date.UTC(2026, 0, 1 + this.random.int(300))).toISOString();
      case 'date':
        return '2026-03-01';
      case 'email':
        return `fuzz-${this.counter}@test.example`;
      case 'password':
        return `fuzz password ${this.counter} long enough`;
      default: {
        if (/email/i.test(name)) return `fuzz-${this.counter}@test.example`;
        if (/period/i.test(name)) return String(2020 + this.random.int(8));
        const base = `fuzz${this.counter}`;
        const min = s.minLength ?? 1;
        return base.length >= min ? base.slice(0, s.maxLength ?? base.length) : base.padEnd(min, 'x');
      }
    }
  }
}

/** `a[2].b` paths into a JSON value: where a mutation can go. */
export function fieldPaths(value: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (Array.isArray(value)) value.forEach((item, i) => fieldPaths(item, [...prefix, i], out));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      out.push([...prefix, key]);
      fieldPaths(item, [...prefix, key], out);
    }
  }
  return out;
}

/** A copy of `value` with the field at `path` replaced (or removed when `replacement` is undefined). */
export function withField(value: Json, path: (string | number)[], replacement: Json | undefined): Json {
  const copy = structuredClone(value) as Json;
  let node = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  const last = path[path.length - 1];
  if (replacement === undefined) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = replacement;
  return copy;
}
