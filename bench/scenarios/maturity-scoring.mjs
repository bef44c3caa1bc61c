// Maturity scoring (METHOD.md §1) through @rumbo/method vs a hand-written flat loop computing the
// same weighted means over plain arrays. The model has 200 questions (4 areas × 5 dimensions × 10
// questions, scale / yes-no / percentage mixed); 1,000 generated assessments (≈5 % not applicable,
// ≈3 % unanswered) are re-scored per run. The Rumbo side is scoreAssessment(prepared model, answers):
// answer validation, correctly rounded sums (exactSum), coverage and the full explain tree. The raw
// side looks answers up in a prebuilt key → index map, scores them and accumulates naive float sums
// per dimension, area and overall: the arithmetic floor. Both sides must agree on every overall score
// within 1e-9 (a broken scenario fails). The time of one 200-question assessment (with and without
// model validation) is kept in the results JSON as subject.single.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const AREAS = 4;
const DIMENSIONS = 5;
const QUESTIONS = 10;
const ASSESSMENTS = 1_000;
const RUNS = 11;
const WARMUP_RUNS = 3;
const SINGLE_CALLS = 2_000;

function lcg(seed) {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function buildModel() {
  const random = lcg(7);
  const scale = [0, 1, 2, 3, 4].map((value) => ({ value, label: `level ${value}` }));
  return {
    key: 'bench',
    version: 1,
    areas: Array.from({ length: AREAS }, (_, a) => ({
      key: `area${a}`,
      weight: 1 + Math.floor(random() * 3),
      dimensions: Array.from({ length: DIMENSIONS }, (_, d) => ({
        key: `area${a}.dim${d}`,
        weight: 1 + Math.floor(random() * 5),
        questions: Array.from({ length: QUESTIONS }, (_, q) => {
          const key = `q${a}.${d}.${q}`;
          const weight = 1 + Math.floor(random() * 4);
          if (q % 3 === 0) return { key, weight, type: 'scale', options: scale };
          return q % 3 === 1 ? { key, weight, type: 'yes_no' } : { key, weight, type: 'percentage' };
        }),
      })),
    })),
  };
}

function buildAnswers(model, seed) {
  const random = lcg(seed);
  const answers = [];
  for (const area of model.areas) {
    for (const dimension of area.dimensions) {
      for (const question of dimension.questions) {
        const roll = random();
        if (roll < 0.03) continue;
        if (roll < 0.08) {
          answers.push({ questionKey: question.key, notApplicable: true });
          continue;
        }
        const value =
          question.type === 'scale'
            ? Math.floor(random() * 5)
            : question.type === 'yes_no'
              ? random() < 0.5
              : Math.round(random() * 1000) / 10;
        answers.push({ questionKey: question.key, value });
      }
    }
  }
  return answers;
}

/** The raw baseline's flat arrays: one entry per question, indices into dimension and area arrays. */
function flatten(model) {
  const index = new Map();
  const qWeight = [];
  const qDim = [];
  const qType = [];
  const qMin = [];
  const qRange = [];
  const dWeight = [];
  const dArea = [];
  const aWeight = [];
  model.areas.forEach((area, a) => {
    aWeight.push(area.weight ?? 1);
    for (const dimension of area.dimensions) {
      const d = dWeight.length;
      dWeight.push(dimension.weight);
      dArea.push(a);
      for (const question of dimension.questions) {
        index.set(question.key, qWeight.length);
        qWeight.push(question.weight);
        qDim.push(d);
        qType.push(question.type === 'scale' ? 0 : question.type === 'yes_no' ? 1 : 2);
        const values = question.type === 'scale' ? question.options.map((o) => o.value) : [0, 1];
        qMin.push(Math.min(...values));
        qRange.push(Math.max(...values) - Math.min(...values));
      }
    }
  });
  return { index, qWeight, qDim, qType, qMin, qRange, dWeight, dArea, aWeight };
}

/** Σw·x/Σw per dimension, then area, then overall, over plain arrays (0–100 points). */
function rawScore(flat, answers, dNum, dDen, aNum, aDen) {
  dNum.fill(0);
  dDen.fill(0);
  aNum.fill(0);
  aDen.fill(0);
  for (let i = 0; i < answers.length; i++) {
    const answer = answers[i];
    if (answer.notApplicable === true) continue;
    const q = flat.index.get(answer.questionKey);
    const t = flat.qType[q];
    const v = answer.value;
    const points = t === 0 ? (100 * (v - flat.qMin[q])) / flat.qRange[q] : t === 1 ? (v ? 100 : 0) : v < 0 ? 0 : v > 100 ? 100 : v;
    const d = flat.qDim[q];
    dNum[d] += flat.qWeight[q] * points;
    dDen[d] += flat.qWeight[q];
  }
  for (let d = 0; d < dNum.length; d++) {
    if (dDen[d] === 0) continue;
    const a = flat.dArea[d];
    aNum[a] += (flat.dWeight[d] * dNum[d]) / dDen[d];
    aDen[a] += flat.dWeight[d];
  }
  let num = 0;
  let den = 0;
  for (let a = 0; a < aNum.length; a++) {
    if (aDen[a] === 0) continue;
    num += (flat.aWeight[a] * aNum[a]) / aDen[a];
    den += flat.aWeight[a];
  }
  return den === 0 ? null : num / den;
}

export default {
  name: 'maturity-scoring',
  baseline: 'hand-written flat loop computing the same weighted means over plain arrays (no validation, no explain tree)',

  async run(ctx) {
    const distIndex = join(ctx.rootDir, 'libs/method/dist/index.js');
    if (!existsSync(distIndex)) throw new Error(`${distIndex} is missing: build @rumbo/method (npm run bench builds it first)`);
    const { prepareModel, scoreAssessment } = createRequire(import.meta.url)(distIndex);

    const model = buildModel();
    const assessments = Array.from({ length: ASSESSMENTS }, (_, i) => buildAnswers(model, 1000 + i));
    const prepared = prepareModel(model);
    const flat = flatten(model);
    const buffers = [
      new Float64Array(flat.dWeight.length),
      new Float64Array(flat.dWeight.length),
      new Float64Array(AREAS),
      new Float64Array(AREAS),
    ];
    const questionCount = flat.qWeight.length;

    // Both sides must compute the same numbers before their speed means anything.
    const subjectScores = new Array(ASSESSMENTS);
    const baselineScores = new Array(ASSESSMENTS);
    const subject = () => {
      for (let i = 0; i < ASSESSMENTS; i++) subjectScores[i] = scoreAssessment(prepared, assessments[i]).overall.score;
    };
    const baseline = () => {
      for (let i = 0; i < ASSESSMENTS; i++) baselineScores[i] = rawScore(flat, assessments[i], ...buffers);
    };
    subject();
    baseline();
    subjectScores.forEach((s, i) => {
      if (s === null || Math.abs(s - baselineScores[i]) > 1e-9) {
        throw new Error(`assessment ${i}: rumbo scored ${s}, raw ${baselineScores[i]}`);
      }
    });
    ctx.log(
      `  ${questionCount}-question model, ${ASSESSMENTS.toLocaleString('en-US')} assessments per run, ${WARMUP_RUNS} warm-up + ${RUNS} measured runs per side`,
    );

    const result = await ctx.compareTime({ subject, baseline, runs: RUNS, warmupRuns: WARMUP_RUNS });

    // One assessment on its own: per-call mean over SINGLE_CALLS calls, with a prepared model and
    // with the plain model object (validation and indexing included in every call).
    const perCallMs = async (fn) =>
      (
        await ctx.time(
          () => {
            for (let i = 0; i < SINGLE_CALLS; i++) fn(assessments[i % ASSESSMENTS]);
          },
          { runs: 5, warmupRuns: 1 },
        )
      ).value / SINGLE_CALLS;
    const preparedMs = await perCallMs((answers) => scoreAssessment(prepared, answers));
    const validatedMs = await perCallMs((answers) => scoreAssessment(model, answers));
    const rawMs = await perCallMs((answers) => rawScore(flat, answers, ...buffers));
    result.subject.single = { unit: 'ms', questions: questionCount, prepared: preparedMs, withValidation: validatedMs, raw: rawMs };
    ctx.log(
      `  one ${questionCount}-question assessment: ${(preparedMs * 1000).toFixed(0)} µs (prepared model), ` +
        `${(validatedMs * 1000).toFixed(0)} µs (validating the model too), raw ${(rawMs * 1000).toFixed(1)} µs; ` +
        `re-scoring ${ASSESSMENTS.toLocaleString('en-US')}: ${result.subject.value.toFixed(1)} ms vs raw ${result.baseline.value.toFixed(2)} ms`,
    );
    return result;
  },
};
