import { localise } from '../../../platform/errors/catalogue';
import { MemoryTenants, numbered, row } from './tenant-import-plan.testing';

/** A country ROOT with the target T below it, and a sibling region S with a child SC (outside T's subtree). */
function platform(): MemoryTenants {
  const db = new MemoryTenants();
  db.add({ id: 'root', parentId: null, code: 'ROOT', kind: 'country', name: 'Root', population: null });
  db.add({ id: 't', parentId: 'root', code: 'T', kind: 'region', name: 'Target', population: null });
  db.add({ id: 's', parentId: 'root', code: 'S', kind: 'region', name: 'Sibling', population: null });
  db.add({ id: 'sc', parentId: 's', code: 'SC', kind: 'province', name: 'Sibling child', population: null });
  return db;
}

/** The rejections as [row, code, tenantCode], and the English messages by row. */
function reasons(outcome: Awaited<ReturnType<MemoryTenants['import']>>) {
  const sorted = [...outcome.rejected].sort((a, b) => a.row - b.row);
  return {
    codes: sorted.map((r) => [r.row, r.code, r.tenantCode]),
    en: Object.fromEntries(sorted.map((r) => [r.row, localise(r.message, 'en')])),
    fields: Object.fromEntries(sorted.map((r) => [r.row, r.field])),
  };
}

