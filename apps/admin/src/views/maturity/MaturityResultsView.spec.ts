import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import type { AssessmentScores, Me, Tenant } from '@/api/types';
import { flattenScores, scoresToCsv, type ScoreRow } from '@/composables/use-maturity-results';
import { createTestConnection, demoMe, problem, tenantSummary, tokens } from '@/testing/fake-api';
import { mountScreen } from '@/testing/mount';
import MaturityResultsView from './MaturityResultsView.vue';

// ECharts needs a real layout engine; the chart itself is not under test, its accessible parts are.
vi.mock('vue-echarts', () => ({
  default: defineComponent({ props: { option: { type: Object, default: null } }, setup: () => () => h('svg', { 'data-fake-chart': '' }) }),
}));

const me = demoMe() as Me;
const town = tenantSummary('town', 'Villanorte', { kind: 'municipality', code: 'DEMO-N-001' }) as unknown as Tenant;

const assessment = (id: string, period: string, score: number, level: number) => ({
  id,
  tenantId: 'town',
  modelVersionId: 'v1',
  period,
  status: 'submitted',
  score,
  level,
  coverage: 1,
  answeredCount: 2,
  questionCount: 2,
  respondents: [],
  title: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  submittedAt: '2026-01-02T00:00:00.000Z',
  validatedAt: null,
  version: 1,
});

const counts = { answered: 1, notApplicable: 0, total: 1, unanswered: 0 };
const node = { counts, coverage: 1, normalisedWeight: 1, weightInOverall: 0.5, weight: 1 };

type Lang = 'es' | 'en';
/** What the API answers: names, question texts and the chosen options' labels in the language asked for. */
const scoresIn = (lang: Lang): AssessmentScores => ({
  assessmentId: 'a2026',
  modelVersionId: 'v1',
  computedAt: '2026-01-02T00:00:00.000Z',
  overall: { score: 62.5, level: 3, levelName: lang === 'es' ? 'Definido' : 'Defined', coverage: 1, counts },
  levels: [{ level: 3, minScore: 50, name: lang === 'es' ? 'Definido' : 'Defined' }],
  areas: [
    {
      ...node,
      key: 'tech',
      name: lang === 'es' ? 'Tecnología' : 'Technology',
      score: 62.5,
      unitScore: 0.625,
      level: 3,
      levelName: lang === 'es' ? 'Definido' : 'Defined',
      contribution: 62.5,
      contributionToOverall: 62.5,
      dimensions: [
        {
          ...node,
          key: 'infra',
          name: lang === 'es' ? 'Infraestructura' : 'Infrastructure',
          score: 75,
          unitScore: 0.75,
          level: 4,
          levelName: lang === 'es' ? 'Gestionado' : 'Managed',
          contribution: 37.5,
          contributionToOverall: 37.5,
          questions: [
            {
              key: 'q.cloud',
              text: lang === 'es' ? '¿Qué parte de sus servicios está en la nube?' : 'How much of your services runs in the cloud?',
              type: 'scale',
              weight: 2,
              normalisedWeight: 1,
              weightInOverall: 0.5,
              score: 75,
              unitScore: 0.75,
              contribution: 75,
              contributionToOverall: 37.5,
              status: 'answered',
              value: 3,
              answerLabel: lang === 'es' ? 'La mayor parte' : 'Most of them',
            },
          ],
        },
        {
          ...node,
          key: 'data',
          name: lang === 'es' ? 'Datos' : 'Data',
          score: 50,
          unitScore: 0.5,
          level: 3,
          levelName: lang === 'es' ? 'Definido' : 'Defined',
          contribution: 25,
          contributionToOverall: 25,
          questions: [
            {
              key: 'q.open',
              text: lang === 'es' ? '¿Publica datos abiertos?' : 'Do you publish open data?',
              type: 'yes_no',
              weight: 1,
              normalisedWeight: 1,
              weightInOverall: 0.5,
              score: 50,
              unitScore: 0.5,
              contribution: 50,
              contributionToOverall: 25,
              status: 'answered',
              value: true,
              answerLabel: lang === 'es' ? 'Sí' : 'Yes',
            },
          ],
        },
      ],
    },
  ],
});
const scores = scoresIn('es');

