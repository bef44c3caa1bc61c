import request from 'supertest';
import { bearer, Fixtures, login, PROBLEM_CONTENT_TYPE as PROBLEM, RUN, type TenantFixture } from './helpers/fixtures';
import { createTestApp, type TestApp } from './helpers/test-app';

const HEADER = 'code,parentCode,kind,name,population';

/** `<prefix>-<run>`: codes no other run of the suite uses. */
const c = (prefix: string) => `${prefix}-${RUN}`;

/** Tenant ids by code. */
const idsOf = (tenants: Map<string, TenantFixture>) => new Map([...tenants].map(([code, tenant]) => [code, tenant.id]));

interface StoredTenant {
  id: string;
  parent_id: string | null;
  code: string;
  kind: string;
  name: string;
  population: number | null;
  ancestors: string[];
  depth: number;
  version: number;
}

describe('POST /v1/tenants/:tenantId/import', () => {
  let t: TestApp;
  let fx: Fixtures;
  let ids: Map<string, string>;
  let platformToken: string;
  let adminToken: string;
  let viewerToken: string;
  let otherAdminToken: string;

  const ROOT = c('IMP-ROOT');
  const TARGET = c('IMP-T');
  const SIBLING = c('IMP-SIB');
  const SIBLING_CHILD = c('IMP-SIBC');
  const ELSEWHERE = c('IMP-X');
  const ELSEWHERE_CHILD = c('IMP-XC');

  async function tenants(codes: string[]): Promise<Map<string, StoredTenant>> {
    const rows = await fx.query<StoredTenant>(
      'SELECT id, parent_id, code, kind, name, population, ancestors, depth, version FROM tenants WHERE code = ANY ($1)',
      [codes],
    );
    return new Map(rows.map((r) => [r.code, r]));
  }

  function importCsv(tenantId: string, csv: string, token = platformToken) {
    return request(t.server)
      .post(`/v1/tenants/${tenantId}/import`)
      .set('Authorization', bearer(token))
      .set('Content-Type', 'text/csv; charset=utf-8')
      .send(csv);
  }

  function importJson(tenantId: string, body: unknown, token = platformToken) {
    return request(t.server)
      .post(`/v1/tenants/${tenantId}/import`)
      .set('Authorization', bearer(token))
      .send(body as object);
  }

  beforeAll(async () => {
    t = await createTestApp();
    fx = await Fixtures.open();
    ids = idsOf(
      await fx.tenantTree({
        code: ROOT,
        kind: 'country',
        children: [
          { code: TARGET, kind: 'region' },
          { code: SIBLING, kind: 'region', children: [{ code: SIBLING_CHILD, kind: 'province' }] },
        ],
      }),
    );
    for (const [code, id] of idsOf(await fx.tenantTree({ code: ELSEWHERE, children: [{ code: ELSEWHERE_CHILD, kind: 'other' }] })))
      ids.set(code, id);
    const platform = await fx.user({ platformAdmin: true });
    const admin = await fx.user({ memberships: [{ tenantId: ids.get(TARGET)!, role: 'admin' }] });
    const viewer = await fx.user({ memberships: [{ tenantId: ids.get(TARGET)!, role: 'viewer' }] });
    const other = await fx.user({ memberships: [{ tenantId: ids.get(ELSEWHERE)!, role: 'admin' }] });
    platformToken = (await login(t, platform)).accessToken;
    adminToken = (await login(t, admin)).accessToken;
    viewerToken = (await login(t, viewer)).accessToken;
    otherAdminToken = (await login(t, other)).accessToken;
  });
  afterAll(async () => {
    await fx?.close();
    await t?.close();
  });

  describe('a hierarchy in CSV, rows in any order', () => {
    const R1 = c('R1');
    const R2 = c('R2');
    const P1 = c('P1');
    const M1 = c('M1');
    const M2 = c('M2');
    // Children before parents, quoted fields, CRLF, a BOM and a blank line.
    const csv =
      `\uFEFF${HEADER}\r\n` +
      `${M2},${P1},municipality,"Villa ""Nueva"", la",1200\r\n` +
      `${M1},${P1},Municipality,Pueblo Uno,\r\n` +
      `\r\n` +
      `${P1},${R1},province,Provincia Uno,50000\r\n` +
      `${R1},,region,Región Uno,900000\r\n` +
      `${R2},${TARGET},region,Región Dos,\r\n`;

    it('creates every tenant under the right parent, with derived ancestors', async () => {
      const res = await importCsv(ids.get(TARGET)!, csv);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ created: 5, updated: 0, unchanged: 0, rejected: [] });

      const stored = await tenants([R1, R2, P1, M1, M2]);
      const root = ids.get(ROOT)!;
      const target = ids.get(TARGET)!;
      expect(stored.get(R1)).toMatchObject({ parent_id: target, ancestors: [root, target], depth: 2, kind: 'region', population: 900000 });
      expect(stored.get(R2)).toMatchObject({ parent_id: target, population: null });
      expect(stored.get(P1)).toMatchObject({ parent_id: stored.get(R1)!.id, ancestors: [root, target, stored.get(R1)!.id] });
      expect(stored.get(M2)).toMatchObject({
        name: 'Villa "Nueva", la',
        kind: 'municipality',
        ancestors: [root, target, stored.get(R1)!.id, stored.get(P1)!.id],
        depth: 4,
      });
      expect(stored.get(M1)).toMatchObject({ kind: 'municipality', population: null });
    });

    it('re-importing the same file changes nothing', async () => {
      const before = await tenants([R1, R2, P1, M1, M2]);
      const res = await importCsv(ids.get(TARGET)!, csv);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ created: 0, updated: 0, unchanged: 5, rejected: [] });
      expect(await tenants([R1, R2, P1, M1, M2])).toEqual(before);
    });

    it('JSON: changed names and populations update, the rest stays unchanged', async () => {
      const res = await importJson(ids.get(TARGET)!, {
        rows: [
          { code: R1, kind: 'region', name: 'Región Uno (renamed)', population: 900001 },
          { code: R2, parentCode: TARGET, kind: 'region', name: 'Región Dos' },
          { code: P1, parentCode: R1, kind: 'province', name: 'Provincia Uno', population: 50000 },
        ],
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ created: 0, updated: 1, unchanged: 2, rejected: [] });
      const stored = await tenants([R1, R2]);
      expect(stored.get(R1)).toMatchObject({ name: 'Región Uno (renamed)', population: 900001, version: 2 });
      expect(stored.get(R2)).toMatchObject({ version: 1 });
    });

    it('a parent change moves the tenant and rebases its descendants, including ones created by the same import', async () => {
      const M3 = c('M3');
      // As a tenant admin (not a platform administrator): row-level security applies to every statement.
      const res = await importCsv(
        ids.get(TARGET)!,
        [HEADER, `${M3},${P1},municipality,Pueblo Tres,10`, `${P1},${R2},province,Provincia Uno,50000`].join('\n'),
        adminToken,
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ created: 1, updated: 1, unchanged: 0, rejected: [] });

      const stored = await tenants([R1, R2, P1, M1, M2, M3]);
      const path = [ids.get(ROOT)!, ids.get(TARGET)!, stored.get(R2)!.id, stored.get(P1)!.id];
      expect(stored.get(P1)).toMatchObject({ parent_id: stored.get(R2)!.id, ancestors: path.slice(0, 3), depth: 3, version: 2 });
      for (const code of [M1, M2, M3]) expect(stored.get(code)).toMatchObject({ parent_id: stored.get(P1)!.id, ancestors: path, depth: 4 });
      // The descendants themselves did not change: same version.
      expect(stored.get(M1)!.version).toBe(1);
    });

    it('swapping parent and child in one file is applied without a false cycle', async () => {
      const A = c('SWAP-A');
      const B = c('SWAP-B');
      const first = await importCsv(ids.get(TARGET)!, [HEADER, `${A},,region,A,`, `${B},${A},province,B,`].join('\n'));
      expect(first.body).toMatchObject({ created: 2 });
      const res = await importCsv(ids.get(TARGET)!, [HEADER, `${A},${B},province,A,`, `${B},,region,B,`].join('\n'));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ created: 0, updated: 2, unchanged: 0, rejected: [] });
      const stored = await tenants([A, B]);
      expect(stored.get(B)).toMatchObject({ parent_id: ids.get(TARGET), depth: 2 });
      expect(stored.get(A)).toMatchObject({ parent_id: stored.get(B)!.id, ancestors: [ids.get(ROOT), ids.get(TARGET), stored.get(B)!.id] });
    });
  });

  it('moves an existing tenant under a tenant created by the same file, refuses a move into its own subtree', async () => {
    const E = c('MV-E');
    const EC = c('MV-EC');
    const NEWP = c('MV-NEWP');
    const first = await importCsv(ids.get(TARGET)!, [HEADER, `${E},,region,E,`, `${EC},${E},province,E child,`].join('\n'));
    expect(first.body).toMatchObject({ created: 2 });

    const res = await importCsv(
      ids.get(TARGET)!,
      [HEADER, `${E},${NEWP},province,E,`, `${NEWP},,region,New parent,`].join('\n'),
      adminToken,
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ created: 1, updated: 1, unchanged: 0, rejected: [] });
    const stored = await tenants([E, EC, NEWP]);
    const path = [ids.get(ROOT)!, ids.get(TARGET)!, stored.get(NEWP)!.id, stored.get(E)!.id];
    expect(stored.get(E)).toMatchObject({ parent_id: stored.get(NEWP)!.id, ancestors: path.slice(0, 3), depth: 3 });
    expect(stored.get(EC)).toMatchObject({ ancestors: path, depth: 4 });

    // E's child is not in the file: moving E below it would be a cycle through the stored tree.
    const cycle = await importCsv(ids.get(TARGET)!, [HEADER, `${E},${EC},municipality,E,`].join('\n'));
    expect(cycle.body).toEqual({
      created: 0,
      updated: 0,
      unchanged: 0,
      rejected: [
        { row: 1, field: 'parentCode', code: 'cycle', tenantCode: E, message: expect.stringContaining(`«${E}» → «${EC}» → «${E}»`) },
      ],
    });
    expect((await tenants([E])).get(E)).toMatchObject({ parent_id: stored.get(NEWP)!.id, kind: 'province' });
  });

  it('archived tenants: unchanged rows pass, changes and new children are refused', async () => {
    const ARCH = c('ARCH');
    const archived = await fx.tenant({ parentId: ids.get(TARGET)!, code: ARCH, kind: 'province', name: 'Archived' });
    await fx.query('UPDATE tenants SET archived_at = now() WHERE id = $1', [archived.id]);
    const res = await importCsv(
      ids.get(TARGET)!,
      [HEADER, `${ARCH},,province,Archived,`, `${c('UNDER-ARCH')},${ARCH},municipality,Under,`].join('\n'),
    );
    expect(res.body).toEqual({
      created: 0,
      updated: 0,
      unchanged: 1,
      rejected: [
        {
          row: 2,
          field: 'parentCode',
          code: 'parent-archived',
          tenantCode: c('UNDER-ARCH'),
          message: `La organización superior «${ARCH}» está archivada.`,
        },
      ],
    });
    const renamed = await importCsv(ids.get(TARGET)!, [HEADER, `${ARCH},,province,Renamed,`].join('\n'));
    expect(renamed.body.rejected).toEqual([
      {
        row: 1,
        field: null,
        code: 'tenant-archived',
        tenantCode: ARCH,
        message: `La organización «${ARCH}» está archivada: restáurela antes de cambiarla.`,
      },
    ]);
  });

  it('rejects bad rows with their number and reason, and applies the good ones', async () => {
    const GOOD = c('GOOD');
    const GOOD_CHILD = c('GOODC');
    const BADKIND = c('BADKIND');
    const ORPHAN = c('ORPHAN');
    const CY1 = c('CY1');
    const CY2 = c('CY2');
    const SELF = c('SELF');
    const rows = [
      `${GOOD},,region,Good region,10`, // 1
      `,,region,No code,`, // 2
      `bad code!,,region,Bad code,`, // 3
      `${BADKIND},,planet,Bad kind,`, // 4
      `${c('NONAME')},,region,  ,`, // 5
      `${c('BADPOP')},,region,Bad population,-5`, // 6
      `${GOOD},,region,Duplicate,`, // 7
      `${ORPHAN},${c('NOWHERE')},municipality,Orphan,`, // 8
      `${c('UNDERBAD')},${BADKIND},municipality,Under a rejected row,`, // 9
      `${CY1},${CY2},province,Cycle one,`, // 10
      `${CY2},${CY1},province,Cycle two,`, // 11
      `${c('OUTPARENT')},${SIBLING},province,Parent outside the subtree,`, // 12
      `${SIBLING_CHILD},,province,Code outside the subtree,`, // 13
      `${TARGET},,region,The target itself,`, // 14
      `${c('SHORT')},,region`, // 15
      `${GOOD_CHILD},${GOOD},municipality,Good child,5`, // 16
      `${SELF},${SELF},municipality,Its own parent,`, // 17
      `${c('BADPOP2')},,region,Not a number,1.5`, // 18
    ];
    const res = await importCsv(ids.get(TARGET)!, [HEADER, ...rows].join('\n'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    type Rejection = { row: number; field: string | null; code: string; message: string; tenantCode: string | null };
    const byRow = Object.fromEntries((res.body.rejected as Rejection[]).map((r) => [r.row, r]));
    expect(Object.keys(byRow).map(Number)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 17, 18]);
    const reason = (row: number) => [byRow[row].field, byRow[row].code];
    expect(reason(2)).toEqual(['code', 'code-required']);
    expect(byRow[2].tenantCode).toBeNull();
    expect(reason(3)).toEqual(['code', 'invalid-code']);
    expect(byRow[3].tenantCode).toBe('bad code!');
    expect(reason(4)).toEqual(['kind', 'invalid-kind']);
    expect(byRow[4].message).toMatch(/«planet».*country, region/);
    expect(reason(5)).toEqual(['name', 'name-required']);
    expect(reason(6)).toEqual(['population', 'invalid-population']);
    expect(reason(7)).toEqual(['code', 'duplicate-code']);
    expect(byRow[7].message).toBe(`El código «${GOOD}» está repetido: ya se usa en la fila 1.`);
    expect(reason(8)).toEqual(['parentCode', 'parent-not-found']);
    expect(byRow[8].message).toContain(`«${c('NOWHERE')}»`);
    expect(reason(9)).toEqual(['parentCode', 'parent-rejected']);
    expect(byRow[9].message).toBe(`Se ha rechazado la fila 4 de su organización superior («${BADKIND}»).`);
    expect(reason(10)).toEqual(['parentCode', 'cycle']);
    expect(reason(11)).toEqual(['parentCode', 'cycle']);
    // A parent elsewhere on the platform reads exactly like one that does not exist.
    expect(reason(12)).toEqual(['parentCode', 'parent-not-found']);
    expect(byRow[12].message).toBe(byRow[8].message.replace(c('NOWHERE'), SIBLING));
    expect(reason(14)).toEqual(['code', 'target-code']);
    expect(byRow[14].message).toContain(`«${TARGET}»`);
    expect(reason(15)).toEqual([null, 'field-count']);
    expect(byRow[15].message).toBe('La fila tiene 3 campos y la cabecera 5.');
    expect(reason(17)).toEqual(['parentCode', 'cycle']);
    expect(byRow[17].message).toContain(`«${SELF}» → «${SELF}».`);
    expect(reason(18)).toEqual(['population', 'invalid-population']);
    expect(byRow[13]).toEqual({
      row: 13,
      field: 'code',
      code: 'code-taken',
      message: 'Otra organización ya usa este código.',
      tenantCode: SIBLING_CHILD,
    });

    const stored = await tenants([GOOD, GOOD_CHILD, BADKIND, ORPHAN, CY1, CY2, SELF, c('UNDERBAD'), c('OUTPARENT'), c('NONAME')]);
    expect([...stored.keys()].sort()).toEqual([GOOD, GOOD_CHILD].sort());
    expect(stored.get(GOOD)).toMatchObject({ name: 'Good region', population: 10, parent_id: ids.get(TARGET) });
    expect(stored.get(GOOD_CHILD)).toMatchObject({ parent_id: stored.get(GOOD)!.id });
    // The tenant outside the subtree is untouched.
    expect((await tenants([SIBLING_CHILD])).get(SIBLING_CHILD)).toMatchObject({ parent_id: ids.get(SIBLING), kind: 'province' });
  });

  it('rejection messages follow Accept-Language; codes, fields and identifiers do not', async () => {
    const file = [HEADER, `${c('LANG-A')},,planet,Planeta,`, `${c('LANG-B')},${c('LANG-NONE')},region,Huérfana,`].join('\n');
    const send = (language: string) =>
      request(t.server)
        .post(`/v1/tenants/${ids.get(TARGET)}/import`)
        .set('Authorization', bearer(platformToken))
        .set('Content-Type', 'text/csv')
        .set('Accept-Language', language)
        .send(file);
    const [es, en] = [await send('es-ES'), await send('en-GB,en;q=0.9')];
    expect(es.headers['content-language']).toBe('es');
    expect(en.headers['content-language']).toBe('en');
    expect(en.body.rejected).toEqual([
      {
        row: 1,
        field: 'kind',
        code: 'invalid-kind',
        tenantCode: c('LANG-A'),
        message: expect.stringMatching(/^The kind "planet" must be one of/),
      },
      {
        row: 2,
        field: 'parentCode',
        code: 'parent-not-found',
        tenantCode: c('LANG-B'),
        message: `Parent "${c('LANG-NONE')}" not found in this file or in this tenant's subtree.`,
      },
    ]);
    const strip = (rows: { row: number; field: string; code: string; tenantCode: string }[]) =>
      rows.map((r) => [r.row, r.field, r.code, r.tenantCode]);
    expect(strip(es.body.rejected)).toEqual(strip(en.body.rejected));
    expect(es.body.rejected[0].message).toMatch(/^El tipo «planet» no existe/);

    const header = await request(t.server)
      .post(`/v1/tenants/${ids.get(TARGET)}/import`)
      .set('Authorization', bearer(platformToken))
      .set('Content-Type', 'text/csv')
      .set('Accept-Language', 'en')
      .send('code,name\n');
    expect(header.status).toBe(400);
    expect(header.body.detail).toBe('The CSV header must name the columns code,parentCode,kind,name,population (in any order).');
    expect(header.body.errors).toContainEqual({ path: 'header', code: 'missingColumn', message: 'Column "kind" is missing.' });
  });

  it('a code held by a tenant the caller cannot see is rejected like any other taken code, with the rows below it', async () => {
    const res = await importJson(
      ids.get(TARGET)!,
      {
        rows: [
          { code: ELSEWHERE_CHILD, kind: 'province', name: 'Taken elsewhere' },
          { code: c('BELOW-TAKEN'), parentCode: ELSEWHERE_CHILD, kind: 'municipality', name: 'Below it' },
          { code: c('FINE'), kind: 'province', name: 'Fine' },
        ],
      },
      adminToken,
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      created: 1,
      updated: 0,
      unchanged: 0,
      rejected: [
        { row: 1, field: 'code', code: 'code-taken', tenantCode: ELSEWHERE_CHILD, message: 'Otra organización ya usa este código.' },
        {
          row: 2,
          field: 'parentCode',
          code: 'parent-rejected',
          tenantCode: c('BELOW-TAKEN'),
          message: `Se ha rechazado la fila 1 de su organización superior («${ELSEWHERE_CHILD}»).`,
        },
      ],
    });
    expect((await tenants([ELSEWHERE_CHILD])).get(ELSEWHERE_CHILD)).toMatchObject({ parent_id: ids.get(ELSEWHERE) });
  });

  it('JSON rows with wrong types or unknown fields are rejected one by one; a body without rows is a 400', async () => {
    const res = await importJson(ids.get(TARGET)!, {
      rows: [
        { code: 28079, kind: 'municipality', name: 'Number code' },
        'not an object',
        { code: c('EXTRA'), kind: 'region', name: 'x', color: 'red' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.rejected).toEqual([
      { row: 1, field: 'code', code: 'invalid-type', tenantCode: null, message: 'El campo code debe ser un texto.' },
      { row: 2, field: null, code: 'not-an-object', tenantCode: null, message: 'La fila debe ser un objeto.' },
      { row: 3, field: 'color', code: 'unknown-field', tenantCode: c('EXTRA'), message: 'Campo desconocido «color».' },
    ]);
    const bad = await importJson(ids.get(TARGET)!, { data: [] });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(PROBLEM);
    expect(bad.body.type).toBe('urn:rumbo:problem:invalid-bulk-body');
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'data', code: 'unknownProperty' }),
        expect.objectContaining({ path: 'rows' }),
      ]),
    );
  });

  it('CSV in windows-1252 is read when the charset says so; undecodable UTF-8 is a 400', async () => {
    const code = c('LATIN1');
    const latin1 = Buffer.from(`${HEADER}\r\n${code},,region,Región de España,\r\n`, 'latin1');
    const res = await request(t.server)
      .post(`/v1/tenants/${ids.get(TARGET)}/import`)
      .set('Authorization', bearer(platformToken))
      .set('Content-Type', 'text/csv; charset=windows-1252')
      .send(latin1);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 1, rejected: [] });
    expect((await tenants([code])).get(code)).toMatchObject({ name: 'Región de España' });

    const undeclared = await request(t.server)
      .post(`/v1/tenants/${ids.get(TARGET)}/import`)
      .set('Authorization', bearer(platformToken))
      .set('Content-Type', 'text/csv')
      .send(latin1);
    expect(undeclared.status).toBe(400);
    expect(undeclared.headers['content-type']).toMatch(PROBLEM);
    expect(undeclared.body.type).toBe('urn:rumbo:problem:undecodable-text');
    expect(undeclared.body.detail).toMatch(/windows-1252/);
  });

  it('an empty file, a header alone or an empty rows array import nothing', async () => {
    const zero = { created: 0, updated: 0, unchanged: 0, rejected: [] };
    expect((await importCsv(ids.get(TARGET)!, '')).body).toEqual(zero);
    expect((await importCsv(ids.get(TARGET)!, `${HEADER}\r\n`)).body).toEqual(zero);
    expect((await importJson(ids.get(TARGET)!, { rows: [] })).body).toEqual(zero);
  });

  it('a missing, unknown or repeated column is a 400 problem for the whole file; so is a broken quote', async () => {
    for (const header of [
      'code,parent,kind,name,population',
      'code,kind,name,population',
      'code,parentCode,kind,name,population,name',
      'hello',
    ]) {
      const res = await importCsv(ids.get(TARGET)!, `${header}\nX1,,region,X,\n`);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.type).toBe('urn:rumbo:problem:invalid-csv-header');
      expect(res.body.detail).toMatch(/^La cabecera del CSV debe nombrar las columnas code,parentCode,kind,name,population/);
      expect(res.body.errors.length).toBeGreaterThan(0);
    }
    // Column order and letter case are free.
    const reordered = await importCsv(ids.get(TARGET)!, `NAME,Kind,population,parentcode,CODE\nReordered,region,,,${c('REORD')}\n`);
    expect(reordered.body).toMatchObject({ created: 1, rejected: [] });

    const broken = await importCsv(ids.get(TARGET)!, `${HEADER}\n${c('Q')},,region,"never closed,\n`);
    expect(broken.status).toBe(400);
    expect(broken.body.type).toBe('urn:rumbo:problem:malformed-csv');
    expect(broken.body.errors[0]).toMatchObject({ code: 'malformedCsv', path: 'line 2' });
  });

  it('imports 10,000 rows (over 1 MiB of CSV) in one request', async () => {
    const { id: root } = await fx.tenant({ code: c('BIG'), kind: 'country' });
    const lines = [HEADER];
    const pad = 'x'.repeat(80);
    for (let r = 0; r < 25; r++) {
      lines.push(`${c(`BR${r}`)},,region,Region ${r} ${pad},`);
      for (let p = 0; p < 7; p++) {
        const province = c(`BP${r}-${p}`);
        lines.push(`${province},${c(`BR${r}`)},province,Province ${r}/${p} ${pad},`);
        for (let m = 0; m < 56; m++)
          lines.push(`${c(`BM${r}-${p}-${m}`)},${province},municipality,Municipality ${r}/${p}/${m} ${pad},${m * 100}`);
      }
    }
    // Municipalities first: the import orders the work itself.
    const csv = [lines[0], ...lines.slice(1).reverse()].join('\r\n');
    expect(lines.length - 1).toBe(10_000); // 25 regions, 175 provinces, 9,800 municipalities
    expect(Buffer.byteLength(csv)).toBeGreaterThan(1024 * 1024);

    const res = await importCsv(root, csv);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ created: 10_000, updated: 0, unchanged: 0, rejected: [] });
    const [{ count, deepest }] = await fx.query<{ count: number; deepest: number }>(
      'SELECT count(*)::int AS count, max(depth) AS deepest FROM tenants WHERE ancestors @> ARRAY[$1::uuid]',
      [root],
    );
    expect({ count, deepest }).toEqual({ count: 10_000, deepest: 3 });

    const again = await importCsv(root, csv);
    expect(again.body).toEqual({ created: 0, updated: 0, unchanged: 10_000, rejected: [] });

    // Over 1,000 codes the audit event keeps the counts only.
    const audit = await fx.query('SELECT after FROM audit_events WHERE request_id = $1', [res.headers['x-request-id']]);
    expect(audit).toEqual([
      { after: { format: 'csv', rows: 10_000, created: 10_000, updated: 0, unchanged: 0, rejected: 0, updatedCodes: [] } },
    ]);
  });

  it('an ordinary route keeps BODY_LIMIT: 1 MiB of JSON there is a 413', async () => {
    const res = await request(t.server)
      .post('/v1/auth/login')
      .send({ email: 'x@y.z', password: 'p'.repeat(1024 * 1024 + 10) });
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(PROBLEM);
  });

  it('text/csv is not accepted by ordinary routes (415)', async () => {
    const res = await request(t.server)
      .post(`/v1/tenants/${ids.get(TARGET)}/children`)
      .set('Authorization', bearer(platformToken))
      .set('Content-Type', 'text/csv')
      .send('code,kind,name\nA,region,A\n');
    expect(res.status).toBe(415);
    expect(res.headers['content-type']).toMatch(PROBLEM);
  });

  it('records one audit event per import in the target tenant’s chain', async () => {
    const code = c('AUDITED');
    const res = await importCsv(ids.get(TARGET)!, `${HEADER}\n${code},,region,Audited,\n,,region,No code,\n`);
    expect(res.status).toBe(200);
    const events = await fx.query(
      'SELECT tenant_id, action, entity_type, entity_id, actor_type, after FROM audit_events WHERE request_id = $1',
      [res.headers['x-request-id']],
    );
    expect(events).toEqual([
      {
        tenant_id: ids.get(TARGET),
        action: 'tenant.imported',
        entity_type: 'tenant',
        entity_id: ids.get(TARGET),
        actor_type: 'user',
        after: { format: 'csv', rows: 2, created: 1, updated: 0, unchanged: 0, rejected: 1, createdCodes: [code], updatedCodes: [] },
      },
    ]);
  });

  describe('access', () => {
    const body = `${HEADER}\n${c('ACCESS')},,region,Access,\n`;

    it('a viewer of the tenant gets 403', async () => {
      const res = await importCsv(ids.get(TARGET)!, body, viewerToken);
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    });

    it('another tenant’s admin gets 404', async () => {
      const res = await importCsv(ids.get(TARGET)!, body, otherAdminToken);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    });

    it('an API key with the admin scope may import; a read key may not', async () => {
      const adminKey = (await fx.apiKey(ids.get(TARGET)!, ['admin'])).key;
      const readKey = (await fx.apiKey(ids.get(TARGET)!, ['read'])).key;
      expect((await importCsv(ids.get(TARGET)!, body, readKey)).status).toBe(403);
      const res = await importCsv(ids.get(TARGET)!, body, adminKey);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ created: 1, rejected: [] });
    });
  });
});

