import request from 'supertest';
import { DataSource } from 'typeorm';
import { uuidv7 } from '../src/platform/database/uuid';
import { bearer, expectProblem, type TenantFixture, type Tokens } from './helpers/fixtures';
import {
  createAssessment,
  importModel,
  openMaturityWorld,
  requestAs,
  smallModel,
  smallModelAnswers,
  uniqueModelKey,
  uniquePeriod,
  type MaturityWorld,
  type VersionBody,
} from './helpers/maturity';
import type { TestApp } from './helpers/test-app';

type Credential = Parameters<typeof requestAs>[1];

/**
 * Assessments: one per tenant, model and period; answers through the bulk pipeline (the shared
 * rejection shape); the lifecycle of the transition table with its roles; evidence before
 * submitting; a list that costs the same statements whatever its length; other tenants' 404s.
 */
describe('maturity assessments', () => {
  let world: MaturityWorld;
  let t: TestApp;
  let fx: MaturityWorld['fx'];
  let platform: Tokens;
  let r: TenantFixture;
  let m: TenantFixture;
  let s: TenantFixture;
  let tokens: MaturityWorld['tokens'];
  let small: VersionBody;
  /** The small model with evidence required on two questions (backup, data protection officer). */
  let evidenced: VersionBody;

  beforeAll(async () => {
    world = await openMaturityWorld();
    ({ t, fx, platform, r, m, s, tokens, small } = world);
    const doc = smallModel(uniqueModelKey('evidence'));
    doc.areas[0].dimensions[0].questions[1].evidenceRequired = true;
    doc.areas[1].dimensions[0].questions[2].evidenceRequired = true;
    evidenced = await importModel(t, platform, doc, { publish: true });
  });
  afterAll(async () => {
    await world?.close();
  });

  const as = (credential: Credential) => requestAs(t, credential);
  const assessments = (tenantId: string) => `/v1/tenants/${tenantId}/assessments`;
  const draftInR = async (modelVersionId = small.id) => (await createAssessment(t, tokens.analyst, r.id, modelVersionId)).id;
  const auditActions = async (tenantId: string, id: string) =>
    (
      await fx.query<{ action: string }>('SELECT action FROM audit_events WHERE tenant_id = $1 AND entity_id = $2 ORDER BY seq', [
        tenantId,
        id,
      ])
    ).map((e) => e.action);

  describe('starting one', () => {
    it('starts against a published version for a year: 201; a draft version or an unknown one 422; a non-year 400', async () => {
      const period = uniquePeriod();
      const created = await as(tokens.analyst).post(assessments(r.id), { modelVersionId: small.id, period, title: 'Autoevaluación' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        tenantId: r.id,
        modelId: small.modelId,
        modelVersionId: small.id,
        period,
        title: 'Autoevaluación',
        status: 'draft',
        coverage: 0,
        answeredCount: 0,
        questionCount: 6,
        score: null,
        level: null,
        submittedAt: null,
        duplicateOf: null,
      });
      const listed = await as(tokens.viewer).get(assessments(r.id), { period });
      expect(listed.body.data.map((a: { id: string }) => a.id)).toEqual([created.body.id]);
      expect(await auditActions(r.id, created.body.id)).toEqual(['assessment.created']);

      const draft = await importModel(t, platform, smallModel(uniqueModelKey('draft')));
      const onDraft = await as(tokens.analyst).post(assessments(r.id), { modelVersionId: draft.id, period });
      expectProblem(onDraft, 422, 'model-version-not-published');
      expect(onDraft.body.errors).toEqual([{ path: 'modelVersionId', code: 'notPublished', message: expect.any(String) }]);
      const unknown = await as(tokens.analyst).post(assessments(r.id), { modelVersionId: small.modelId, period });
      expectProblem(unknown, 422, 'model-version-unusable');
      expect(unknown.body.errors).toEqual([expect.objectContaining({ path: 'modelVersionId', code: 'notFound' })]);
      for (const bad of ['26', '3026', '2026-01', 'year']) {
        expectProblem(await as(tokens.analyst).post(assessments(r.id), { modelVersionId: small.id, period: bad }), 400, 'validation-error');
      }
    });

    it('one per tenant, model and period: a second, under any version, is a 409 naming the first', async () => {
      const key = uniqueModelKey('one-per-period');
      const v1 = await importModel(t, platform, smallModel(key), { publish: true });
      const period = uniquePeriod();
      const first = await createAssessment(t, tokens.analyst, r.id, v1.id, { period });

      const again = await as(tokens.analyst).post(assessments(r.id), { modelVersionId: v1.id, period });
      expectProblem(again, 409, 'assessment-exists');
      expect(again.body).toMatchObject({ existingAssessmentId: first.id, existingStatus: 'draft' });
      expect(again.body.detail).toContain(period);

      // A newer version of the same model is the same model.
      const v2 = await importModel(t, platform, smallModel(key), { publish: true });
      expect(v2).toMatchObject({ modelId: v1.modelId, version: 2 });
      const underV2 = await request(t.server)
        .post(assessments(r.id))
        .set('Authorization', bearer(tokens.analyst))
        .set('Accept-Language', 'en')
        .send({ modelVersionId: v2.id, period });
      expectProblem(underV2, 409, 'assessment-exists');
      expect(underV2.body).toMatchObject({ existingAssessmentId: first.id, existingStatus: 'draft' });
      expect(underV2.body.detail).toMatch(/already has an assessment of this model for/);

      // Another period, another model, another tenant: each its own.
      expect((await as(tokens.analyst).post(assessments(r.id), { modelVersionId: v2.id, period: uniquePeriod() })).status).toBe(201);
      expect((await as(tokens.analyst).post(assessments(r.id), { modelVersionId: small.id, period })).status).toBe(201);
      expect((await as(tokens.adminM).post(assessments(m.id), { modelVersionId: v1.id, period })).status).toBe(201);
      const rows = await fx.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM assessments WHERE tenant_id = $1 AND model_id = $2 AND period = $3',
        [r.id, v1.modelId, period],
      );
      expect(rows).toEqual([{ n: 1 }]);
    });

    it('a race cannot create two: of simultaneous requests for one period, one creates and the others name it', async () => {
      const period = uniquePeriod();
      const responses = await Promise.all(
        Array.from({ length: 6 }, () => as(tokens.analyst).post(assessments(r.id), { modelVersionId: evidenced.id, period })),
      );
      const created = responses.filter((res) => res.status === 201);
      expect(created).toHaveLength(1);
      for (const res of responses.filter((x) => x.status !== 201)) {
        expectProblem(res, 409, 'assessment-exists');
        expect(res.body.existingAssessmentId).toBe(created[0].body.id);
      }
    });

    it('names a submitted one as submitted', async () => {
      const period = uniquePeriod();
      const submitted = await createAssessment(t, tokens.analyst, r.id, small.id, { period, answers: smallModelAnswers(), submit: true });
      const again = await as(tokens.analyst).post(assessments(r.id), { modelVersionId: small.id, period });
      expectProblem(again, 409, 'assessment-exists');
      expect(again.body).toMatchObject({ existingAssessmentId: submitted.id, existingStatus: 'submitted' });
      expect(again.body.detail).toContain('enviada');
    });
  });

  describe('answers (the bulk pipeline)', () => {
    it('stores the good answers and reports each bad one as { row, field, code, message, questionKey }', async () => {
      const id = await draftInR();
      const answersPath = `${assessments(r.id)}/${id}/answers`;
      const first = await as(tokens.analyst).put(answersPath, {
        answers: [
          { questionKey: 'tech.infra.cloud', value: 3, comment: '  en la nube  ' },
          { questionKey: 'no.such.question', value: 1 },
          { questionKey: 'people.skills.plan', value: 0 }, // options are 1–5
          { questionKey: 'tech.infra.backup', value: 1, evidence: 'https://evidence.example/backup' }, // yes_no: 1 means yes
          { questionKey: 'people.skills.dpo', value: 'yes' },
          { questionKey: 'tech.data.open', value: 57.5 },
          { questionKey: 'people.skills.trained', value: '75' },
          { questionKey: 'tech.infra.cloud', value: 4 },
          { value: 1 },
          { questionKey: 'people.skills.dpo', valor: true },
        ],
      });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ saved: 3, created: 3, updated: 0, unchanged: 0, cleared: 0, missing: 3, evidenceMissing: 0 });
      expect(first.body.rejected).toEqual([
        { row: 2, field: 'questionKey', code: 'unknown-question', questionKey: 'no.such.question', message: expect.any(String) },
        {
          row: 3,
          field: 'value',
          code: 'invalid-value',
          questionKey: 'people.skills.plan',
          message: 'la respuesta es uno de los valores 1, 2, 3, 4, 5',
        },
        { row: 5, field: 'value', code: 'invalid-value', questionKey: 'people.skills.dpo', message: expect.any(String) },
        {
          row: 7,
          field: 'value',
          code: 'invalid-value',
          questionKey: 'people.skills.trained',
          message: 'la respuesta es un número de 0 a 100',
        },
        {
          row: 8,
          field: 'questionKey',
          code: 'duplicate-answer',
          questionKey: 'tech.infra.cloud',
          message: 'esta pregunta ya se responde en la fila 1',
        },
        { row: 9, field: 'questionKey', code: 'missing-question-key', questionKey: null, message: expect.any(String) },
        { row: 10, field: 'questionKey', code: 'duplicate-answer', questionKey: 'people.skills.dpo', message: expect.any(String) },
      ]);
      expect(first.body.coverage).toBeGreaterThan(0);
      expect(first.body.coverage).toBeLessThan(1);

      const stored = await as(tokens.viewer).get(answersPath);
      expect(
        stored.body.data.map(
          (a: { questionKey: string; value: unknown; notApplicable: boolean; comment: string | null; evidence: string | null }) => [
            a.questionKey,
            a.value,
            a.notApplicable,
            a.comment,
            a.evidence,
          ],
        ),
      ).toEqual([
        ['tech.data.open', 57.5, false, null, null],
        ['tech.infra.backup', true, false, null, 'https://evidence.example/backup'],
        ['tech.infra.cloud', 3, false, 'en la nube', null],
      ]);
      // The list and the assessment show the result kept on the row.
      const assessment = (await as(tokens.viewer).get(`${assessments(r.id)}/${id}`)).body;
      expect(assessment).toMatchObject({ answeredCount: 3, questionCount: 6, coverage: first.body.coverage });

      // yes/no takes true/false and 1/0 (nothing else); a percentage a number; not applicable; null clears; the same answer again changes nothing.
      const second = await as(tokens.analyst).put(answersPath, {
        answers: [
          { questionKey: 'people.skills.dpo', value: 0 },
          { questionKey: 'tech.infra.backup', value: false },
          { questionKey: 'people.skills.trained', value: 100 },
          { questionKey: 'people.skills.plan', notApplicable: true },
          { questionKey: 'tech.data.open', value: null },
          { questionKey: 'tech.infra.cloud', value: 3, comment: 'en la nube' },
        ],
      });
      expect(second.body).toMatchObject({ saved: 5, created: 3, updated: 1, cleared: 1, unchanged: 1, rejected: [], missing: 1 });

      const third = await request(t.server)
        .put(answersPath)
        .set('Authorization', bearer(tokens.analyst))
        .set('Accept-Language', 'en')
        .send({
          answers: [
            { questionKey: 'people.skills.dpo', value: 2 },
            { questionKey: 'tech.infra.backup', value: 'true' },
            { questionKey: 'tech.data.open', value: 0 },
            { questionKey: 'people.skills.dpo', value: true },
            { questionKey: 'people.skills.trained', value: 10, notApplicable: true },
          ],
        });
      expect(third.body.rejected.map((x: { row: number; field: string; code: string }) => [x.row, x.field, x.code])).toEqual([
        [1, 'value', 'invalid-value'],
        [2, 'value', 'invalid-value'],
        [4, 'questionKey', 'duplicate-answer'],
        [5, 'notApplicable', 'value-and-not-applicable'],
      ]);
      expect(third.body.rejected[0].message).toBe('the answer is yes or no (true or false, 1 or 0)');
      expect(third.body).toMatchObject({ saved: 1, missing: 0, coverage: 1 });
      const after = await as(tokens.viewer).get(answersPath);
      expect(
        Object.fromEntries(
          after.body.data.map((a: { questionKey: string; value: unknown; notApplicable: boolean }) => [
            a.questionKey,
            a.notApplicable ? 'n/a' : a.value,
          ]),
        ),
      ).toEqual({
        'people.skills.dpo': false,
        'people.skills.plan': 'n/a',
        'people.skills.trained': 100,
        'tech.data.open': 0,
        'tech.infra.backup': false,
        'tech.infra.cloud': 3,
      });
      // One audit event per write that changed something: what each answer was and became.
      expect(await auditActions(r.id, id)).toEqual([
        'assessment.created',
        'assessment.answers-saved',
        'assessment.answers-saved',
        'assessment.answers-saved',
      ]);
      const [last] = await fx.query<{ before: { answers: Record<string, unknown> }; after: { answers: Record<string, unknown> } }>(
        `SELECT before, after FROM audit_events WHERE tenant_id = $1 AND entity_id = $2 ORDER BY seq DESC LIMIT 1`,
        [r.id, id],
      );
      expect(last.before.answers).toEqual({ 'tech.data.open': null });
      expect(last.after.answers).toEqual({
        'tech.data.open': { questionKey: 'tech.data.open', value: 0, notApplicable: false, comment: null, evidence: null },
      });
    });

    it('keeps a note (comment, evidence) before the question is answered, and removes the row once nothing is left', async () => {
      const id = await draftInR();
      const path = `${assessments(r.id)}/${id}/answers`;
      const noted = await as(tokens.analyst).put(path, { answers: [{ questionKey: 'tech.infra.backup', evidence: 'ticket 42' }] });
      expect(noted.body).toMatchObject({ created: 1, missing: 6 });
      expect((await as(tokens.viewer).get(path)).body.data).toEqual([
        expect.objectContaining({ questionKey: 'tech.infra.backup', value: null, notApplicable: false, evidence: 'ticket 42' }),
      ]);
      const cleared = await as(tokens.analyst).put(path, { answers: [{ questionKey: 'tech.infra.backup', value: null }] });
      expect(cleared.body).toMatchObject({ cleared: 1 });
      expect((await as(tokens.viewer).get(path)).body.data).toEqual([]);
      const nothing = await as(tokens.analyst).put(path, { answers: [{ questionKey: 'tech.infra.backup' }] });
      expect(nothing.body).toMatchObject({ saved: 0, unchanged: 1 });
    });
  });

  describe('submitting', () => {
    it('lists the missing questions (422 assessment-incomplete); a complete one is submitted (200) and then frozen (409)', async () => {
      const id = await draftInR();
      const path = `${assessments(r.id)}/${id}`;
      const partial = smallModelAnswers().filter((a) => a.questionKey.startsWith('tech.'));
      expect((await as(tokens.analyst).put(`${path}/answers`, { answers: partial })).body).toMatchObject({
        saved: 3,
        rejected: [],
        missing: 3,
      });

      const incomplete = await as(tokens.analyst).post(`${path}/submit`);
      expectProblem(incomplete, 422, 'assessment-incomplete');
      expect(incomplete.body.detail).toBe('Faltan 3 respuestas (o «No aplica») antes de enviar: vea errors.');
      expect(
        incomplete.body.errors.map((e: { path: string; code: string; questionKey: string }) => [e.path, e.code, e.questionKey]),
      ).toEqual([
        ['answers.people.skills.plan', 'missing', 'people.skills.plan'],
        ['answers.people.skills.trained', 'missing', 'people.skills.trained'],
        ['answers.people.skills.dpo', 'missing', 'people.skills.dpo'],
      ]);
      expect((await as(tokens.viewer).get(path)).body.status).toBe('draft');

      expect((await as(tokens.analyst).put(`${path}/answers`, { answers: smallModelAnswers() })).body).toMatchObject({
        missing: 0,
        coverage: 1,
      });
      const submitted = await as(tokens.analyst).post(`${path}/submit`);
      expect(submitted.status).toBe(200);
      expect(submitted.body).toMatchObject({
        id,
        status: 'submitted',
        coverage: 1,
        answeredCount: 6,
        submittedAt: expect.any(String),
        score: expect.any(Number),
      });

      expectProblem(
        await as(tokens.analyst).put(`${path}/answers`, { answers: [{ questionKey: 'tech.infra.cloud', value: 0 }] }),
        409,
        'assessment-not-draft',
      );
      expectProblem(await as(tokens.analyst).post(`${path}/submit`), 409, 'assessment-not-draft');
      const answers = await as(tokens.viewer).get(`${path}/answers`);
      expect(answers.body.data.find((a: { questionKey: string }) => a.questionKey === 'tech.infra.cloud').value).toBe(3);
    });

    it('questions that require evidence: without it, 422 assessment-evidence-missing listing them; not applicable needs none', async () => {
      const id = await draftInR(evidenced.id);
      const path = `${assessments(r.id)}/${id}`;
      const put = await as(tokens.analyst).put(`${path}/answers`, { answers: smallModelAnswers() });
      expect(put.body).toMatchObject({ missing: 0, evidenceMissing: 2 });

      const missing = await as(tokens.analyst).post(`${path}/submit`);
      expectProblem(missing, 422, 'assessment-evidence-missing');
      expect(missing.body.errors).toEqual([
        {
          path: 'answers.tech.infra.backup.evidence',
          code: 'evidenceRequired',
          questionKey: 'tech.infra.backup',
          message: 'esta pregunta exige una evidencia',
        },
        {
          path: 'answers.people.skills.dpo.evidence',
          code: 'evidenceRequired',
          questionKey: 'people.skills.dpo',
          message: 'esta pregunta exige una evidencia',
        },
      ]);
      const english = await request(t.server)
        .post(`${path}/submit`)
        .set('Authorization', bearer(tokens.analyst))
        .set('Accept-Language', 'en');
      expectProblem(english, 422, 'assessment-evidence-missing');
      expect(english.body.detail).toBe('Submitting needs evidence on 2 questions that require it: see errors.');
      expect(english.body.errors[0].message).toBe('this question requires evidence');

      // Missing answers and missing evidence together: incomplete, listing both kinds.
      await as(tokens.analyst).put(`${path}/answers`, { answers: [{ questionKey: 'tech.infra.backup', value: null }] });
      const both = await as(tokens.analyst).post(`${path}/submit`);
      expectProblem(both, 422, 'assessment-incomplete');
      expect(both.body.errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
        ['answers.tech.infra.backup', 'missing'],
        ['answers.tech.infra.backup.evidence', 'evidenceRequired'],
        ['answers.people.skills.dpo.evidence', 'evidenceRequired'],
      ]);

      // Evidence on one, the other not applicable: submitted.
      await as(tokens.analyst).put(`${path}/answers`, {
        answers: [
          { questionKey: 'tech.infra.backup', value: true, evidence: 'https://sede.example/copias.pdf' },
          { questionKey: 'people.skills.dpo', notApplicable: true },
        ],
      });
      const submitted = await as(tokens.analyst).post(`${path}/submit`);
      expect(submitted.status).toBe(200);
      expect(submitted.body.status).toBe('submitted');
    });
  });

  describe('lifecycle (the transition table) and roles', () => {
    it('admins validate and reopen; analysts answer and submit; viewers and auditors write nothing (403)', async () => {
      const id = await draftInR();
      const path = `${assessments(r.id)}/${id}`;
      const answers = { answers: smallModelAnswers() };
      for (const role of ['viewer', 'auditor'] as const) {
        expectProblem(
          await as(tokens[role]).post(assessments(r.id), { modelVersionId: small.id, period: uniquePeriod() }),
          403,
          'forbidden',
        );
        expectProblem(await as(tokens[role]).put(`${path}/answers`, answers), 403, 'forbidden');
        expectProblem(await as(tokens[role]).post(`${path}/submit`), 403, 'forbidden');
        expectProblem(await as(tokens[role]).post(`${path}/rescore`, { modelVersionId: small.id }), 403, 'forbidden');
        for (const read of [path, `${path}/answers`, `${path}/scores`]) expect((await as(tokens[role]).get(read)).status).toBe(200);
      }
      expect((await as(tokens.analyst).put(`${path}/answers`, answers)).body).toMatchObject({ saved: 6, rejected: [] });
      expect((await as(tokens.analyst).post(`${path}/submit`)).body.status).toBe('submitted');

      for (const role of ['viewer', 'auditor', 'analyst'] as const) {
        expectProblem(await as(tokens[role]).post(`${path}/validate`), 403, 'forbidden');
        expectProblem(await as(tokens[role]).post(`${path}/reopen`), 403, 'forbidden');
      }
      const validated = await as(tokens.admin).post(`${path}/validate`);
      expect(validated.status).toBe(200);
      expect(validated.body).toMatchObject({ status: 'validated', validatedAt: expect.any(String) });
      expectProblem(await as(tokens.admin).post(`${path}/validate`), 409, 'assessment-not-submitted');
      expectProblem(await as(tokens.analyst).put(`${path}/answers`, answers), 409, 'assessment-not-draft');

      const reopened = await as(tokens.admin).post(`${path}/reopen`);
      expect(reopened.status).toBe(200);
      expect(reopened.body).toMatchObject({ status: 'draft', validatedAt: null });
      // Reopening a draft changes nothing (the table's idempotent move); validating one is refused.
      const again = await as(tokens.admin).post(`${path}/reopen`);
      expect(again.body).toMatchObject({ status: 'draft', version: reopened.body.version });
      expectProblem(await as(tokens.admin).post(`${path}/validate`), 409, 'assessment-not-submitted');
      const changed = await as(tokens.analyst).put(`${path}/answers`, { answers: [{ questionKey: 'tech.infra.cloud', value: 4 }] });
      expect(changed.body).toMatchObject({ saved: 1, rejected: [], missing: 0 });
      const resubmitted = await as(tokens.analyst).post(`${path}/submit`);
      expect(resubmitted.status).toBe(200);
      expect(resubmitted.body.status).toBe('submitted');
      expect(resubmitted.body.score).toBeGreaterThan(validated.body.score);
      expect((await as(tokens.viewer).get(`${path}/scores`)).body.overall.score).toBe(resubmitted.body.score);

      expect(await auditActions(r.id, id)).toEqual([
        'assessment.created',
        'assessment.answers-saved',
        'assessment.submitted',
        'assessment.validated',
        'assessment.reopened',
        'assessment.answers-saved',
        'assessment.submitted',
      ]);
    });
  });

  it('listing 100 assessments runs as many statements as listing 1', async () => {
    const [one, hundred] = [await fx.tenant({ kind: 'municipality' }), await fx.tenant({ kind: 'municipality' })];
    const keyOne = await fx.apiKey(one.id, ['read', 'write']);
    const keyHundred = await fx.apiKey(hundred.id, ['read', 'write']);
    await createAssessment(t, keyOne, one.id, small.id, { answers: smallModelAnswers(), submit: true });
    for (let i = 0; i < 100; i++) {
      await createAssessment(
        t,
        keyHundred,
        hundred.id,
        small.id,
        i % 3 === 0 ? { answers: smallModelAnswers().slice(0, 1 + (i % 6)) } : {},
      );
    }
    const logger = t.app.get(DataSource).logger;
    const statementsOf = async (tenantId: string, key: { key: string }, expected: number) => {
      const spy = jest.spyOn(logger, 'logQuery');
      try {
        const res = await as(key).get(assessments(tenantId), { limit: '100' });
        expect(res.status).toBe(200);
        expect(res.body.data).toHaveLength(expected);
        return spy.mock.calls.map((call) => String(call[0]));
      } finally {
        spy.mockRestore();
      }
    };
    const forOne = await statementsOf(one.id, keyOne, 1);
    const forHundred = await statementsOf(hundred.id, keyHundred, 100);
    expect(forHundred.length).toBe(forOne.length);
    // Besides the credential check, the transaction and the access check: one statement for the page.
    expect(forHundred.filter((sql) => /\bFROM assessments\b/.test(sql))).toHaveLength(1);
    expect(forHundred.filter((sql) => /assessment_answers|maturity_model_versions/.test(sql))).toEqual([]);
  });

  describe("another tenant's assessment", () => {
    it('answers 404 on every read and write, through the other tenant or its own path', async () => {
      const a = await createAssessment(t, tokens.analyst, r.id, small.id, { answers: smallModelAnswers(), submit: true });
      for (const [who, tenant] of [
        [tokens.adminS, s],
        [tokens.adminM, m],
      ] as const) {
        for (const base of [`${assessments(tenant.id)}/${a.id}`, `${assessments(r.id)}/${a.id}`]) {
          for (const suffix of ['', '/answers', '/scores', '/benchmark', '/gaps', `/compare/${a.id}`]) {
            expectProblem(await as(who).get(`${base}${suffix}`), 404, 'not-found');
          }
          expectProblem(await as(who).get(`${base}/scores`, { explain: true, modelVersionId: small.id }), 404, 'not-found');
          expectProblem(
            await as(who).put(`${base}/answers`, { answers: [{ questionKey: 'tech.infra.cloud', value: 0 }] }),
            404,
            'not-found',
          );
          for (const action of ['submit', 'validate', 'reopen']) expectProblem(await as(who).post(`${base}/${action}`), 404, 'not-found');
          expectProblem(await as(who).post(`${base}/rescore`, { modelVersionId: small.id }), 404, 'not-found');
        }
        const list = await as(who).get(assessments(tenant.id));
        expect(list.status).toBe(200);
        expect(list.body.data.map((x: { id: string }) => x.id)).not.toContain(a.id);
      }
      expectProblem(await as(tokens.viewer).get(`${assessments(r.id)}/${uuidv7()}`), 404, 'not-found');
      const unchanged = await as(tokens.viewer).get(`${assessments(r.id)}/${a.id}`);
      expect(unchanged.body).toMatchObject({ status: 'submitted', score: a.score });
    });
  });
});
