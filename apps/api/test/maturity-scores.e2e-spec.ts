import { createHash } from 'node:crypto';
import request from 'supertest';
import type { ModelDefinition } from '../src/maturity/models/model-definition';
import { bearer, expectProblem, RUN, unique, type TenantFixture, type Tokens } from './helpers/fixtures';
import {
  createAssessment,
  importModel,
  openMaturityWorld,
  questionsOf,
  requestAs,
  smallModel,
  smallModelAnswers,
  uniqueModelKey,
  withEvidence,
  type AnswerInput,
  type MaturityWorld,
  type VersionBody,
} from './helpers/maturity';
import { expectRecomputes, type ExplainedArea, type ScoresBody } from './helpers/recompute';
import type { TestApp } from './helpers/test-app';

type Credential = Parameters<typeof requestAs>[1];

/** A number in [0, 1) from a string: demo-like answers that are the same on every run. */
function pseudo(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0) / 2 ** 32;
}

/**
 * A full answer set like the demo data's: every question answered from a per-tenant profile, yes/no
 * sometimes as 1/0, and a few questions not applicable.
 */
function demoAnswers(definition: ModelDefinition, profile: string): AnswerInput[] {
  return questionsOf(definition).map((q, i): AnswerInput => {
    const r = pseudo(`${profile}:${q.key}`);
    if (i % 19 === 7) return { questionKey: q.key, notApplicable: true };
    if (q.type === 'yes_no') return { questionKey: q.key, value: i % 2 ? r > 0.45 : r > 0.45 ? 1 : 0 };
    if (q.type === 'percentage') return { questionKey: q.key, value: Math.round(r * 1000) / 10 };
    const options = q.options ?? [];
    return { questionKey: q.key, value: options[Math.floor(r * options.length)].value };
  });
}

