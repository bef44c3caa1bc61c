import request from 'supertest';
import defaultModel from '../../src/maturity/default-model/default-model.json';
import type { ModelDefinition } from '../../src/maturity/models/model-definition';
import { bearer, Fixtures, login, RUN, unique, type TenantFixture, type Tokens } from './fixtures';
import { createTestApp, type TestApp } from './test-app';

/**
 * Maturity test data through the API: model documents, imports, assessments. Model keys carry the
 * run's token (and a counter), so suites sharing a database never meet each other's models.
 */

let counter = 0;

/** A model key no other run or suite uses. */
export function uniqueModelKey(prefix = 'test-model'): string {
  counter += 1;
  return `${prefix}-${RUN}-${counter}`;
}

const text = (s: string) => ({ es: s, en: s });
const options = (values: number[]) => values.map((value) => ({ value, label: text(`option ${value}`) }));

/**
 * A small valid model: two areas (weights 2 and 1), three dimensions (3, 1, 1), six questions of the
 * three types with unequal weights, one scale on 1–5 rather than 0–4. Small enough to answer by hand,
 * uneven enough that a wrong weight or normalisation shows in the score.
 */
export function smallModel(key: string): ModelDefinition {
  return {
    key,
    name: text(`Model ${key}`),
    levels: [
      { level: 1, name: text('Initial'), minScore: 0 },
      { level: 2, name: text('Developing'), minScore: 20 },
      { level: 3, name: text('Defined'), minScore: 40 },
      { level: 4, name: text('Managed'), minScore: 60 },
      { level: 5, name: text('Optimising'), minScore: 80 },
    ],
    areas: [
      {
        key: 'tech',
        weight: 2,
        name: text('Technologies'),
        dimensions: [
          {
            key: 'tech.infra',
            weight: 3,
            name: text('Infrastructure'),
            questions: [
              { key: 'tech.infra.cloud', type: 'scale', weight: 2, text: text('Cloud?'), options: options([0, 1, 2, 3, 4]) },
              { key: 'tech.infra.backup', type: 'yes_no', weight: 1, text: text('Backups?') },
            ],
          },
          {
            key: 'tech.data',
            weight: 1,
            name: text('Data'),
            questions: [{ key: 'tech.data.open', type: 'percentage', weight: 1, text: text('Open data share?') }],
          },
        ],
      },
      {
        key: 'people',
        weight: 1,
        name: text('People'),
        dimensions: [
          {
            key: 'people.skills',
            weight: 1,
            name: text('Skills'),
            questions: [
              { key: 'people.skills.plan', type: 'scale', weight: 1, text: text('Training plan?'), options: options([1, 2, 3, 4, 5]) },
              { key: 'people.skills.trained', type: 'percentage', weight: 2, text: text('Staff trained?') },
              { key: 'people.skills.dpo', type: 'yes_no', weight: 3, text: text('Data protection officer?') },
            ],
          },
        ],
      },
    ],
  };
}

/** The default model (57 questions) under another key, so a run can publish its own copy. */
export function defaultModelCopy(key: string): ModelDefinition {
  const copy = structuredClone(defaultModel) as unknown as ModelDefinition;
  copy.key = key;
  delete copy.version;
  return copy;
}

/** Every question of a definition with its area and dimension keys, in model order. */
export function questionsOf(definition: ModelDefinition) {
  return definition.areas.flatMap((area) =>
    area.dimensions.flatMap((dimension) =>
      dimension.questions.map((question) => ({ ...question, areaKey: area.key, dimensionKey: dimension.key })),
    ),
  );
}

export interface VersionBody {
  id: string;
  modelId: string;
  key: string;
  version: number;
  status: 'draft' | 'published';
  scope: 'global' | 'tenant';
  questionCount: number;
}

type Credential = Parameters<typeof bearer>[0];

/**
 * Imports a model document (global, or owned by `tenantId`) and expects 201; returns the version.
 */
export async function importModel(
  t: TestApp,
  credential: Credential,
  document: object,
  options: { publish?: boolean; tenantId?: string } = {},
): Promise<VersionBody> {
  const path = options.tenantId ? `/v1/tenants/${options.tenantId}/maturity-models/import` : '/v1/maturity-models/import';
  const res = await request(t.server)
    .post(path)
    .query({ publish: options.publish ?? false })
    .set('Authorization', bearer(credential))
    .send(document);
  if (res.status !== 201) throw new Error(`import of ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as VersionBody;
}

export type AnswerInput = {
  questionKey: string;
  value?: number | boolean | null;
  notApplicable?: true;
  comment?: string | null;
  evidence?: string | null;
};

let periods = 0;

/**
 * A period (year) no other assessment of this test process uses: a tenant has one assessment per
 * model and period, so tests that start several in one tenant give each its own year.
 */
export function uniquePeriod(): string {
  periods += 1;
  return String(1900 + periods);
}

/** Evidence for every question of a definition that requires it (submitting needs it). */
export function withEvidence(definition: ModelDefinition, answers: AnswerInput[]): AnswerInput[] {
  const required = new Set(
    questionsOf(definition)
      .filter((q) => q.evidenceRequired)
      .map((q) => q.key),
  );
  return answers.map((a) =>
    required.has(a.questionKey) && !a.notApplicable ? { ...a, evidence: `https://evidence.example/${a.questionKey}` } : a,
  );
}