const version = {
  id: 'v1',
  modelId: 'm1',
  key: 'rumbo-default',
  name: { es: 'Modelo', en: 'Model' },
  publishedAt: null,
  questionCount: 2,
  scope: 'global',
  status: 'published',
  levels: [
    { level: 3, minScore: 50, name: { es: 'Definido', en: 'Defined' } },
    { level: 4, minScore: 70, name: { es: 'Gestionado', en: 'Managed' } },
  ],
  areas: [
    {
      key: 'tech',
      weight: 1,
      name: { es: 'Tecnología', en: 'Technology' },
      dimensions: [
        {
          key: 'infra',
          weight: 1,
          name: { es: 'Infraestructura', en: 'Infrastructure' },
          questions: [{ key: 'q.cloud', type: 'scale', weight: 2, text: { es: '¿Nube?', en: 'Cloud?' } }],
        },
        {
          key: 'data',
          weight: 1,
          name: { es: 'Datos', en: 'Data' },
          questions: [{ key: 'q.open', type: 'yes_no', weight: 1, text: { es: '¿Datos abiertos?', en: 'Open data?' } }],
        },
      ],
    },
  ],
};

function maturityApi(benchmark: unknown, extra: Parameters<typeof createTestConnection>[0] = {}) {
  const connection = createTestConnection({
    'GET /v1/tenants/:id/assessments': () => ({
      status: 200,
      body: { data: [assessment('a2026', '2026', 62.5, 3), assessment('a2025', '2025', 40, 2)], nextCursor: null },
    }),
    'GET /v1/tenants/:id/assessments/history': () => ({
      status: 200,
      body: {
        data: [
          {
            assessmentId: 'a2025',
            period: '2025',
            score: 40,
            level: 2,
            delta: null,
            dimensions: [],
            modelKey: 'm',
            modelVersionId: 'v1',
            status: 'submitted',
          },
          {
            assessmentId: 'a2026',
            period: '2026',
            score: 62.5,
            level: 3,
            delta: 22.5,
            dimensions: [],
            modelKey: 'm',
            modelVersionId: 'v1',
            status: 'submitted',
          },
        ],
      },
    }),
    'GET /v1/tenants/:id/assessments/:a/scores': (r) => ({
      status: 200,
      body: scoresIn(r.headers.get('Accept-Language') === 'en' ? 'en' : 'es'),
    }),
    'GET /v1/tenants/:id/assessments/:a/benchmark': () =>
      benchmark === 'error' ? { status: 500, body: problem(500, 'boom') } : { status: 200, body: benchmark },
    'GET /v1/tenants/:id/assessments/:a/gaps': () => ({
      status: 200,
      body: {
        assessmentId: 'a2026',
        data: [{ areaKey: 'tech', dimensionKey: 'data', level: 3, nextLevel: 4, score: 50, shortfall: 20, weightInOverall: 0.5 }],
      },
    }),
    'GET /v1/tenants/:id/maturity-model-versions/:v': () => ({ status: 200, body: version }),
    'GET /v1/tenants/:id/assessments/:a/compare/:b': (r) => {
      const [, , , , , first, , second] = r.path.split('/');
      const side = (id: string) => ({
        assessmentId: id,
        period: id.slice(1),
        modelVersionId: 'v1',
        score: id === 'a2026' ? 62.5 : 40,
        level: 3,
      });
      return {
        status: 200,
        body: {
          a: side(first),
          b: side(second),
          delta: side(second).score - side(first).score,
          dimensions: [
            { areaKey: 'tech', dimensionKey: 'infra', a: 50, b: 75, delta: 25 },
            { areaKey: 'tech', dimensionKey: 'data', a: 55, b: 50, delta: -5 },
          ],
        },
      };
    },
    ...extra,
  });
  connection.session.adopt(tokens(1));
  return connection;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('MaturityResultsView', () => {
  it('lists the assessments and shows the radar with its accessible table, the drill-down, gaps and history', async () => {
    const connection = maturityApi({
      available: true,
      cohortSize: 9,
      percentile: 71.4,
      quartiles: { q1: 40, median: 55.25, q3: 70 },
      dimensions: [
        { areaKey: 'tech', dimensionKey: 'infra', score: 75, percentile: 80, quartiles: { q1: 40, median: 55, q3: 70 } },
        { areaKey: 'tech', dimensionKey: 'data', score: 50, percentile: null, quartiles: null },
      ],
      cohort: {},
    });
    const { wrapper } = await mountScreen(MaturityResultsView, { connection, me, tenant: town, locale: 'es' });
    await flushPromises();

    const rows = wrapper.findAll('[data-testid="maturity-assessment-row"]');
    expect(rows).toHaveLength(2);
    expect(rows[0].text()).toContain('2026');
    expect(rows[0].text()).toContain('62,5');
    expect(rows[0].text()).toContain('Nivel 3 · Definido');

    const radar = wrapper.get('[data-testid="maturity-radar"]');
    expect(radar.attributes('role')).toBe('img');
    expect(radar.attributes('aria-label')).toContain('Infraestructura 75');
    const table = wrapper.get('[data-testid="maturity-dimension-table"]');
    expect(table.text()).toContain('Infraestructura');
    expect(table.text()).toContain('Nivel 4 · Gestionado');

    // The question texts and the chosen options' labels as the API words them, never a raw value.
    const explain = wrapper.get('[data-testid="maturity-explain"]');
    expect(wrapper.findAll('[data-testid="maturity-explain-text"]').map((c) => c.text())).toEqual([
      '¿Qué parte de sus servicios está en la nube?',
      '¿Publica datos abiertos?',
    ]);
    expect(wrapper.findAll('[data-testid="maturity-explain-answer"]').map((c) => c.text())).toEqual(['La mayor parte', 'Sí']);
    expect(explain.text()).toContain('0,75'); // normalised answer, Spanish decimals
    expect(explain.text()).toContain('37,5'); // contribution to the overall score

    expect(wrapper.get('[data-testid="maturity-percentile"]').text()).toBe('71');
    expect(wrapper.get('[data-testid="maturity-benchmark"]').text()).toContain('mediana 55,3');
    // Per dimension (those with peer figures): the organisation's score against the peers' quartiles.
    const perDimension = wrapper
      .findAll('[data-testid="maturity-benchmark-table"] tbody tr')
      .map((r) => r.findAll('th, td').map((c) => c.text()));
    expect(perDimension).toEqual([['Infraestructura', '75', '80', '40', '55', '70']]);
    expect(wrapper.get('[data-testid="maturity-benchmark-chart"]').attributes('aria-label')).toContain(
      'Infraestructura 75 (mediana de las comparables 55)',
    );
    expect(wrapper.get('[data-testid="maturity-gaps"]').text()).toContain('faltan 20 puntos para el nivel 4');
    expect(wrapper.get('[data-testid="maturity-history-chart"]').attributes('aria-label')).toContain('2025: 40; 2026: 62,5');
    expect(wrapper.findAll('[data-testid="maturity-history-delta"]').map((c) => c.text())).toEqual(['—', '+22,5']);

    // Compared with the year before by default; changes carry their sign (a true minus).
    const compare = wrapper.get('[data-testid="maturity-compare"]');
    expect((wrapper.get('[data-testid="compare-first"]').element as HTMLSelectElement).value).toBe('a2025');
    expect((wrapper.get('[data-testid="compare-second"]').element as HTMLSelectElement).value).toBe('a2026');
    expect(wrapper.get('[data-testid="compare-delta"]').text()).toBe('+22,5');
    const changes = compare.findAll('[data-testid="compare-table"] tbody tr').map((r) => r.text());
    expect(changes[0]).toContain('Infraestructura');
    expect(changes[0]).toContain('+25');
    expect(changes[1]).toContain('−5');
    expect(compare.get('[data-testid="compare-chart"]').attributes('aria-label')).toContain('Infraestructura 50 → 75');

    // The same assessment on both sides: nothing is asked, the page says why.
    const calls = connection.api.requests.filter((r) => r.path.includes('/compare/')).length;
    await wrapper.get('[data-testid="compare-first"]').setValue('a2026');
    await flushPromises();
    expect(wrapper.find('[data-testid="compare-same"]').exists()).toBe(true);
    expect(connection.api.requests.filter((r) => r.path.includes('/compare/'))).toHaveLength(calls);
  });

  it('explains why there is no benchmark, and keeps the scores when the benchmark fails', async () => {
    const connection = maturityApi({
      available: false,
      cohortSize: 2,
      percentile: null,
      quartiles: null,
      dimensions: [],
      cohort: {},
      reason: 'cohort-too-small',
    });
    const { wrapper } = await mountScreen(MaturityResultsView, { connection, me, tenant: town, locale: 'en' });
    await flushPromises();
    expect(wrapper.get('[data-testid="maturity-benchmark-reason"]').text()).toContain('Not enough comparable organisations');

    const failing = maturityApi('error');
    const second = await mountScreen(MaturityResultsView, { connection: failing, me, tenant: town, locale: 'en' });
    await flushPromises();
    expect(second.wrapper.find('[data-testid="maturity-radar"]').exists()).toBe(true);
    expect(second.wrapper.find('[data-testid="maturity-benchmark-reason"]').exists()).toBe(false);
  });

  it('selects another assessment', async () => {
    const connection = maturityApi({ available: false, cohortSize: 0, percentile: null, quartiles: null, dimensions: [], cohort: {} });
    const { wrapper } = await mountScreen(MaturityResultsView, { connection, me, tenant: town });
    await flushPromises();
    const buttons = wrapper.findAll('[data-testid="maturity-select"]');
    expect(buttons[0].attributes('aria-pressed')).toBe('true');
    await buttons[1].trigger('click');
    await flushPromises();
    expect(wrapper.findAll('[data-testid="maturity-select"]')[1].attributes('aria-pressed')).toBe('true');
    expect(wrapper.get('[data-testid="maturity-overall"]').text()).toContain('Results 2025');
  });
});

describe('re-scoring under a newer model version', () => {
  const model = {
    id: 'm1',
    key: 'rumbo-default',
    name: { es: 'Modelo', en: 'Model' },
    description: null,
    scope: 'global',
    ownerTenantId: null,
    latestVersion: { id: 'v2', version: 2, status: 'published' },
    versions: [
      { id: 'v2', version: 2, status: 'published' },
      { id: 'v1', version: 1, status: 'published' },
    ],
  };

  const rescoredIn = (lang: Lang) => {
    const own = scoresIn(lang);
    return { ...own, modelVersionId: 'v2', overall: { ...own.overall, score: 58, coverage: 0.9 } };
  };

  // The demo admin's role is on the region, above the town.
  const townInRegion = { ...town, ancestors: ['region'] } as Tenant;

  it('offers it to writers, shows the score under the new version and the answers not carried over', async () => {
    let rescored = false;
    const connection = maturityApi(
      { available: false, cohortSize: 0, percentile: null, quartiles: null, dimensions: [], cohort: {} },
      {
        'GET /v1/tenants/:id/maturity-models': () => ({ status: 200, body: { data: [model] } }),
        // Before the re-score there is nothing stored under v2 (404); the assessment's own scores otherwise.
        'GET /v1/tenants/:id/assessments/:a/scores': (r) =>
          r.query.get('modelVersionId') === 'v2'
            ? rescored
              ? { status: 200, body: rescoredIn(r.headers.get('Accept-Language') === 'en' ? 'en' : 'es') }
              : { status: 404, body: problem(404, 'no score under that model version') }
            : { status: 200, body: scoresIn(r.headers.get('Accept-Language') === 'en' ? 'en' : 'es') },
        'POST /v1/tenants/:id/assessments/:a/rescore': (r) => {
          rescored = true;
          expect(r.body).toEqual({ modelVersionId: 'v2' });
          return {
            status: 200,
            body: {
              ...rescoredIn('en'),
              dropped: [
                {
                  questionKey: 'q.open',
                  questionText: 'Do you publish open data?',
                  reason: 'question-removed',
                  message: 'The question is not in the new version.',
                },
              ],
            },
          };
        },
      },
    );
    const { wrapper, i18n } = await mountScreen(MaturityResultsView, { connection, me, tenant: townInRegion, locale: 'en' });
    await flushPromises();

    const panel = wrapper.get('[data-testid="maturity-rescore"]');
    expect(panel.text()).toContain('Model version 2 is available');
    expect(wrapper.find('[data-testid="maturity-rescore-result"]').exists()).toBe(false);
    await wrapper.get('[data-testid="maturity-rescore-run"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="maturity-rescore-score"]').text()).toBe('58');
    expect(wrapper.get('[data-testid="maturity-rescore-result"]').text()).toContain('62.5'); // its own score stays
    expect(wrapper.get('[data-testid="maturity-rescore-dropped"]').text()).toContain('The question is not in the newer version.');
    // The question as the assessment's own version words it, in the UI language.
    expect(wrapper.get('[data-testid="maturity-rescore-dropped-row"] th').text()).toContain('Open data?');

    // In Spanish: the same question and the re-score's level in Spanish, nothing run again.
    const posts = connection.api.requests.filter((r) => r.method === 'POST').length;
    i18n.global.locale.value = 'es';
    await flushPromises();
    expect(wrapper.get('[data-testid="maturity-rescore-dropped-row"] th').text()).toContain('¿Datos abiertos?');
    expect(wrapper.get('[data-testid="maturity-rescore-dropped"]').text()).toContain('La pregunta no está en la versión nueva.');
    expect(wrapper.get('[data-testid="maturity-rescore-result"]').text()).toContain('Nivel 3 · Definido');
    expect(connection.api.requests.filter((r) => r.method === 'POST')).toHaveLength(posts);

    // Coming back later, the stored re-score is shown without running it again.
    const again = await mountScreen(MaturityResultsView, { connection, me, tenant: townInRegion, locale: 'en' });
    await flushPromises();
    expect(again.wrapper.get('[data-testid="maturity-rescore-score"]').text()).toBe('58');
    expect(again.wrapper.get('[data-testid="maturity-rescore-run"]').text()).toContain('Re-score again');
  });

  it('shares one request for the usable models between the re-score and distribution panels', async () => {
    const parent = { ...townInRegion, childCount: 6 } as Tenant;
    const connection = maturityApi(
      { available: false, cohortSize: 0, percentile: null, quartiles: null, dimensions: [], cohort: {} },
      {
        'GET /v1/tenants/:id/maturity-models': () => ({ status: 200, body: { data: [model] } }),
        'GET /v1/tenants/:id/maturity-model-versions/:v/distribution': () => ({
          status: 200,
          body: { cohortSize: 2, available: false, reason: 'cohort-too-small', levels: [], quartiles: null },
        }),
      },
    );
    const { wrapper } = await mountScreen(MaturityResultsView, { connection, me, tenant: parent, locale: 'en' });
    await flushPromises();
    expect(wrapper.find('[data-testid="maturity-rescore"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="distribution-reason"]').exists()).toBe(true);
    expect(connection.api.requests.filter((r) => r.path.endsWith('/maturity-models'))).toHaveLength(1);
  });

  it('is not offered to a viewer, nor when the assessment already uses the newest version', async () => {
    const viewer = demoMe({
      memberships: [{ tenantId: 'town', tenantCode: 'DEMO-N-001', tenantName: 'Villanorte', tenantKind: 'municipality', role: 'viewer' }],
    }) as Me;
    const api = (latest: string) =>
      maturityApi(
        { available: false, cohortSize: 0, percentile: null, quartiles: null, dimensions: [], cohort: {} },
        {
          'GET /v1/tenants/:id/maturity-models': () => ({
            status: 200,
            body: {
              data: [{ ...model, latestVersion: latest === 'v2' ? model.latestVersion : { id: 'v1', version: 1, status: 'published' } }],
            },
          }),
        },
      );
    const asViewer = await mountScreen(MaturityResultsView, { connection: api('v2'), me: viewer, tenant: town, locale: 'en' });
    await flushPromises();
    expect(asViewer.wrapper.find('[data-testid="maturity-rescore"]').exists()).toBe(true);
    expect(asViewer.wrapper.find('[data-testid="maturity-rescore-run"]').exists()).toBe(false);

    const upToDate = await mountScreen(MaturityResultsView, { connection: api('v1'), me, tenant: townInRegion, locale: 'en' });
    await flushPromises();
    expect(upToDate.wrapper.find('[data-testid="maturity-rescore"]').exists()).toBe(false);
  });
});