describe('TenantImportPlan', () => {
  it('creates a hierarchy given children first, one INSERT per generation, parents first', async () => {
    const db = platform();
    const outcome = await db.import(
      't',
      numbered([row('M1', 'P1'), row('P1', 'R1', 'P', 'province'), row('R1', null, 'R', 'region'), row('R2', 'T')]),
    );
    expect(outcome).toMatchObject({ unchanged: 0, updated: [], rejected: [] });
    expect(outcome.created.map((c) => c.tenantCode).sort()).toEqual(['M1', 'P1', 'R1', 'R2']);
    expect(db.statements).toEqual([
      { kind: 'insert', rows: 2 },
      { kind: 'insert', rows: 1 },
      { kind: 'insert', rows: 1 },
    ]);
    expect(db.byCode('M1')!.ancestors).toEqual(['root', 't', db.byCode('R1')!.id, db.byCode('P1')!.id]);
    db.checkPaths();
  });

  it('a code belongs to its first row: later rows with it are duplicates, also of a row rejected before the plan', async () => {
    const db = platform();
    const rows = [
      { ...row('A', null), row: 1 },
      { ...row('A', null, 'again'), row: 3 },
      { ...row('B', null), row: 5 },
      { ...row('UNDER-B', 'B'), row: 6 },
    ];
    // Row 4 claimed B but failed validation; row 2 had a malformed code, which claims nothing.
    const invalid = [
      { row: 2, field: 'code', code: 'invalid-code', message: 'x', tenantCode: 'bad code!' },
      { row: 4, field: 'kind', code: 'invalid-kind', message: 'x', tenantCode: 'B' },
    ];
    const outcome = await db.import('t', rows, invalid);
    const r = reasons(outcome);
    expect(r.codes).toEqual([
      [3, 'duplicate-code', 'A'],
      [5, 'duplicate-code', 'B'],
      [6, 'parent-rejected', 'UNDER-B'],
    ]);
    expect(r.en[3]).toBe('Duplicate code "A": already used at row 1.');
    expect(r.en[5]).toBe('Duplicate code "B": already used at row 4.');
    expect(r.en[6]).toBe('Parent row 4 ("B") was rejected.');
    expect(r.fields).toEqual({ 3: 'code', 5: 'code', 6: 'parentCode' });
    expect(outcome.created).toEqual([{ tenantCode: 'A' }]);
  });

  it('a row after the valid owner of its code does not take the code away from it', async () => {
    const db = platform();
    const outcome = await db.import('t', numbered([row('A', null), row('UNDER-A', 'A')]), [
      { row: 7, field: 'kind', code: 'invalid-kind', message: 'x', tenantCode: 'A' },
    ]);
    expect(outcome.rejected).toEqual([]);
    expect(db.tree('t')).toEqual(
      new Map([
        ['A', 'T'],
        ['UNDER-A', 'A'],
      ]),
    );
  });

  it("refuses the target's own code, a parent nowhere, a parent outside the subtree and a code held elsewhere", async () => {
    const db = platform();
    const outcome = await db.import('t', numbered([row('T', null), row('X', 'NOWHERE'), row('Y', 'S'), row('SC', null), row('Z', 'T')]));
    const r = reasons(outcome);
    expect(r.codes).toEqual([
      [1, 'target-code', 'T'],
      [2, 'parent-not-found', 'X'],
      [3, 'parent-not-found', 'Y'],
      [4, 'code-taken', 'SC'],
    ]);
    // A parent elsewhere on the platform reads exactly like one that does not exist.
    expect(r.en[3]).toBe(r.en[2].replace('NOWHERE', 'S'));
    expect(outcome.created).toEqual([{ tenantCode: 'Z' }]);
  });

  it('rejects every row of a cycle with the cycle, and the new rows below them', async () => {
    const db = platform();
    const outcome = await db.import(
      't',
      numbered([row('C1', 'C2'), row('C2', 'C3'), row('C3', 'C1'), row('BELOW', 'C2'), row('SELF', 'SELF')]),
    );
    const r = reasons(outcome);
    expect(r.codes).toEqual([
      [1, 'cycle', 'C1'],
      [2, 'cycle', 'C2'],
      [3, 'cycle', 'C3'],
      [4, 'parent-rejected', 'BELOW'],
      [5, 'cycle', 'SELF'],
    ]);
    expect(r.en[1]).toBe('Cycle: "C1" → "C2" → "C3" → "C1". A tenant cannot be below itself.');
    expect(r.en[5]).toBe('Cycle: "SELF" → "SELF". A tenant cannot be below itself.');
    expect(db.statements).toEqual([]);
  });

  it('cuts a long cycle short in its message', async () => {
    const db = platform();
    const codes = Array.from({ length: 12 }, (_, i) => `L${i}`);
    const outcome = await db.import('t', numbered(codes.map((c, i) => row(c, codes[(i + 1) % codes.length]))));
    expect(localise(outcome.rejected[0].message, 'es')).toBe(
      'Ciclo: «L0» → «L1» → «L2» → «L3» → «L4» → «L5» → «L6» → «L7» → … → «L0». Una organización no puede depender de sí misma.',
    );
  });

  it('moves a tenant with its subtree, rebasing descendants without a version bump, and swaps parent and child', async () => {
    const db = platform();
    await db.import('t', numbered([row('A', null), row('B', 'A'), row('B1', 'B'), row('C', null)]));
    db.statements.length = 0;
    // B moves under C and C under A; NEW is created below B1, which moves with B.
    const outcome = await db.import('t', numbered([row('B', 'C'), row('NEW', 'B1'), row('C', 'A')]));
    expect(outcome).toMatchObject({ rejected: [], unchanged: 0, created: [{ tenantCode: 'NEW' }] });
    expect(outcome.updated.map((u) => u.tenantCode).sort()).toEqual(['B', 'C']);
    expect(db.tree('t')).toEqual(
      new Map([
        ['A', 'T'],
        ['C', 'A'],
        ['B', 'C'],
        ['B1', 'B'],
        ['NEW', 'B1'],
      ]),
    );
    db.checkPaths();
    expect(db.byCode('B1')!.version).toBe(1);
    expect(db.byCode('B')!.version).toBe(2);
    // NEW was created below B1 before B moved: its path is rebased, so the transaction must be allowed to update it.
    expect(db.statements).toEqual([
      { kind: 'insert', rows: 1 },
      { kind: 'canUpdate', rows: 1 },
      { kind: 'update', rows: 4 },
      { kind: 'move', rows: 2 },
    ]);

    const swap = await db.import('t', numbered([row('A', 'C'), row('C', null)]));
    expect(swap).toMatchObject({ rejected: [], created: [], unchanged: 0 });
    expect(db.tree('t').get('A')).toBe('C');
    db.checkPaths();
  });

  it('refuses a move below its own stored subtree', async () => {
    const db = platform();
    await db.import('t', numbered([row('E', null), row('EC', 'E')]));
    const outcome = await db.import('t', numbered([row('E', 'EC')]));
    expect(reasons(outcome).codes).toEqual([[1, 'cycle', 'E']]);
    expect(localise(outcome.rejected[0].message, 'en')).toBe('Cycle: "E" → "EC" → "E". A tenant cannot be below itself.');
    expect(db.tree('t').get('E')).toBe('T');
  });

  it('an archived tenant may be listed unchanged, not changed, and takes no new children', async () => {
    const db = platform();
    db.add({ id: 'arch', parentId: 't', code: 'ARCH', kind: 'province', name: 'Archived', population: null, archived: true });
    const outcome = await db.import(
      't',
      numbered([row('ARCH', null, 'Archived', 'province'), row('UNDER', 'ARCH'), row('ARCH', null, 'Renamed', 'province')]),
    );
    expect(reasons(outcome).codes).toEqual([
      [2, 'parent-archived', 'UNDER'],
      [3, 'duplicate-code', 'ARCH'],
    ]);
    expect(outcome.unchanged).toBe(1);
    const renamed = await db.import('t', numbered([row('ARCH', null, 'Renamed', 'province')]));
    expect(reasons(renamed).codes).toEqual([[1, 'tenant-archived', 'ARCH']]);
    expect(reasons(renamed).fields).toEqual({ 1: null });
  });

  it('a code held by a tenant the caller cannot see is found by the INSERT: the row, the new rows below it and moves under it are refused', async () => {
    const db = platform();
    db.add({ id: 'hidden', parentId: 'root', code: 'HIDDEN', kind: 'region', name: 'Hidden', population: null, hidden: true });
    await db.import('t', numbered([row('E', null), row('G', 'E')]));
    // G would move under the new HIDDEN and E under G; once HIDDEN is refused, G stays under E,
    // so E under G would close a cycle: E's move is refused too, and nothing is half-applied.
    const outcome = await db.import(
      't',
      numbered([row('HIDDEN', null), row('G', 'HIDDEN'), row('BELOW', 'HIDDEN'), row('E', 'G'), row('OK', 'G')]),
    );
    expect(reasons(outcome).codes).toEqual([
      [1, 'code-taken', 'HIDDEN'],
      [2, 'parent-rejected', 'G'],
      [3, 'parent-rejected', 'BELOW'],
      [4, 'cycle', 'E'],
    ]);
    expect(outcome.created).toEqual([{ tenantCode: 'OK' }]);
    expect(db.tree('t')).toEqual(
      new Map([
        ['E', 'T'],
        ['G', 'E'],
        ['OK', 'G'],
      ]),
    );
    db.checkPaths();
  });

  it('counts an unchanged re-import without writing anything', async () => {
    const db = platform();
    const rows = numbered([row('A', null, 'A', 'region', 10), row('B', 'A', 'B', 'province', 0)]);
    await db.import('t', rows);
    db.statements.length = 0;
    expect(await db.import('t', rows)).toEqual({ created: [], updated: [], unchanged: 2, rejected: [] });
    expect(db.statements).toEqual([]);
  });
});
