import fc from 'fast-check';
import type { TenantKind } from '../tenant.entity';
import type { TenantImportId, TenantRow } from './tenant-import-rows';
import { MemoryTenants, type StoredTenant } from './tenant-import-plan.testing';
import type { BulkRejection } from '../../../platform/bulk/bulk-rejection';

const KINDS: TenantKind[] = ['region', 'province', 'municipality'];

/** ROOT → T (the target), with a visible sibling S → SC and a tenant H the caller cannot see. */
function platform(): MemoryTenants {
  const db = new MemoryTenants();
  db.add({ id: 'root', parentId: null, code: 'ROOT', kind: 'country', name: 'Root', population: null });
  db.add({ id: 't', parentId: 'root', code: 'T', kind: 'region', name: 'Target', population: null });
  db.add({ id: 's', parentId: 'root', code: 'S', kind: 'region', name: 'Sibling', population: null });
  db.add({ id: 'sc', parentId: 's', code: 'SC', kind: 'province', name: 'Sibling child', population: null });
  db.add({ id: 'h', parentId: 'root', code: 'H', kind: 'region', name: 'Hidden', population: null, hidden: true });
  return db;
}

/** A parent for each of n nodes taken in order: -1 (the target) or an earlier node, so the result is a tree. */
const parentsInOrder = (n: number) => fc.tuple(...Array.from({ length: n }, (_, k) => fc.integer({ min: -1, max: k - 1 })));
const permutation = (n: number) =>
  fc.shuffledSubarray(
    Array.from({ length: n }, (_, i) => i),
    { minLength: n, maxLength: n },
  );

/**
 * A valid hierarchy to import over an existing subtree: the final tree of n codes, which of them
 * already exist (in another tree shape, with other names), extra stored leaves the file does not
 * list, and two row orders.
 */
const validScenario = fc.integer({ min: 1, max: 24 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    finalOrder: permutation(n),
    finalParents: parentsInOrder(n),
    exists: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    storedOrder: permutation(n),
    storedParents: parentsInOrder(n),
    leaves: fc.array(fc.integer({ min: -1, max: n - 1 }), { maxLength: 6 }),
    names: fc.array(fc.constantFrom('a', 'b'), { minLength: n, maxLength: n }),
    storedNames: fc.array(fc.constantFrom('a', 'b'), { minLength: n, maxLength: n }),
    kinds: fc.array(fc.constantFrom(...KINDS), { minLength: n, maxLength: n }),
    targetAsCode: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    orderA: permutation(n),
    orderB: permutation(n),
  }),
);

type ValidScenario = typeof validScenario extends fc.Arbitrary<infer S> ? S : never;

/** The store before the import, and the expected final tree (code → parent code). */
function setUp(s: ValidScenario): { db: MemoryTenants; expected: Map<string, string>; rows: Omit<TenantRow, 'row'>[] } {
  const db = platform();
  const code = (i: number) => `C${i}`;
  // Stored tree over the existing codes: a node's stored parent is the nearest existing one above it in storedOrder.
  const storedParent = new Map<number, number>();
  s.storedOrder.forEach((node, k) => {
    let p = s.storedParents[k];
    while (p >= 0 && !s.exists[s.storedOrder[p]]) p = s.storedParents[p];
    storedParent.set(node, p < 0 ? -1 : s.storedOrder[p]);
  });
  for (const node of s.storedOrder) {
    if (!s.exists[node]) continue;
    const p = storedParent.get(node) as number;
    db.add({
      id: `id-${code(node)}`,
      parentId: p < 0 ? 't' : `id-${code(p)}`,
      code: code(node),
      kind: 'other',
      name: s.storedNames[node],
      population: null,
    });
  }
  const expected = new Map<string, string>();
  s.leaves.forEach((at, j) => {
    const parent = at >= 0 && s.exists[at] ? code(at) : 'T';
    db.add({
      id: `id-L${j}`,
      parentId: parent === 'T' ? 't' : `id-${parent}`,
      code: `L${j}`,
      kind: 'other',
      name: 'leaf',
      population: null,
    });
    expected.set(`L${j}`, parent);
  });
  const rows = s.finalOrder.map((node, k) => {
    const p = s.finalParents[k];
    const parentCode = p < 0 ? (s.targetAsCode[node] ? 'T' : null) : code(s.finalOrder[p]);
    expected.set(code(node), parentCode ?? 'T');
    return { code: code(node), parentCode, kind: s.kinds[node], name: s.names[node], population: node };
  });
  return { db, expected, rows };
}

const inOrder = (rows: Omit<TenantRow, 'row'>[], order: number[]): TenantRow[] => order.map((i, k) => ({ ...rows[i], row: k + 1 }));

const snapshot = (tenants: Iterable<StoredTenant>) => [...tenants].map((t) => ({ ...t, ancestors: [...t.ancestors] }));