describe('readable explain and lifecycle', () => {
  /** The contract's readable scores: question texts, the chosen option's label, area and dimension names. */
  const readable = (lang: string) => ({
    ...scores,
    areas: scores.areas.map((a) => ({
      ...a,
      name: lang === 'es' ? 'Tecnologías (API)' : 'Technologies (API)',
      dimensions: a.dimensions.map((d) => ({
        ...d,
        name: lang === 'es' ? `Dimensión ${d.key}` : `Dimension ${d.key}`,
        questions: d.questions?.map((q) => ({
          ...q,
          text: lang === 'es' ? `Texto ${q.key}` : `Text ${q.key}`,
          answerLabel: q.key === 'q.cloud' ? (lang === 'es' ? '75 %' : '75%') : lang === 'es' ? 'Sí' : 'Yes',
        })),
      })),
    })),
  });

  it('shows the API’s question texts and option labels, never raw values, and asks again in the new language', async () => {
    const languages: string[] = [];
    const connection = maturityApi(null, {
      'GET /v1/tenants/:id/assessments/:a/scores': (r) => {
        const lang = r.headers.get('Accept-Language') ?? 'es';
        languages.push(lang);
        return { status: 200, body: readable(lang) };
      },
    });
    const { wrapper, i18n } = await mountScreen(MaturityResultsView, { connection, me, tenant: town, locale: 'es' });
    connection.followLanguage(() => i18n.global.locale.value);
    await flushPromises();
    const explain = wrapper.get('[data-testid="maturity-explain"]');
    expect(explain.text()).toContain('Tecnologías (API)');
    expect(explain.text()).toContain('Texto q.cloud');
    expect(wrapper.findAll('[data-testid="maturity-explain-answer"]').map((c) => c.text())).toEqual(['75 %', 'Sí']);
    expect(explain.text()).not.toContain('q.cloud —');

    i18n.global.locale.value = 'en';
    await flushPromises();
    expect(languages.at(-1)).toBe('en');
    expect(wrapper.get('[data-testid="maturity-explain"]').text()).toContain('Text q.open');
    expect(wrapper.findAll('[data-testid="maturity-explain-answer"]').map((c) => c.text())).toEqual(['75%', 'Yes']);
  });

  it('says "1 punto", not "1 puntos"', async () => {
    const connection = maturityApi(null, {
      'GET /v1/tenants/:id/assessments/:a/gaps': () => ({
        status: 200,
        body: {
          assessmentId: 'a2026',
          data: [{ areaKey: 'tech', dimensionKey: 'data', level: 3, nextLevel: 4, score: 69, shortfall: 1, weightInOverall: 0.5 }],
        },
      }),
    });
    const { wrapper } = await mountScreen(MaturityResultsView, { connection, me, tenant: town, locale: 'es' });
    await flushPromises();
    expect(wrapper.get('[data-testid="maturity-gaps"]').text()).toContain('puntuación 69; falta 1 punto para el nivel 4');
    expect(wrapper.get('[data-testid="maturity-explain"]').text()).toContain('puntuación 62,5, 62,5 puntos de la puntuación global');
  });

  it('lets an administrator validate a submitted assessment after confirming, and announces it', async () => {
    const posts: string[] = [];
    const connection = maturityApi(null, {
      'POST /v1/tenants/:id/assessments/:a/validate': (r) => {
        posts.push(r.path);
        return { status: 200, body: { ...assessment('a2026', '2026', 62.5, 3), status: 'validated' } };
      },
    });
    const inRegion = tenantSummary('town', 'Villanorte', { kind: 'municipality', ancestors: ['region'] }) as unknown as Tenant;
    const { wrapper } = await mountScreen(MaturityResultsView, { connection, me, tenant: inRegion, locale: 'en', confirm: true });
    await flushPromises();
    await wrapper.get('[data-testid="assessment-validate"]').trigger('click');
    await flushPromises();
    const dialog = document.querySelector<HTMLElement>('[role="alertdialog"]')!;
    expect(dialog.textContent).toContain('The 2026 assessment will be marked as reviewed and accepted.');
    expect(posts).toEqual([]);
    Array.from(dialog.querySelectorAll('button'))
      .find((b) => b.textContent?.trim() === 'Validate')!
      .click();
    await flushPromises();
    expect(posts).toEqual(['/v1/tenants/town/assessments/a2026/validate']);
    expect(wrapper.get('[data-testid="live-status"]').text()).toBe('The 2026 assessment is validated.');
  });

  it('offers Validate and Reopen to administrators only', async () => {
    const analyst = demoMe({
      memberships: [{ tenantId: 'town', tenantCode: 'T', tenantName: 'Villanorte', tenantKind: 'municipality', role: 'analyst' }],
    }) as Me;
    const { wrapper } = await mountScreen(MaturityResultsView, { connection: maturityApi(null), me: analyst, tenant: town, locale: 'en' });
    await flushPromises();
    expect(wrapper.find('[data-testid="maturity-overall"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="assessment-lifecycle"]').exists()).toBe(false);
  });
});

