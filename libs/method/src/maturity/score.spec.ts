import { MaturityValidationError } from './errors';
import { gaps } from './gaps';
import { prepareModel } from './model';
import { COVERAGE_BELOW_ONE, missingQuestions, scoreAssessment } from './score';
import { validateAnswers } from './answers';
import type { Answer, MaturityModel } from './types';

/**
 * A small model worked by hand (default levels 0/20/40/60/80, area weights default equal).
 *
 *   technologies (w 1)
 *     infra (w 3):  q1 scale 1–5 (w 1) = 4 → s = (4−1)/(5−1) = 0.75
 *                   q2 yes_no   (w 3) = true → s = 1
 *                   S = (1·0.75 + 3·1) / (1 + 3) = 3.75 / 4 = 0.9375
 *     data (w 1):   q3 percentage (w 1) = 40 → s = 0.4
 *                   q4 percentage (w 1) = not applicable (leaves numerator and denominator)
 *                   S = 0.4
 *     S = (3·0.9375 + 1·0.4) / (3 + 1) = (2.8125 + 0.4) / 4 = 0.803125
 *   processes (w 1)
 *     procedures (w 1): q5 yes_no (w 1) = false → 0;  q6 scale {10, 0, 5} (w 1) = 5 → (5−0)/(10−0) = 0.5
 *                   S = (0 + 0.5) / 2 = 0.25
 *     interop (w 3):    q7 yes_no (w 1) unanswered → no score: leaves the area's average
 *     S = 0.25 (only procedures is scored)
 *   people (w 1)
 *     skills (w 1): q8 percentage (w 2) unanswered → no score; the area has no score, leaves the overall
 *   Overall S = (1·0.803125 + 1·0.25) / (1 + 1) = 0.5265625 → 52.65625 → level 3 Defined (40 ≤ 52.65 < 60)
 *
 * Coverage (applicable weight): infra 4/4 = 1; data 1/1 = 1 (q4 not applicable); technologies 1;
 * procedures 1; interop 0/1 = 0; processes (1·1 + 3·0)/4 = 0.25; skills 0/2 = 0; people 0;
 * overall (1 + 0.25 + 0)/3 = 0.41666…
 */
const model: MaturityModel = {
  key: 'hand',
  version: 1,
  areas: [
    {
      key: 'technologies',
      dimensions: [
        {
          key: 'infra',
          weight: 3,
          questions: [
            { key: 'q1', type: 'scale', weight: 1, options: [1, 2, 3, 4, 5].map((value) => ({ value, label: `${value}` })) },
            { key: 'q2', type: 'yes_no', weight: 3 },
          ],
        },
        {
          key: 'data',
          weight: 1,
          questions: [
            { key: 'q3', type: 'percentage', weight: 1 },
            { key: 'q4', type: 'percentage', weight: 1 },
          ],
        },
      ],
    },
    {
      key: 'processes',
      dimensions: [
        {
          key: 'procedures',
          weight: 1,
          questions: [
            { key: 'q5', type: 'yes_no', weight: 1 },
            {
              key: 'q6',
              type: 'scale',
              weight: 1,
              options: [
                { value: 0, label: 'none' },
                { value: 5, label: 'half' },
                { value: 10, label: 'all' },
              ],
            },
          ],
        },
        { key: 'interop', weight: 3, questions: [{ key: 'q7', type: 'yes_no', weight: 1 }] },
      ],
    },
    { key: 'people', dimensions: [{ key: 'skills', weight: 1, questions: [{ key: 'q8', type: 'percentage', weight: 2 }] }] },
  ],
};

const answers: Answer[] = [
  { questionKey: 'q6', value: 5 },
  { questionKey: 'q1', value: 4 },
  { questionKey: 'q2', value: true },
  { questionKey: 'q3', value: 40 },
  { questionKey: 'q4', notApplicable: true },
  { questionKey: 'q5', value: false },
];

