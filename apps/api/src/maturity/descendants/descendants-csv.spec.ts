import { overviewCsv } from './descendants-csv';
import type { OverviewRow } from './descendants.repository';

const row = (overrides: Partial<OverviewRow>): OverviewRow => ({
  tenantId: '0194c1f0-7a2b-7c3d-8e4f-5a6b7c8d9e0f',
  code: 'AV-001',
  name: 'Ávila',
  sortKey: 'avila',
  kind: 'municipality',
  population: 57697,
  parentId: null,
  parentName: 'Provincia de Ávila',
  assessmentId: '0194c1f0-7a2b-7c3d-8e4f-5a6b7c8d9e10',
  modelVersionId: '0194c1f0-7a2b-7c3d-8e4f-5a6b7c8d9e11',
  title: 'Autoevaluación 2026',
  status: 'submitted',
  score: 61.25,
  level: 4,
  levelName: 'Gestionado',
  coverage: 0.875,
  submittedAt: new Date('2026-03-02T09:15:00Z'),
  updatedAt: new Date('2026-03-02T09:15:00Z'),
  ...overrides,
});

const lines = (csv: string) => csv.slice(1).trimEnd().split('\r\n');

describe('overviewCsv', () => {
  it('writes Spanish with ; and a decimal comma, English with , and a point, after a byte-order mark', () => {
    const es = overviewCsv([row({})], '2026', 'es');
    expect(es.startsWith('\uFEFF')).toBe(true);
    expect(lines(es)[1]).toBe(
      'AV-001;Ávila;Municipio;57697;Provincia de Ávila;2026;Enviada;Autoevaluación 2026;61,25;4;Gestionado;87,5;2026-03-02T09:15:00.000Z;2026-03-02T09:15:00.000Z',
    );
    expect(lines(overviewCsv([row({})], '2026', 'en'))[1]).toBe(
      'AV-001,Ávila,Municipality,57697,Provincia de Ávila,2026,Submitted,Autoevaluación 2026,61.25,4,Gestionado,87.5,2026-03-02T09:15:00.000Z,2026-03-02T09:15:00.000Z',
    );
  });

  it('leaves the assessment columns empty for one not started', () => {
    const empty = {
      assessmentId: null,
      modelVersionId: null,
      title: null,
      status: null,
      score: null,
      level: null,
      levelName: null,
      coverage: null,
    };
    expect(lines(overviewCsv([row({ ...empty, submittedAt: null, updatedAt: null })], '2026', 'es'))[1]).toBe(
      'AV-001;Ávila;Municipio;57697;Provincia de Ávila;2026;Sin empezar;;;;;;;',
    );
  });

  it('quotes separators, quotes and line breaks, and neutralises cells a spreadsheet would run as formulas', () => {
    const csv = overviewCsv([row({ name: 'Villa; "la Vieja"', title: '=HYPERLINK("http://x")', parentName: 'a\nb' })], '2026', 'es');
    const cells = lines(csv).slice(1).join('\r\n');
    expect(cells).toContain(';"Villa; ""la Vieja""";');
    expect(cells).toContain(';"\'=HYPERLINK(""http://x"")";');
    expect(cells).toContain(';"a\nb";');
  });
});
