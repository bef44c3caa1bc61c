import { frictionsAs, THREE_LINES } from './helpers/frictions';
import { expectProblem } from './helpers/fixtures';
import { createAssessment, openMaturityWorld, smallModelAnswers, type MaturityWorld } from './helpers/maturity';

const HEADER =
  'ref,title,description,area,service,channel,status,ownerEmail,tags,evidence,rootCauses,' +
  'citizensPopulation,citizensFrequencyPerYear,citizensMinutesPerOccurrence,citizensTariffPerHour,citizensOutOfPocketPerOccurrence,' +
  'businessesPopulation,businessesFrequencyPerYear,businessesMinutesPerOccurrence,businessesTariffPerHour,businessesOutOfPocketPerOccurrence,' +
  'staffPopulation,staffFrequencyPerYear,staffMinutesPerOccurrence,staffTariffPerHour,staffOutOfPocketPerOccurrence';
/** A CSV line in the header's order from the cells given (the others empty). */
const line = (cells: Record<string, string>) =>
  HEADER.split(',')
    .map((c) => cells[c] ?? '')
    .join(',');

describe('frictions: import and export', () => {
  let w: MaturityWorld;
  let base: string;
  let as: ReturnType<typeof frictionsAs>;
  const csv = (rows: string[]) => `${HEADER}\r\n${rows.join('\r\n')}\r\n`;
  const importCsv = (body: string, language = 'en') =>
    as.post(`${base}/import`, body, { 'Content-Type': 'text/csv', 'Accept-Language': language });

  beforeAll(async () => {
    w = await openMaturityWorld();
    base = `/v1/tenants/${w.r.id}/frictions`;
    as = frictionsAs(w.t, w.tokens.analyst);
    await createAssessment(w.t, w.tokens.analyst, w.r.id, w.small.id, { answers: smallModelAnswers(), submit: true });
  });
  afterAll(async () => {
    await w?.close();
  });

  it('a CSV with bad rows stores the good ones and reports each bad one by row number', async () => {
    const res = await importCsv(
      csv([
        line({
          ref: 'IMP-1',
          title: 'Cita previa',
          description: '"Con coma, y ""comillas"""',
          area: 'citizen-response',
          channel: 'phone',
          tags: 'cita;teléfono',
          evidence: 'https://a.example/1',
          rootCauses: `${w.smallKey}:tech/tech.data`,
          citizensPopulation: '1000',
          citizensFrequencyPerYear: '2',
          citizensMinutesPerOccurrence: '30',
          citizensOutOfPocketPerOccurrence: '1.5',
        }),
        line({
          ref: 'IMP-2',
          title: 'Mal número',
          area: 'health',
          citizensPopulation: 'abc',
          citizensFrequencyPerYear: '1',
          citizensMinutesPerOccurrence: '10',
        }),
        line({ title: 'Sin referencia', area: 'health' }),
        line({ ref: 'IMP-4', title: 'Área rara', area: 'nowhere' }),
        line({
          ref: 'IMP-5',
          title: 'Doble',
          area: 'mobility',
          status: 'analysed',
          businessesPopulation: '100',
          businessesFrequencyPerYear: '4',
          businessesMinutesPerOccurrence: '90',
          businessesTariffPerHour: '50',
          businessesOutOfPocketPerOccurrence: '0',
        }),
        line({ ref: 'IMP-1', title: 'Repetida', area: 'health' }),
      ]),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    expect(
      res.body.rejected.map((r: { row: number; field: string; code: string; ref: string | null }) => [r.row, r.field, r.code, r.ref]),
    ).toEqual([
      [2, 'citizensPopulation', 'invalid-number', 'IMP-2'],
      [3, 'ref', 'ref-required', null],
      [4, 'area', 'unknown-area', 'IMP-4'],
      [6, 'ref', 'duplicate-ref', 'IMP-1'],
    ]);
    expect(res.body.rejected[0].message).toBe('citizensPopulation must be a number (with a decimal point).');
    const list = (await as.get(base, { sort: 'title' })).body.data;
    const one = list.find((f: { ref: string }) => f.ref === 'IMP-1');
    // 1,000 × 2 = 2,000 occurrences × 0.5 h = 1,000 h; citizens untariffed: cost 2,000 × 1.5 = 3,000
    expect(one).toMatchObject({
      title: 'Cita previa',
      description: 'Con coma, y "comillas"',
      tags: ['cita', 'teléfono'],
      annualHours: 1000,
      annualCost: 3000,
    });
    expect(one.rootCauses).toEqual([expect.objectContaining({ modelId: w.small.modelId, dimensionKey: 'tech.data' })]);
    // 400 occurrences × 1.5 h × 50 = 30,000
    expect(list.find((f: { ref: string }) => f.ref === 'IMP-5')).toMatchObject({ status: 'analysed', annualCost: 30000, annualHours: 600 });
    const [event] = await w.fx.query<{ after: Record<string, unknown> }>(
      `SELECT after FROM audit_events WHERE tenant_id = $1 AND action = 'friction.imported' ORDER BY seq DESC LIMIT 1`,
      [w.r.id],
    );
    expect(event.after).toMatchObject({ format: 'csv', rows: 6, created: 2, rejected: 4, createdRefs: ['IMP-1', 'IMP-5'] });
  });

  it('re-importing the export (CSV and JSON) changes nothing', async () => {
    const owner = await w.fx.user({ memberships: [{ tenantId: w.r.id, role: 'viewer' }] });
    const rich = await as.post(base, {
      ref: 'REST-1',
      title: '=SUMA(peligro)',
      area: 'employment',
      ownerId: owner.id,
      evidence: [{ url: 'https://b.example/x', label: 'Informe' }],
      tags: ['a', 'b'],
      burdens: THREE_LINES,
      rootCauses: [{ modelId: w.small.modelId, areaKey: 'people', dimensionKey: 'people.skills' }],
    });
    expect(rich.status).toBe(201);
    const total = (await as.get(base, { limit: '200' })).body.data.length;
    const exported = await as.get(`${base}/export`, { format: 'csv' });
    expect(exported.status).toBe(200);
    expect(exported.headers['content-type']).toMatch(/^text\/csv/);
    expect(exported.text.split('\r\n')[0]).toBe(HEADER);
    expect(exported.text).toContain("'=SUMA(peligro)");
    const again = await importCsv(exported.text);
    expect(again.body).toEqual({ created: 0, updated: 0, unchanged: total, rejected: [] });
    const json = await as.get(`${base}/export`, { format: 'json' });
    expect(json.body.rows.find((r: { ref: string }) => r.ref === 'REST-1')).toMatchObject({
      ownerEmail: owner.email,
      evidence: [{ url: 'https://b.example/x', label: 'Informe' }],
      rootCauses: [`${w.smallKey}:people/people.skills`],
      staffTariffPerHour: null,
      businessesTariffPerHour: 42,
    });
    const viaJson = await as.post(`${base}/import`, json.body);
    expect(viaJson.body).toEqual({ created: 0, updated: 0, unchanged: total, rejected: [] });
    const after = (await as.get(`${base}/${rich.body.id}`)).body;
    expect(after).toMatchObject({
      version: rich.body.version,
      title: '=SUMA(peligro)',
      evidence: [{ url: 'https://b.example/x', label: 'Informe' }],
    });
  });

  it('a changed row updates that friction only; a status move the lifecycle refuses is rejected', async () => {
    const exported = (await as.get(`${base}/export`, { format: 'json' })).body.rows as Record<string, unknown>[];
    const rows = exported.map((r) =>
      r.ref === 'IMP-5' ? { ...r, businessesPopulation: 200 } : r.ref === 'IMP-1' ? { ...r, status: 'resolved' } : r,
    );
    const res = await as.post(`${base}/import`, { rows }, { 'Accept-Language': 'es' });
    expect(res.body).toMatchObject({ created: 0, updated: 1, unchanged: exported.length - 2 });
    expect(res.body.rejected).toEqual([expect.objectContaining({ ref: 'IMP-1', code: 'friction-transition-invalid', field: 'status' })]);
    expect(res.body.rejected[0].message).toMatch(/^Una fricción identificada no puede pasar a resuelta/);
    const five = (await as.get(base, { q: 'Doble' })).body.data[0];
    expect(five).toMatchObject({ annualCost: 60000, annualHours: 1200, version: 2 });
  });

  it('refuses a CSV without the header and a body without rows (400); viewers cannot import (403)', async () => {
    expectProblem(await importCsv('ref,title\r\nX,Y\r\n'), 400, 'invalid-csv-header');
    expectProblem(await as.post(`${base}/import`, { frictions: [] }), 400, 'invalid-bulk-body');
    expectProblem(await frictionsAs(w.t, w.tokens.viewer).post(`${base}/import`, { rows: [] }), 403);
  });
});