/** One valid answer per question of the small model (full coverage). */
export function smallModelAnswers(): AnswerInput[] {
  return [
    { questionKey: 'tech.infra.cloud', value: 3 },
    { questionKey: 'tech.infra.backup', value: true },
    { questionKey: 'tech.data.open', value: 40 },
    { questionKey: 'people.skills.plan', value: 2 },
    { questionKey: 'people.skills.trained', value: 75 },
    { questionKey: 'people.skills.dpo', value: false },
  ];
}

/**
 * Creates an assessment in the tenant (for `period`, or a year of its own) and, when `answers` are
 * given, answers and submits it; expects each step to succeed. Returns the assessment as the last
 * step answered it.
 */
export async function createAssessment(
  t: TestApp,
  credential: Credential,
  tenantId: string,
  modelVersionId: string,
  options: { period?: string; answers?: AnswerInput[]; submit?: boolean } = {},
): Promise<{ id: string; status: string; score: number | null } & Record<string, unknown>> {
  const auth = bearer(credential);
  const created = await request(t.server)
    .post(`/v1/tenants/${tenantId}/assessments`)
    .set('Authorization', auth)
    .send({ modelVersionId, period: options.period ?? uniquePeriod() });
  if (created.status !== 201) throw new Error(`assessment creation answered ${created.status}: ${JSON.stringify(created.body)}`);
  let body = created.body;
  if (options.answers) {
    const put = await request(t.server)
      .put(`/v1/tenants/${tenantId}/assessments/${body.id}/answers`)
      .set('Authorization', auth)
      .send({ answers: options.answers });
    if (put.status !== 200 || put.body.rejected.length) throw new Error(`answers answered ${put.status}: ${JSON.stringify(put.body)}`);
  }
  if (options.submit) {
    const submitted = await request(t.server).post(`/v1/tenants/${tenantId}/assessments/${body.id}/submit`).set('Authorization', auth);
    if (submitted.status !== 200) throw new Error(`submit answered ${submitted.status}: ${JSON.stringify(submitted.body)}`);
    body = submitted.body;
  }
  return body;
}

/**
 * The maturity suites' world: a country C with regions R (and its municipality M) and S; users of R
 * in every role, admins of M and S, a platform administrator; the small model and a copy of the
 * default model (57 questions), both global and published, and a model R owns (published).
 */
export interface MaturityWorld {
  t: TestApp;
  fx: Fixtures;
  platform: Tokens;
  c: TenantFixture;
  r: TenantFixture;
  m: TenantFixture;
  s: TenantFixture;
  tokens: Record<'admin' | 'analyst' | 'viewer' | 'auditor' | 'adminM' | 'adminS', Tokens>;
  smallKey: string;
  small: VersionBody;
  fullDefinition: ModelDefinition;
  full: VersionBody;
  rOwned: VersionBody;
  close(): Promise<void>;
}

export async function openMaturityWorld(): Promise<MaturityWorld> {
  const t = await createTestApp();
  const fx = await Fixtures.open();
  const platform = await login(t, await fx.user({ platformAdmin: true }));
  const c = await fx.tenant({ kind: 'country', name: unique('Country') });
  const r = await fx.tenant({ parentId: c.id, kind: 'region', name: unique('Region R') });
  const m = await fx.tenant({ parentId: r.id, kind: 'municipality', name: unique('Town M') });
  const s = await fx.tenant({ parentId: c.id, kind: 'region', name: unique('Region S') });
  const users = {
    admin: await fx.user({ memberships: [{ tenantId: r.id, role: 'admin' }] }),
    analyst: await fx.user({ memberships: [{ tenantId: r.id, role: 'analyst' }] }),
    viewer: await fx.user({ memberships: [{ tenantId: r.id, role: 'viewer' }] }),
    auditor: await fx.user({ memberships: [{ tenantId: r.id, role: 'auditor' }] }),
    adminM: await fx.user({ memberships: [{ tenantId: m.id, role: 'admin' }] }),
    adminS: await fx.user({ memberships: [{ tenantId: s.id, role: 'admin' }] }),
  };
  const tokens = {} as MaturityWorld['tokens'];
  for (const [name, user] of Object.entries(users)) tokens[name as keyof typeof tokens] = await login(t, user);
  const smallKey = uniqueModelKey('small');
  const small = await importModel(t, platform, smallModel(smallKey), { publish: true });
  const fullDefinition = defaultModelCopy(uniqueModelKey('default'));
  const full = await importModel(t, platform, fullDefinition, { publish: true });
  const rOwned = await importModel(t, tokens.admin, smallModel(uniqueModelKey('region-r')), { tenantId: r.id, publish: true });
  return {
    t,
    fx,
    platform,
    c,
    r,
    m,
    s,
    tokens,
    smallKey,
    small,
    fullDefinition,
    full,
    rOwned,
    close: async () => {
      await fx.close();
      await t.close();
    },
  };
}

/** Requests as one credential. */
export function requestAs(t: TestApp, credential: Credential) {
  return {
    get: (path: string, query: Record<string, string | boolean> = {}) =>
      request(t.server).get(path).query(query).set('Authorization', bearer(credential)),
    post: (path: string, body?: object, query: Record<string, string | boolean> = {}) => {
      const req = request(t.server).post(path).query(query).set('Authorization', bearer(credential));
      return body ? req.send(body) : req;
    },
    put: (path: string, body: object) => request(t.server).put(path).set('Authorization', bearer(credential)).send(body),
  };
}