describe('TenantImportPlan — properties', () => {
  it('any valid hierarchy, in any row order, over any existing subtree, imports to the same tree', async () => {
    await fc.assert(
      fc.asyncProperty(validScenario, async (s) => {
        const results = [];
        for (const order of [s.orderA, s.orderB]) {
          const { db, expected, rows } = setUp(s);
          const outcome = await db.import('t', inOrder(rows, order));
          expect(outcome.rejected).toEqual([]);
          expect(db.tree('t')).toEqual(expected);
          db.checkPaths();
          results.push({ created: outcome.created.length, updated: outcome.updated.length, unchanged: outcome.unchanged });
        }
        expect(results[1]).toEqual(results[0]);
        expect(results[0].created).toBe(s.exists.filter((e) => !e).length);
      }),
    );
  });

  it("re-importing the plan's own output changes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(validScenario, async (s) => {
        const { db, rows } = setUp(s);
        const file = inOrder(rows, s.orderA);
        await db.import('t', file);
        const before = snapshot(db.byId.values());
        db.statements.length = 0;
        expect(await db.import('t', file)).toEqual({ created: [], updated: [], unchanged: file.length, rejected: [] });
        const exported = db.export('t');
        expect(await db.import('t', exported)).toEqual({ created: [], updated: [], unchanged: exported.length, rejected: [] });
        expect(db.statements).toEqual([]);
        expect(snapshot(db.byId.values())).toEqual(before);
      }),
    );
  });

  it('codes that turn out to be taken by tenants the caller cannot see: refused with what depends on them, the rest applied', async () => {
    const scenario = validScenario.chain((s) =>
      fc.record({ s: fc.constant(s), hidden: fc.array(fc.boolean(), { minLength: s.n, maxLength: s.n }) }),
    );
    await fc.assert(
      fc.asyncProperty(scenario, async ({ s, hidden }) => {
        const { db, rows } = setUp(s);
        rows.forEach((r, i) => {
          if (hidden[i] && !db.byCode(r.code))
            db.add({ id: `hid-${r.code}`, parentId: 'root', code: r.code, kind: 'other', name: 'h', population: null, hidden: true });
        });
        const file = inOrder(rows, s.orderA);
        const outcome = await db.import('t', file);
        db.checkPaths();
        const refused = new Set(outcome.rejected.map((r) => r.tenantCode));
        const accepted = file.filter((r) => !refused.has(r.code));
        const tree = db.tree('t');
        for (const r of accepted) expect(tree.get(r.code)).toBe(r.parentCode ?? 'T');
        for (const r of outcome.rejected) expect(['code-taken', 'parent-rejected', 'cycle']).toContain(r.code);
        expect(outcome.created.length + outcome.updated.length + outcome.unchanged).toBe(accepted.length);
      }),
    );
  });

  /** Any file at all over an existing subtree: codes and parents drawn from existing, new, taken, hidden and unknown ones. */
  const anyScenario = fc.record({
    stored: fc.array(fc.record({ parent: fc.nat(), archived: fc.boolean() }), { maxLength: 3 }),
    entries: fc.array(
      fc.record({
        valid: fc.boolean(),
        // Few codes, so that rows meet: duplicates, moves through each other, rows below a refused one.
        code: fc.constantFrom('E0', 'E1', 'E2', 'N0', 'N1', 'H', 'H', 'SC', 'T'),
        parentCode: fc.constantFrom(null, 'T', 'E0', 'E1', 'E2', 'N0', 'N1', 'H', 'H', 'S', 'NOWHERE'),
        name: fc.constantFrom('x', 'y'),
        kind: fc.constantFrom(...KINDS),
      }),
      { maxLength: 12 },
    ),
  });

  it('any file leaves a consistent tree: every valid-looking row applied where it says or rejected, nothing else touched', async () => {
    await fc.assert(
      fc.asyncProperty(anyScenario, async ({ stored, entries }) => {
        const db = platform();
        stored.slice(0, 3).forEach((t, i) => {
          const parent = i === 0 ? 't' : t.parent % (i + 1) === 0 ? 't' : `id-E${t.parent % i}`;
          db.add({ id: `id-E${i}`, parentId: parent, code: `E${i}`, kind: 'other', name: 'x', population: null, archived: t.archived });
        });
        const rows: TenantRow[] = [];
        const rejected: BulkRejection<TenantImportId>[] = [];
        entries.forEach((e, i) => {
          if (e.valid) rows.push({ row: i + 1, code: e.code, parentCode: e.parentCode, kind: e.kind, name: e.name, population: null });
          else rejected.push({ row: i + 1, field: 'kind', code: 'invalid-kind', message: 'x', tenantCode: e.code });
        });
        const outside = snapshot([...db.byId.values()].filter((t) => !t.ancestors.includes('t')));
        const storedBefore = new Map(snapshot(db.subtree('t') as StoredTenant[]).map((t) => [t.code, t]));

        // The plan never sends a statement the database refuses (a missing parent, a cycle).
        const outcome = await db.import('t', rows, rejected);
        db.checkPaths();
        const accepted = rows.filter((r) => !outcome.rejected.some((x) => x.row === r.row));
        expect(outcome.created.length + outcome.updated.length + outcome.unchanged).toBe(accepted.length);
        expect(new Set(outcome.rejected.map((r) => r.row)).size).toBe(outcome.rejected.length);
        expect(outcome.rejected.every((r) => rows.some((x) => x.row === r.row))).toBe(true);
        const tree = db.tree('t');
        for (const r of accepted) {
          expect(tree.get(r.code)).toBe(r.parentCode ?? 'T');
          expect(db.byCode(r.code)).toMatchObject({ name: r.name, kind: r.kind });
        }
        for (const r of outcome.rejected) {
          const before = r.tenantCode === null ? undefined : storedBefore.get(r.tenantCode);
          if (before && !accepted.some((a) => a.code === r.tenantCode)) {
            expect(db.byCode(before.code)).toMatchObject({
              name: before.name,
              kind: before.kind,
              parentId: before.parentId,
              version: before.version,
            });
          }
        }
        expect(snapshot([...db.byId.values()].filter((t) => !t.ancestors.includes('t')))).toEqual(outside);

        // What was accepted is now the stored state: importing it again changes nothing.
        db.statements.length = 0;
        expect(await db.import('t', accepted)).toEqual({ created: [], updated: [], unchanged: accepted.length, rejected: [] });
        expect(db.statements).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