describe('scoreAssessment — the hand-computed model', () => {
  const result = scoreAssessment(model, answers);
  const [tech, processes, people] = result.areas;
  const [infra, data] = tech.dimensions;
  const [procedures, interop] = processes.dimensions;

  it('scores questions, dimensions, areas and the overall as worked out above', () => {
    expect(infra.questions.map((q) => q.unitScore)).toEqual([0.75, 1]);
    expect(infra.unitScore).toBe(0.9375);
    expect(data.questions.map((q) => [q.status, q.unitScore])).toEqual([
      ['answered', 0.4],
      ['not_applicable', null],
    ]);
    expect(data.unitScore).toBe(0.4);
    expect(tech.unitScore).toBe(0.803125);
    expect(procedures.unitScore).toBe(0.25);
    expect(interop.unitScore).toBeNull();
    expect(processes.unitScore).toBe(0.25);
    expect(people.unitScore).toBeNull();
    expect(people.dimensions[0].score).toBeNull();
    expect(result.overall.unitScore).toBe(0.5265625);
    expect(result.overall.score).toBe(52.65625);
    expect(result.overall.level).toEqual({ level: 3, name: 'Defined', minScore: 40 });
  });

  it('gives levels per dimension and area (lower bound inclusive)', () => {
    expect(infra.level?.name).toBe('Optimising'); // 93.75 ≥ 80
    expect(data.level?.name).toBe('Defined'); // 40 ≥ 40
    expect(procedures.level?.name).toBe('Developing'); // 20 ≤ 25 < 40
    expect(tech.level?.name).toBe('Optimising'); // 80.3125
    expect(interop.level).toBeNull();
  });

  it('computes coverage over applicable weight', () => {
    expect([infra.coverage, data.coverage, tech.coverage]).toEqual([1, 1, 1]);
    expect([procedures.coverage, interop.coverage, processes.coverage]).toEqual([1, 0, 0.25]);
    expect(people.coverage).toBe(0);
    // (1 + 0.25 + 0) / 3
    expect(result.overall.coverage).toBe(1.25 / 3);
    expect(result.overall.counts).toEqual({ total: 8, answered: 5, notApplicable: 1, unanswered: 2 });
    expect(missingQuestions(model, answers)).toEqual([
      { questionKey: 'q7', areaKey: 'processes', dimensionKey: 'interop', path: 'areas[1].dimensions[1].questions[0]' },
      { questionKey: 'q8', areaKey: 'people', dimensionKey: 'skills', path: 'areas[2].dimensions[0].questions[0]' },
    ]);
  });

  it('explains the score with normalised weights and contributions an auditor can add up', () => {
    // Scored areas: technologies and processes (people has no score) → ½ each.
    expect([tech.normalisedWeight, processes.normalisedWeight, people.normalisedWeight]).toEqual([0.5, 0.5, 0]);
    expect([tech.contribution, processes.contribution, people.contribution]).toEqual([40.15625, 12.5, 0]); // ½·80.3125, ½·25
    // infra: 3/4 of technologies → ½·¾ = 0.375 of the overall; 0.375 · 93.75 = 35.15625
    expect(infra).toMatchObject({ weight: 3, normalisedWeight: 0.75, weightInOverall: 0.375, score: 93.75, contribution: 70.3125 });
    expect(infra.contributionToOverall).toBe(35.15625);
    expect(data).toMatchObject({ normalisedWeight: 0.25, weightInOverall: 0.125, score: 40, contribution: 10, contributionToOverall: 5 });
    // procedures is the only scored dimension of processes: interop leaves the average.
    expect(procedures).toMatchObject({ normalisedWeight: 1, weightInOverall: 0.5, contributionToOverall: 12.5 });
    expect(interop).toMatchObject({ weight: 3, normalisedWeight: 0, weightInOverall: 0, contribution: 0, contributionToOverall: 0 });
    // q1: ¼ of infra → 0.375 · ¼ = 0.09375 of the overall; 0.09375 · 75 = 7.03125
    expect(infra.questions[0]).toMatchObject({
      key: 'q1',
      type: 'scale',
      status: 'answered',
      value: 4,
      weight: 1,
      normalisedWeight: 0.25,
      weightInOverall: 0.09375,
      unitScore: 0.75,
      score: 75,
      contribution: 18.75,
      contributionToOverall: 7.03125,
    });
    expect(infra.questions[1].contributionToOverall).toBe(28.125); // 0.28125 · 100
    expect(data.questions[1]).toMatchObject({ status: 'not_applicable', value: null, normalisedWeight: 0, contributionToOverall: 0 });
    // 7.03125 + 28.125 + 5 + 0 + 12.5 = 52.65625
    const all = result.areas.flatMap((a) => a.dimensions.flatMap((d) => d.questions.map((q) => q.contributionToOverall)));
    expect(all.reduce((x, y) => x + y, 0)).toBe(52.65625);
  });

  it('lists the weakest dimensions with the shortfall to the next level', () => {
    expect(gaps(result)).toEqual([
      {
        areaKey: 'processes',
        dimensionKey: 'procedures',
        score: 25,
        weightInOverall: 0.5,
        level: { level: 2, name: 'Developing', minScore: 20 },
        nextLevel: { level: 3, name: 'Defined', minScore: 40 },
        shortfall: 15,
      },
      {
        areaKey: 'technologies',
        dimensionKey: 'data',
        score: 40,
        weightInOverall: 0.125,
        level: { level: 3, name: 'Defined', minScore: 40 },
        nextLevel: { level: 4, name: 'Managed', minScore: 60 },
        shortfall: 20,
      },
      {
        areaKey: 'technologies',
        dimensionKey: 'infra',
        score: 93.75,
        weightInOverall: 0.375,
        level: { level: 5, name: 'Optimising', minScore: 80 },
        nextLevel: null,
        shortfall: null,
      },
    ]);
    expect(gaps(result, { limit: 1 }).map((g) => g.dimensionKey)).toEqual(['procedures']);
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('reaches full coverage when the open questions are answered or not applicable', () => {
    const complete = [...answers, { questionKey: 'q7', value: true }, { questionKey: 'q8', notApplicable: true as const }];
    const r = scoreAssessment(model, complete);
    expect(r.overall.coverage).toBe(1);
    expect(missingQuestions(model, complete)).toEqual([]);
    // interop now scores 1 (w 3): processes = (1·0.25 + 3·1) / 4 = 0.8125; people still has no score.
    // Overall = (0.803125 + 0.8125) / 2 = 0.8078125
    expect(r.areas[1].unitScore).toBe(0.8125);
    expect(r.overall.unitScore).toBe(0.8078125);
    expect(r.overall.level?.name).toBe('Optimising');
    expect(r.areas[2]).toMatchObject({ unitScore: null, coverage: 1 });
  });

  it('scores a prepared model identically', () => {
    expect(scoreAssessment(prepareModel(model), answers)).toEqual(result);
  });
});

describe('scoreAssessment — edge cases', () => {
  it('gives no score (null, never NaN) and coverage 0 with no answers', () => {
    const r = scoreAssessment(model, []);
    expect(r.overall).toEqual({
      unitScore: null,
      score: null,
      level: null,
      coverage: 0,
      counts: { total: 8, answered: 0, notApplicable: 0, unanswered: 8 },
    });
    expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/);
  });

  it('has coverage 1 and no score when everything is not applicable', () => {
    const all = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8'].map((questionKey) => ({ questionKey, notApplicable: true as const }));
    const r = scoreAssessment(model, all);
    expect(r.overall).toMatchObject({ score: null, level: null, coverage: 1 });
    expect(missingQuestions(model, all)).toEqual([]);
  });

  it('never reports coverage 1 with a question missing, however small its weight', () => {
    // Effective weight of q-tiny in the overall: 1e-6/(1e6+1e-6) · 1e-6/(1e6+1e-6) · 1e-6/(1e6+1e-6) ≈ 1e-36,
    // far below the 2⁻⁵³ resolution of a double near 1.
    const tiny: MaturityModel = {
      areas: [
        { key: 'big', weight: 1e6, dimensions: [{ key: 'd', weight: 1, questions: [{ key: 'a', type: 'yes_no', weight: 1 }] }] },
        {
          key: 'small',
          weight: 1e-6,
          dimensions: [
            { key: 'e', weight: 1e6, questions: [{ key: 'b', type: 'yes_no', weight: 1 }] },
            {
              key: 'f',
              weight: 1e-6,
              questions: [
                { key: 'c', type: 'yes_no', weight: 1e6 },
                { key: 'tiny', type: 'yes_no', weight: 1e-6 },
              ],
            },
          ],
        },
      ],
    };
    const answered = ['a', 'b', 'c'].map((questionKey) => ({ questionKey, value: true }));
    const r = scoreAssessment(tiny, answered);
    expect(r.overall.coverage).toBe(COVERAGE_BELOW_ONE);
    expect(r.overall.coverage).toBeLessThan(1);
    expect(missingQuestions(tiny, answered).map((m) => m.questionKey)).toEqual(['tiny']);
    expect(scoreAssessment(tiny, [...answered, { questionKey: 'tiny', value: false }]).overall.coverage).toBe(1);
  });

  it('clips percentages to 0–100', () => {
    const m: MaturityModel = {
      areas: [{ key: 'a', dimensions: [{ key: 'd', weight: 1, questions: [{ key: 'p', type: 'percentage', weight: 1 }] }] }],
    };
    expect(scoreAssessment(m, [{ questionKey: 'p', value: 140 }]).overall.score).toBe(100);
    expect(scoreAssessment(m, [{ questionKey: 'p', value: -3 }]).overall.score).toBe(0);
  });

  it('rejects an invalid model with every issue', () => {
    const bad = { areas: [{ key: 'a', dimensions: [{ key: 'd', weight: 0, questions: [{ key: 'q', type: 'yes_no', weight: -1 }] }] }] };
    expect(() => scoreAssessment(bad as MaturityModel, [])).toThrow(MaturityValidationError);
    try {
      scoreAssessment(bad as MaturityModel, []);
    } catch (error) {
      expect(error).toBeInstanceOf(RangeError);
      expect((error as MaturityValidationError).issues.map((i) => i.path)).toEqual([
        'areas[0].dimensions[0].weight',
        'areas[0].dimensions[0].questions[0].weight',
      ]);
    }
  });
});

describe('validateAnswers', () => {
  it('accepts valid answers', () => {
    expect(validateAnswers(model, answers)).toEqual([]);
    expect(validateAnswers(model, [])).toEqual([]);
  });

  it.each<[string, unknown, string, string]>([
    ['not an array', { q1: 4 }, 'answers', 'invalid-answer'],
    ['not an object', [42], 'answers[0]', 'invalid-answer'],
    ['no key', [{ value: 4 }], 'answers[0].questionKey', 'invalid-answer'],
    ['unknown question', [{ questionKey: 'q9', value: 1 }], 'answers[0].questionKey', 'unknown-question'],
    ['neither value nor N/A', [{ questionKey: 'q1' }], 'answers[0]', 'invalid-answer'],
    ['both value and N/A', [{ questionKey: 'q1', value: 4, notApplicable: true }], 'answers[0]', 'invalid-answer'],
    ['notApplicable false', [{ questionKey: 'q1', notApplicable: false }], 'answers[0].notApplicable', 'invalid-answer'],
    ['scale value not an option', [{ questionKey: 'q1', value: 4.5 }], 'answers[0].value', 'invalid-value'],
    ['scale value out of range', [{ questionKey: 'q1', value: 6 }], 'answers[0].value', 'invalid-value'],
    ['scale value as string', [{ questionKey: 'q1', value: '4' }], 'answers[0].value', 'invalid-value'],
    ['yes_no as number', [{ questionKey: 'q2', value: 1 }], 'answers[0].value', 'invalid-value'],
    ['percentage NaN', [{ questionKey: 'q3', value: NaN }], 'answers[0].value', 'invalid-value'],
    ['percentage null', [{ questionKey: 'q3', value: null }], 'answers[0].value', 'invalid-value'],
    ['percentage boolean', [{ questionKey: 'q3', value: true }], 'answers[0].value', 'invalid-value'],
    [
      'a second answer',
      [
        { questionKey: 'q2', value: true },
        { questionKey: 'q2', notApplicable: true },
      ],
      'answers[1].questionKey',
      'duplicate-answer',
    ],
  ])('reports %s', (_label, input, path, code) => {
    const issues = validateAnswers(model, input);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path, code });
    expect(issues[0].message.length).toBeGreaterThan(0);
    if (Array.isArray(input)) {
      expect(() => scoreAssessment(model, input as Answer[])).toThrow(MaturityValidationError);
      expect(() => missingQuestions(model, input as Answer[])).toThrow(MaturityValidationError);
    }
  });
});