describe('bulk body limits', () => {
  let t: TestApp;
  let fx: Fixtures;
  let token: string;
  let target: string;

  beforeAll(async () => {
    t = await createTestApp({ BODY_LIMIT: '2048', BULK_BODY_LIMIT: '16384' });
    fx = await Fixtures.open();
    target = (await fx.tenant({ code: `IMP-LIMITS-${RUN}` })).id;
    token = (await login(t, await fx.user({ platformAdmin: true }))).accessToken;
  });
  afterAll(async () => {
    await fx?.close();
    await t?.close();
  });

  const csvOf = (rows: number) =>
    [HEADER, ...Array.from({ length: rows }, (_, i) => `LIM-${RUN}-${i},,region,Region number ${i} of the limits test,`)].join('\n');

  it('a bulk route accepts more than BODY_LIMIT, as CSV and as JSON, up to BULK_BODY_LIMIT', async () => {
    const csv = csvOf(60);
    expect(Buffer.byteLength(csv)).toBeGreaterThan(2048);
    expect(Buffer.byteLength(csv)).toBeLessThan(16384);
    const res = await request(t.server)
      .post(`/v1/tenants/${target}/import`)
      .set('Authorization', bearer(token))
      .set('Content-Type', 'text/csv')
      .send(csv);
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(60);

    const rows = Array.from({ length: 40 }, (_, i) => ({
      code: `LIMJ-${RUN}-${i}`,
      kind: 'region',
      name: `Region ${i} of the JSON limits test`,
    }));
    expect(JSON.stringify({ rows }).length).toBeGreaterThan(2048);
    const json = await request(t.server).post(`/v1/tenants/${target}/import`).set('Authorization', bearer(token)).send({ rows });
    expect(json.status).toBe(200);
    expect(json.body.created).toBe(40);
  });

  it('beyond BULK_BODY_LIMIT the bulk route answers 413; beyond BODY_LIMIT an ordinary route does', async () => {
    const res = await request(t.server)
      .post(`/v1/tenants/${target}/import`)
      .set('Authorization', bearer(token))
      .set('Content-Type', 'text/csv')
      .send(csvOf(400));
    expect(res.status).toBe(413);
    expect(res.body.type).toBe('urn:rumbo:problem:payload-too-large');

    const ordinary = await request(t.server)
      .post(`/v1/tenants/${target}/children`)
      .set('Authorization', bearer(token))
      .send({ code: 'X', kind: 'region', name: 'x'.repeat(4096) });
    expect(ordinary.status).toBe(413);
  });
});
