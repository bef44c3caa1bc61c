#!/usr/bin/env node
// Independent check of a tenant's audit trail through the public API only (no Rumbo code involved):
//   node scripts/verify-audit-chain.mjs --url https://rumbo.example.org --tenant <uuid> --token <bearer>
// Prints {"ok":true,"checked":N,"head":"<hash>"} or {"ok":false,"brokenAt":seq,...}; exit 1 when broken.
// The algorithm is the one in docs/auditor.md.
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';

const FIELDS = [
  'action',
  'actorId',
  'actorLabel',
  'actorType',
  'after',
  'before',
  'entityId',
  'entityType',
  'id',
  'ip',
  'occurredAt',
  'requestId',
  'seq',
  'tenantId',
];

const sort = (v) =>
  Array.isArray(v)
    ? v.map(sort)
    : v && typeof v === 'object'
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, sort(v[k])]),
        )
      : v;

export async function verifyAuditChain(baseUrl, tenantId, token) {
  const events = [];
  for (let cursor; ;) {
    const url = `${baseUrl}/v1/tenants/${tenantId}/audit-events?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
    const page = await response.json();
    events.push(...page.data);
    if (!(cursor = page.nextCursor)) break;
  }
  let prev = '0'.repeat(64);
  for (const [i, e] of events.reverse().entries()) {
    const canonical = JSON.stringify(sort(Object.fromEntries(FIELDS.map((f) => [f, e[f]]))));
    const hash = createHash('sha256')
      .update(prev + canonical)
      .digest('hex');
    if (e.seq !== i + 1) return { ok: false, brokenAt: e.seq, reason: `expected seq ${i + 1}` };
    if (e.prevHash !== prev) return { ok: false, brokenAt: e.seq, reason: 'prevHash does not match the previous event' };
    if (e.hash !== hash) return { ok: false, brokenAt: e.seq, reason: 'content does not match its hash' };
    prev = e.hash;
  }
  return { ok: true, checked: events.length, head: prev };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { url: { type: 'string' }, tenant: { type: 'string' }, token: { type: 'string' } } });
  if (!values.url || !values.tenant || !values.token) {
    console.error('usage: verify-audit-chain.mjs --url <base url> --tenant <tenant id> --token <access token or API key>');
    process.exit(2);
  }
  const result = await verifyAuditChain(values.url.replace(/\/$/, ''), values.tenant, values.token);
  console.log(JSON.stringify(result));
  process.exit(result.ok ? 0 : 1);
}