/** Percentile rank (mid-rank) and Excel QUARTILE.INC quartiles, by hand (METHOD.md §2). */
function expectedBenchmark(own: number, peers: number[]) {
  const sorted = [...peers].sort((x, y) => x - y);
  const below = sorted.filter((v) => v < own).length;
  const equal = sorted.filter((v) => v === own).length;
  const quantile = (p: number) => {
    const h = (sorted.length - 1) * p;
    const i = Math.floor(h);
    return i + 1 < sorted.length ? sorted[i] + (h - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
  };
  return {
    percentile: ((below + equal / 2) / sorted.length) * 100,
    quartiles: { q1: quantile(0.25), median: quantile(0.5), q3: quantile(0.75) },
  };
}

/**
 * Scores as an auditor reads them (explain tree with texts and answer labels, in the negotiated
 * language, recomputed by hand), re-scoring under a newer version, and peer benchmarks.
 */
describe('maturity scores, re-scoring and benchmarks', () => {
  let world: MaturityWorld;
  let t: TestApp;
  let fx: MaturityWorld['fx'];
  let platform: Tokens;
  let r: TenantFixture;
  let tokens: MaturityWorld['tokens'];
  let smallKey: string;
  let small: VersionBody;
  let fullDefinition: ModelDefinition;
  let full: VersionBody;

  beforeAll(async () => {
    world = await openMaturityWorld();
    ({ t, fx, platform, r, tokens, smallKey, small, fullDefinition, full } = world);
  });
  afterAll(async () => {
    await world?.close();
  });

  const as = (credential: Credential) => requestAs(t, credential);
  const assessments = (tenantId: string) => `/v1/tenants/${tenantId}/assessments`;
  const draftInR = async () => (await createAssessment(t, tokens.analyst, r.id, small.id)).id;

  describe('scores', () => {
    it('GET …/scores?explain=true gives the overall score and level, areas, dimensions and every question', async () => {
      const a = await createAssessment(t, tokens.analyst, r.id, small.id, { answers: smallModelAnswers(), submit: true });
      const path = `${assessments(r.id)}/${a.id}/scores`;
      const explained = await as(tokens.viewer).get(path, { explain: true });
      expect(explained.status).toBe(200);
      expect(explained.body).toMatchObject({
        assessmentId: a.id,
        modelVersionId: small.id,
        computedAt: expect.any(String),
        overall: { score: a.score, level: expect.any(Number), levelName: expect.any(String), coverage: 1 },
        levels: smallModel(smallKey).levels.map((l) => ({ level: l.level, name: l.name.es, minScore: l.minScore })),
      });
      const body = explained.body as ScoresBody;
      expect(body.areas.map((x) => [x.key, x.dimensions.map((d) => [d.key, d.questions?.length])])).toEqual([
        [
          'tech',
          [
            ['tech.infra', 2],
            ['tech.data', 1],
          ],
        ],
        ['people', [['people.skills', 3]]],
      ]);
      expect(body.areas[0].dimensions[0].questions?.[0]).toMatchObject({
        key: 'tech.infra.cloud',
        type: 'scale',
        status: 'answered',
        value: 3,
        weight: 2,
        unitScore: 0.75,
        score: 75,
        normalisedWeight: expect.any(Number),
        contribution: expect.any(Number),
        contributionToOverall: expect.any(Number),
      });
      // The explain tree adds up: question contributions to the overall score sum to it.
      const contributions = body.areas.flatMap((x) => x.dimensions.flatMap((d) => (d.questions ?? []).map((q) => q.contributionToOverall)));
      expect(contributions.reduce((sum, c) => sum + c, 0)).toBeCloseTo(body.overall.score!, 9);
      expectRecomputes(body, smallModel(smallKey), smallModelAnswers());

      // Readable by an auditor: names, question texts and answers as labels, in the negotiated language.
      expect(body.areas.map((x) => [x.name, x.dimensions.map((d) => d.name)])).toEqual([
        ['Technologies', ['Infrastructure', 'Data']],
        ['People', ['Skills']],
      ]);
      const labels = (b: ScoresBody) =>
        Object.fromEntries(
          b.areas.flatMap((x) => x.dimensions.flatMap((d) => (d.questions ?? []).map((q) => [q.key, [q.text, q.answerLabel]]))),
        );
      expect(labels(body)).toEqual({
        'tech.infra.cloud': ['Cloud?', 'option 3'],
        'tech.infra.backup': ['Backups?', 'Sí'],
        'tech.data.open': ['Open data share?', '40 %'],
        'people.skills.plan': ['Training plan?', 'option 2'],
        'people.skills.trained': ['Staff trained?', '75 %'],
        'people.skills.dpo': ['Data protection officer?', 'No'],
      });
      const english = await as(tokens.viewer).get(path, { explain: true }).set('Accept-Language', 'en');
      expect(labels(english.body as ScoresBody)).toMatchObject({
        'tech.infra.backup': ['Backups?', 'Yes'],
        'tech.data.open': ['Open data share?', '40%'],
        'people.skills.dpo': ['Data protection officer?', 'No'],
      });

      const plain = await as(tokens.viewer).get(path);
      expect(plain.body.overall).toEqual(body.overall);
      for (const area of plain.body.areas as ExplainedArea[]) for (const d of area.dimensions) expect(d).not.toHaveProperty('questions');
    });

    it('a submitted assessment of the default model (57 questions, demo-like answers) recomputes by hand from its explain tree', async () => {
      const answers = demoAnswers(fullDefinition, `${RUN}:R`);
      expect(answers).toHaveLength(57);
      expect(answers.filter((x) => x.notApplicable)).toHaveLength(3);
      const a = await createAssessment(t, tokens.analyst, r.id, full.id, { answers: withEvidence(fullDefinition, answers), submit: true });
      expect(a).toMatchObject({ status: 'submitted', coverage: 1, answeredCount: 57, questionCount: 57 });

      const res = await as(tokens.auditor).get(`${assessments(r.id)}/${a.id}/scores`, { explain: true });
      expect(res.status).toBe(200);
      const body = res.body as ScoresBody;
      expect(body.overall.score).toBe(a.score);
      expect(body.areas.flatMap((x) => x.dimensions.flatMap((d) => d.questions ?? []))).toHaveLength(57);
      expectRecomputes(body, fullDefinition, answers);
      expect(body.overall.levelName).toBe(fullDefinition.levels[body.overall.level! - 1].name.es);
      expect(res.headers['content-language']).toBe('es');

      // Level names follow Accept-Language (the stored score keeps the figures; only names change).
      const english = await request(t.server)
        .get(`${assessments(r.id)}/${a.id}/scores`)
        .set('Authorization', bearer(tokens.auditor))
        .set('Accept-Language', 'en-GB,en;q=0.9,es;q=0.5');
      expect(english.status).toBe(200);
      expect(english.headers['content-language']).toBe('en');
      expect(english.headers.vary).toMatch(/accept-language/i);
      const englishBody = english.body as ScoresBody;
      expect(englishBody.overall).toEqual({ ...body.overall, levelName: fullDefinition.levels[body.overall.level! - 1].name.en });
      expect(englishBody.levels.map((l) => l.name)).toEqual(fullDefinition.levels.map((l) => l.name.en));
      expect(englishBody.levels.map((l) => l.name)).not.toEqual(fullDefinition.levels.map((l) => l.name.es));

      // Every question's text and answer label, and every area and dimension name, from the version's own texts.
      const explainedEnglish = (
        await as(tokens.auditor)
          .get(`${assessments(r.id)}/${a.id}/scores`, { explain: true })
          .set('Accept-Language', 'en')
      ).body as ScoresBody;
      for (const [language, tree] of [
        ['es', body],
        ['en', explainedEnglish],
      ] as const) {
        const explainedQuestions = tree.areas.flatMap((x) => x.dimensions.flatMap((d) => d.questions ?? []));
        for (const q of questionsOf(fullDefinition)) {
          const given = answers.find((x) => x.questionKey === q.key)!;
          const shown = explainedQuestions.find((x) => x.key === q.key)!;
          expect(shown.text).toBe(q.text[language]);
          if (given.notApplicable) expect(shown.answerLabel).toBe(language === 'es' ? 'No aplica' : 'Not applicable');
          else if (q.type === 'scale') expect(shown.answerLabel).toBe(q.options!.find((o) => o.value === given.value)!.label[language]);
          else if (q.type === 'yes_no')
            expect(shown.answerLabel).toBe(given.value === true || given.value === 1 ? (language === 'es' ? 'Sí' : 'Yes') : 'No');
          else expect(shown.answerLabel).toMatch(language === 'es' ? /^[0-9]+(,[0-9]+)? %$/ : /^[0-9]+(\.[0-9]+)?%$/);
        }
        expect(tree.areas.map((x) => x.name)).toEqual(fullDefinition.areas.map((x) => x.name[language]));
      }
    });

    it('a draft is scored live (no stored score yet) over what is answered so far', async () => {
      const id = await draftInR();
      const path = `${assessments(r.id)}/${id}/scores`;
      const empty = await as(tokens.viewer).get(path, { explain: true });
      expect(empty.body).toMatchObject({ computedAt: null, overall: { score: null, level: null, coverage: 0 } });
      const some: AnswerInput[] = [...smallModelAnswers().slice(0, 3), { questionKey: 'people.skills.plan', notApplicable: true }];
      await as(tokens.analyst).put(`${assessments(r.id)}/${id}/answers`, { answers: some });
      const partial = (await as(tokens.viewer).get(path, { explain: true })).body as ScoresBody;
      expect(partial.computedAt).toBeNull();
      expectRecomputes(partial, smallModel(smallKey), some);
      expect(partial.areas[1]).toMatchObject({ key: 'people', score: null });
      const people = partial.areas[1].dimensions[0].questions!;
      expect(people.map((q) => [q.key, q.status, q.answerLabel])).toEqual([
        ['people.skills.plan', 'not_applicable', 'No aplica'],
        ['people.skills.trained', 'unanswered', null],
        ['people.skills.dpo', 'unanswered', null],
      ]);
    });
  });

  describe('re-scoring under a newer version of the same model', () => {
    it('carries answers over where keys match, lists the dropped ones, and keeps the original score', async () => {
      const key = uniqueModelKey('rescore');
      const v1Doc = smallModel(key);
      const v1 = await importModel(t, platform, v1Doc, { publish: true });
      const answers: AnswerInput[] = [
        ...smallModelAnswers().filter((x) => x.questionKey !== 'people.skills.plan'),
        { questionKey: 'people.skills.plan', value: 5 },
      ];
      const a = await createAssessment(t, tokens.analyst, r.id, v1.id, { answers, submit: true });
      const path = `${assessments(r.id)}/${a.id}`;
      const original = (await as(tokens.viewer).get(`${path}/scores`, { explain: true })).body as ScoresBody;

      // Version 2: one question removed, one changes type, one loses the answered option, one is new.
      const v2Doc = smallModel(key);
      const infra = v2Doc.areas[0].dimensions[0];
      infra.questions[1] = { key: 'tech.infra.backup', type: 'percentage', weight: 1, text: { es: 'Copias (%)', en: 'Backups (%)' } };
      v2Doc.areas[0].dimensions[1].questions = [{ key: 'tech.data.apis', type: 'yes_no', weight: 1, text: { es: 'APIs', en: 'APIs' } }];
      const skills = v2Doc.areas[1].dimensions[0];
      skills.questions[0].options = skills.questions[0].options!.filter((o) => o.value <= 3);
      const v2 = await importModel(t, platform, v2Doc, { publish: true });
      expect(v2).toMatchObject({ modelId: v1.modelId, version: 2 });

      expectProblem(await as(tokens.analyst).get(`${path}/scores`, { modelVersionId: v2.id }), 404, 'assessment-not-rescored');
      const rescored = await as(tokens.analyst).post(`${path}/rescore`, { modelVersionId: v2.id });
      expect(rescored.status).toBe(200);
      expect(rescored.body).toMatchObject({ assessmentId: a.id, modelVersionId: v2.id, computedAt: expect.any(String) });
      expect(rescored.body.dropped.map((d: { questionKey: string }) => d.questionKey).sort()).toEqual([
        'people.skills.plan',
        'tech.data.open',
        'tech.infra.backup',
      ]);
      expect(
        Object.fromEntries(
          rescored.body.dropped.map((d: { questionKey: string; questionText: string; reason: string; message: string }) => [
            d.questionKey,
            [d.questionText, d.reason, d.message],
          ]),
        ),
      ).toEqual({
        'people.skills.plan': ['Training plan?', 'option-removed', 'el valor respondido ya no es una opción'],
        'tech.data.open': ['Open data share?', 'question-removed', 'la pregunta no está en la nueva versión'],
        'tech.infra.backup': ['Backups?', 'type-changed', 'la pregunta cambió de tipo'],
      });
      const texts = (rescored.body as ScoresBody).areas.flatMap((x) =>
        x.dimensions.flatMap((d) => (d.questions ?? []).map((q) => [q.key, q.text])),
      );
      expect(Object.fromEntries(texts)).toMatchObject({ 'tech.infra.backup': 'Copias (%)', 'tech.data.apis': 'APIs' });

      const carried = ['tech.infra.cloud', 'people.skills.trained', 'people.skills.dpo'];
      const questions = (rescored.body as ScoresBody).areas.flatMap((x) => x.dimensions.flatMap((d) => d.questions ?? []));
      expect(Object.fromEntries(questions.map((q) => [q.key, [q.status, q.value]]))).toEqual({
        'tech.infra.cloud': ['answered', 3],
        'tech.infra.backup': ['unanswered', null],
        'tech.data.apis': ['unanswered', null],
        'people.skills.plan': ['unanswered', null],
        'people.skills.trained': ['answered', 75],
        'people.skills.dpo': ['answered', false],
      });
      expectRecomputes(
        rescored.body as ScoresBody,
        v2Doc,
        answers.filter((x) => carried.includes(x.questionKey)),
      );

      const underV2 = await as(tokens.viewer).get(`${path}/scores`, { modelVersionId: v2.id, explain: true });
      expect(underV2.status).toBe(200);
      expect(underV2.body).toMatchObject({ modelVersionId: v2.id, overall: rescored.body.overall });
      const still = await as(tokens.viewer).get(`${path}/scores`, { explain: true });
      expect(still.body).toEqual(original);
      expect((await as(tokens.viewer).get(path)).body).toMatchObject({ modelVersionId: v1.id, status: 'submitted', score: a.score });

      // Only a published version of the same model.
      const draft = await importModel(t, platform, smallModel(key));
      for (const target of [small.id, draft.id, v1.modelId]) {
        const refused = await as(tokens.analyst).post(`${path}/rescore`, { modelVersionId: target });
        expectProblem(refused, 422, 'rescore-target-invalid');
        expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'modelVersionId' })]);
      }
    });
  });

  describe('benchmark among comparable administrations (never a peer)', () => {
    it('gives no figures with 4 peers, a percentile and quartiles with 5, and never identifies a peer', async () => {
      // A cohort no other run shares: kind "other", population under 5,000, a year of the 22nd century
      // (2100–2198, so the year after, used below, is still a valid period).
      const year = String(2100 + Math.floor(Math.random() * 99));
      const population = () => 500 + Math.floor(Math.random() * 4000);
      const answersFor = (i: number): AnswerInput[] => [
        { questionKey: 'tech.infra.cloud', value: i % 5 },
        { questionKey: 'tech.infra.backup', value: i % 2 === 0 },
        { questionKey: 'tech.data.open', value: (i * 23) % 101 },
        { questionKey: 'people.skills.plan', value: 1 + ((i * 2) % 5) },
        { questionKey: 'people.skills.trained', value: (i * 37) % 101 },
        { questionKey: 'people.skills.dpo', value: i % 3 !== 0 },
      ];
      const identities: string[] = [];
      /** A tenant with a write key, an assessment of `modelVersionId`, answered and (unless a draft) submitted. */
      async function member(
        i: number,
        overrides: { kind?: 'other' | 'institute'; population?: number; period?: string; modelVersionId?: string; submit?: boolean } = {},
      ) {
        const tenant = await fx.tenant({
          kind: overrides.kind ?? 'other',
          population: overrides.population ?? population(),
          name: unique('Peer administration'),
        });
        const key = await fx.apiKey(tenant.id, ['read', 'write']);
        const assessment = await createAssessment(t, key, tenant.id, overrides.modelVersionId ?? small.id, {
          period: overrides.period ?? year,
          answers: answersFor(i),
          submit: overrides.submit ?? true,
        });
        identities.push(tenant.id, tenant.code, tenant.name, assessment.id);
        return { tenant, key, assessment };
      }

      const own = await member(2);
      const peers = [await member(0), await member(1), await member(3), await member(4)];
      // Not peers: another band, another kind, another year, another model version, a draft.
      await member(5, { population: 6000 });
      await member(6, { kind: 'institute' });
      await member(7, { period: String(Number(year) + 1) });
      const otherModel = await importModel(t, platform, smallModel(uniqueModelKey('other')), { publish: true });
      await member(8, { modelVersionId: otherModel.id });
      await member(9, { submit: false });

      const benchmarkPath = `${assessments(own.tenant.id)}/${own.assessment.id}/benchmark`;
      // No tenant id, code or name and no assessment id of anyone in the cohort (nor of the decoys).
      const noIdentity = (body: unknown) => {
        const json = JSON.stringify(body);
        expect(identities.filter((x) => json.includes(x))).toEqual([]);
      };

      const small4 = await as(own.key).get(benchmarkPath);
      expect(small4.status).toBe(200);
      expect(small4.body).toEqual({
        cohortSize: 4,
        available: false,
        reason: 'cohort-too-small',
        cohort: { modelVersionId: small.id, period: year, kind: 'other', populationBand: 'under-5k' },
        percentile: null,
        quartiles: null,
        dimensions: [],
      });
      noIdentity(small4.body);

      peers.push(await member(10));
      const five = await as(own.key).get(benchmarkPath);
      expect(five.status).toBe(200);
      expect(five.body).toMatchObject({
        cohortSize: 5,
        available: true,
        cohort: { modelVersionId: small.id, period: year, kind: 'other', populationBand: 'under-5k' },
      });
      expect(five.body).not.toHaveProperty('reason');
      noIdentity(five.body);

      const expected = expectedBenchmark(
        own.assessment.score!,
        peers.map((p) => p.assessment.score!),
      );
      expect(five.body.percentile).toBeCloseTo(expected.percentile, 9);
      expect(five.body.quartiles.q1).toBeCloseTo(expected.quartiles.q1, 9);
      expect(five.body.quartiles.median).toBeCloseTo(expected.quartiles.median, 9);
      expect(five.body.quartiles.q3).toBeCloseTo(expected.quartiles.q3, 9);
      expect(Object.keys(five.body.quartiles).sort()).toEqual(['median', 'q1', 'q3']);

      // Per dimension likewise, from each peer's own scores.
      const dimensionScores = async (who: Credential, tenantId: string, id: string) => {
        const body = (await as(who).get(`${assessments(tenantId)}/${id}/scores`)).body as ScoresBody;
        return new Map(body.areas.flatMap((x) => x.dimensions.map((d) => [d.key, d.score!] as const)));
      };
      const ownDimensions = await dimensionScores(own.key, own.tenant.id, own.assessment.id);
      const peerDimensions = await Promise.all(peers.map((p) => dimensionScores(p.key, p.tenant.id, p.assessment.id)));
      expect(five.body.dimensions.map((d: { dimensionKey: string }) => d.dimensionKey)).toEqual([
        'tech.infra',
        'tech.data',
        'people.skills',
      ]);
      for (const d of five.body.dimensions) {
        const e = expectedBenchmark(
          ownDimensions.get(d.dimensionKey)!,
          peerDimensions.map((p) => p.get(d.dimensionKey)!),
        );
        expect(d.score).toBe(ownDimensions.get(d.dimensionKey));
        expect(d.percentile).toBeCloseTo(e.percentile, 9);
        expect(d.quartiles.q1).toBeCloseTo(e.quartiles.q1, 9);
        expect(d.quartiles.median).toBeCloseTo(e.quartiles.median, 9);
        expect(d.quartiles.q3).toBeCloseTo(e.quartiles.q3, 9);
      }

      // A peer's benchmark counts the own tenant as one of its peers, and is figures only, too.
      const fromPeer = await as(peers[1].key).get(`${assessments(peers[1].tenant.id)}/${peers[1].assessment.id}/benchmark`);
      expect(fromPeer.body).toMatchObject({ cohortSize: 5, available: true });
      // Another tenant's benchmark is not reachable.
      expectProblem(await as(peers[1].key).get(`${assessments(peers[1].tenant.id)}/${own.assessment.id}/benchmark`), 404, 'not-found');
      expectProblem(await as(peers[1].key).get(benchmarkPath), 404, 'not-found');
    });
  });
});