describe('score export', () => {
  const text = (locale: string) => ({
    locale,
    header: (c: string) => c.toUpperCase(),
    level: (l: string) => `L:${l}`,
    answer: (r: ScoreRow) => r.answerLabel ?? '—',
    status: (s: string) => `S:${s}`,
    levelLabel: (l: number | null) => `Nivel ${l}`,
  });

  it('flattens area → dimension → question, overall first, in Spanish with ; and a decimal comma', () => {
    const rows = flattenScores(scores);
    expect(rows.map((r) => r.level)).toEqual(['area', 'dimension', 'question', 'dimension', 'question']);
    const csv = scoresToCsv(scores, text('es'));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe(
      'LEVEL;AREA;DIMENSION;QUESTIONKEY;QUESTION;WEIGHT;SCORE;UNITSCORE;CONTRIBUTION;CONTRIBUTIONTOOVERALL;STATUS;ANSWER',
    );
    expect(lines[1]).toBe('L:overall;;;;;;62,5;;;62,5;;Nivel 3');
    expect(lines[2]).toBe('L:area;Tecnología;;;;1;62,5;0,625;62,5;62,5;;');
    expect(lines[3]).toBe('L:dimension;Tecnología;Infraestructura;;;1;75;0,75;37,5;37,5;;');
    expect(lines[4]).toBe(
      'L:question;Tecnología;Infraestructura;q.cloud;¿Qué parte de sus servicios está en la nube?;2;75;0,75;75;37,5;S:answered;La mayor parte',
    );
    expect(lines[6]).toBe('L:question;Tecnología;Datos;q.open;¿Publica datos abiertos?;1;50;0,5;50;25;S:answered;Sí');
  });

  it('uses , and a decimal point in English, with the API’s texts in English', () => {
    const english = scoresIn('en');
    english.areas[0].dimensions[0].questions![0].text = 'Is it in the cloud, really?';
    const lines = scoresToCsv(english, text('en')).slice(1).split('\r\n');
    expect(lines[1]).toBe('L:overall,,,,,,62.5,,,62.5,,Nivel 3');
    expect(lines[4]).toBe(
      'L:question,Technology,Infrastructure,q.cloud,"Is it in the cloud, really?",2,75,0.75,75,37.5,S:answered,Most of them',
    );
  });
});
