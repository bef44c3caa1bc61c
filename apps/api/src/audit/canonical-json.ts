/**
 * Deterministic JSON: object keys sorted at every level, dates as ISO strings, no whitespace. The
 * audit hash is computed over this form, so it does not depend on how PostgreSQL's jsonb reorders
 * keys when the event is read back.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value));
}

function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = normalise(v);
    }
    return out;
  }
  return value;
}

const SECRET_KEY = /password|secret|token|hash$/i;

/** A snapshot of an object for the audit trail: plain JSON, secrets replaced by `[redacted]`. */
export function auditSnapshot(value: object | null | undefined): Record<string, unknown> | null {
  if (!value) return null;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || typeof v === 'function') continue;
    if (v !== null && typeof v === 'object' && !(v instanceof Date) && !Array.isArray(v)) continue; // relations
    out[key] = SECRET_KEY.test(key) && v !== null ? '[redacted]' : v instanceof Date ? v.toISOString() : v;
  }
  return JSON.parse(canonicalJson(out)) as Record<string, unknown>;
}
