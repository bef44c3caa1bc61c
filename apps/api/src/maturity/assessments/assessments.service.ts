import { Injectable } from '@nestjs/common';
import {
  benchmark as benchmarkAgainst,
  mapAnswers,
  missingQuestions,
  populationBand,
  prepareModel,
  scoreAssessment,
  validateAnswers,
  type Answer,
  type AreaScore,
  type DimensionScore,
  type PreparedModel,
  type ScoreResult,
} from '@rumbo/method';
import type { EntityManager } from 'typeorm';
import type { ContentLanguage } from '../../platform/http/language';
import { RequestContext } from '../../platform/context/request-context';
import { ProblemError } from '../../platform/errors/problem';
import { decodeCursor, DEFAULT_PAGE_SIZE, toPage, type Page } from '../../platform/http/pagination';
import type { ModelDefinition } from '../models/model-definition';
import { toMethodModel } from '../models/method-model';
import { MaturityModelsService } from '../models/maturity-models.service';
import type { MaturityModelVersion } from '../models/maturity-model-version.entity';
import { AssessmentAnswer } from './assessment-answer.entity';
import { AssessmentScore } from './assessment-score.entity';
import { Assessment } from './assessment.entity';
import type { AnswerDto, AnswersResultDto, AssessmentCreateDto, AssessmentDto, AssessmentListQueryDto } from './dto/assessment.dto';
import type { AssessmentScoresDto, BenchmarkDto, DimensionBenchmarkDto } from './dto/score.dto';

interface ScoringContext {
  version: MaturityModelVersion;
  definition: ModelDefinition;
  model: PreparedModel;
}

const MAX_TEXT = { comment: 4000, evidence: 2000 };

/** Assessments: lifecycle draft → submitted → validated (or reopened), answers, scores with provenance. */
@Injectable()
export class AssessmentsService {
  private readonly prepared = new Map<string, ScoringContext>();

  constructor(private readonly models: MaturityModelsService) {}

  async create(tenantId: string, dto: AssessmentCreateDto): Promise<AssessmentDto> {
    const manager = RequestContext.manager();
    const notUsable = () =>
      ProblemError.unprocessable('The model version does not exist or is not usable in this tenant.', [
        { path: 'modelVersionId', code: 'notFound', message: 'no such model version' },
      ]);
    const context = await this.scoring(dto.modelVersionId, manager).catch(() => {
      throw notUsable();
    });
    const owner = context.version.ownerTenantId;
    if (owner !== null && !(await this.models.usableOwners(tenantId, manager)).has(owner)) throw notUsable();
    if (context.version.status !== 'published') {
      throw ProblemError.unprocessable('Only published model versions can be used for assessments.', [
        { path: 'modelVersionId', code: 'notPublished', message: 'the version is a draft' },
      ]);
    }
    const assessment = await manager.save(
      manager.create(Assessment, {
        tenantId,
        modelVersionId: dto.modelVersionId,
        period: dto.period,
        title: dto.title?.trim() || null,
        respondents: dto.respondents ?? [],
        createdBy: actingUserId(),
      }),
    );
    return this.toDto(assessment, [], manager);
  }

  async list(tenantId: string, query: AssessmentListQueryDto): Promise<Page<AssessmentDto>> {
    const manager = RequestContext.manager();
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const qb = manager.createQueryBuilder(Assessment, 'a').where('a.tenant_id = :tenantId', { tenantId });
    if (query.period) qb.andWhere('a.period = :period', { period: query.period });
    if (query.status) qb.andWhere('a.status = :status', { status: query.status });
    const after = decodeCursor(query.cursor, 2);
    if (after) qb.andWhere('(a.period, a.id) < (:p, :i)', { p: after[0], i: after[1] });
    const rows = await qb
      .orderBy('a.period', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .take(limit + 1)
      .getMany();
    const page = toPage(rows, limit, (a) => [a.period, a.id]);
    const answers = await this.answersOf(
      tenantId,
      page.data.map((a) => a.id),
      manager,
    );
    return { data: await Promise.all(page.data.map((a) => this.toDto(a, answers.get(a.id) ?? [], manager))), nextCursor: page.nextCursor };
  }

  async get(tenantId: string, id: string): Promise<AssessmentDto> {
    const manager = RequestContext.manager();
    const assessment = await this.find(tenantId, id, manager);
    return this.toDto(assessment, (await this.answersOf(tenantId, [id], manager)).get(id) ?? [], manager);
  }

  async answers(tenantId: string, id: string): Promise<AnswerDto[]> {
    const manager = RequestContext.manager();
    const context = await this.scoring((await this.find(tenantId, id, manager)).modelVersionId, manager);
    const rows = (await this.answersOf(tenantId, [id], manager)).get(id) ?? [];
    return rows.map((r) => ({
      questionKey: r.questionKey,
      value: r.notApplicable ? null : presentValue(context, r),
      notApplicable: r.notApplicable,
      comment: r.comment,
      evidence: r.evidence,
      updatedAt: r.updatedAt.toISOString(),
    }));
  }

  /**
   * Upserts answers (autosave and integrators' bulk answers). Each bad answer is reported with its
   * position and reason; the good ones are stored. Only drafts accept answers (409 otherwise).
   */
  async putAnswers(tenantId: string, id: string, raw: unknown[]): Promise<AnswersResultDto> {
    const manager = RequestContext.manager();
    const assessment = await this.find(tenantId, id, manager, true);
    if (assessment.status !== 'draft') throw this.notDraft(assessment);
    const context = await this.scoring(assessment.modelVersionId, manager);
    const rejected: AnswersResultDto['rejected'] = [];
    const upserts: { key: string; value: number | null; na: boolean; comment: string | null; evidence: string | null }[] = [];
    const clears: string[] = [];
    const candidates: { index: number; answer: Answer }[] = [];
    const seen = new Set<string>();
    raw.forEach((item, index) => {
      const reject = (code: string, message: string, key: string | null = null) =>
        rejected.push({ index, questionKey: key, code, message });
      if (!item || typeof item !== 'object' || Array.isArray(item)) return reject('invalid-answer', 'each answer must be an object');
      const a = item as Record<string, unknown>;
      const key = typeof a.questionKey === 'string' ? a.questionKey : null;
      if (!key) return reject('invalid-answer', 'questionKey is required');
      const question = context.model.questions.get(key);
      if (!question) return reject('unknown-question', `no question "${key}" in this model version`, key);
      if (seen.has(key)) return reject('duplicate-answer', 'the same question appears twice in this request', key);
      seen.add(key);
      for (const field of ['comment', 'evidence'] as const) {
        const v = a[field];
        if (v !== undefined && v !== null && (typeof v !== 'string' || v.length > MAX_TEXT[field])) {
          return reject('invalid-value', `${field} must be a string of at most ${MAX_TEXT[field]} characters`, key);
        }
      }
      const extra = Object.keys(a).filter((k) => !['questionKey', 'value', 'notApplicable', 'comment', 'evidence'].includes(k));
      if (extra.length) return reject('invalid-answer', `unknown properties: ${extra.join(', ')}`, key);
      const comment = (a.comment as string | null | undefined) ?? null;
      const evidence = (a.evidence as string | null | undefined) ?? null;
      if (a.notApplicable === true) {
        if (a.value !== undefined && a.value !== null)
          return reject('invalid-answer', 'give either a value or notApplicable: true, not both', key);
        upserts.push({ key, value: null, na: true, comment, evidence });
        return;
      }
      if (a.notApplicable !== undefined && a.notApplicable !== false)
        return reject('invalid-answer', 'notApplicable must be true when given', key);
      if (a.value === null || a.value === undefined) {
        clears.push(key);
        return;
      }
      // yes_no accepts 1/0 as well as true/false.
      const value = question.type === 'yes_no' && (a.value === 1 || a.value === 0) ? a.value === 1 : a.value;
      if (question.type === 'percentage' && typeof value === 'number' && (value < 0 || value > 100)) {
        return reject('invalid-value', 'a percentage answer must be between 0 and 100', key);
      }
      const answer = { questionKey: key, value } as Answer;
      const issues = validateAnswers(context.model, [answer]);
      if (issues.length) return reject(issues[0].code, issues[0].message, key);
      candidates.push({ index, answer });
      upserts.push({ key, value: typeof value === 'boolean' ? (value ? 1 : 0) : (value as number), na: false, comment, evidence });
    });

    if (upserts.length) {
      await manager.query(
        `INSERT INTO assessment_answers (tenant_id, assessment_id, question_key, value, not_applicable, comment, evidence, answered_by, updated_at)
         SELECT $1, $2, k, v, na, c, e, $8, now() FROM unnest($3::text[], $4::numeric[], $5::boolean[], $6::text[], $7::text[]) AS u(k, v, na, c, e)
         ON CONFLICT (tenant_id, assessment_id, question_key) DO UPDATE
           SET value = EXCLUDED.value, not_applicable = EXCLUDED.not_applicable, comment = EXCLUDED.comment, evidence = EXCLUDED.evidence,
               answered_by = EXCLUDED.answered_by, updated_at = now()`,
        [
          tenantId,
          id,
          upserts.map((u) => u.key),
          upserts.map((u) => u.value),
          upserts.map((u) => u.na),
          upserts.map((u) => u.comment),
          upserts.map((u) => u.evidence),
          actingUserId(),
        ],
      );
    }
    if (clears.length) {
      await manager.query(
        'DELETE FROM assessment_answers WHERE tenant_id = $1 AND assessment_id = $2 AND question_key = ANY ($3::text[])',
        [tenantId, id, clears],
      );
    }
    await manager.query('UPDATE assessments SET updated_at = now() WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    const answers = this.methodAnswers(context, (await this.answersOf(tenantId, [id], manager)).get(id) ?? []);
    const result = scoreAssessment(context.model, answers);
    return {
      saved: upserts.length + clears.length,
      rejected,
      coverage: result.overall.coverage,
      missing: missingQuestions(context.model, answers).length,
    };
  }

  /** Submits a complete draft: 422 naming every missing question; the score is stored with its provenance. */
  async submit(tenantId: string, id: string): Promise<AssessmentDto> {
    const manager = RequestContext.manager();
    const assessment = await this.find(tenantId, id, manager, true);
    if (assessment.status !== 'draft') throw this.notDraft(assessment);
    const context = await this.scoring(assessment.modelVersionId, manager);
    const rows = (await this.answersOf(tenantId, [id], manager)).get(id) ?? [];
    const answers = this.methodAnswers(context, rows);
    const missing = missingQuestions(context.model, answers);
    if (missing.length) {
      throw ProblemError.unprocessable(
        `${missing.length} question(s) still need an answer (or "not applicable") before submitting.`,
        missing.map((m) => ({
          path: `answers.${m.questionKey}`,
          code: 'missing',
          message: `${m.areaKey} › ${m.dimensionKey} › ${m.questionKey}`,
        })),
        'assessment-incomplete',
      );
    }
    await this.storeScore(assessment, context, scoreAssessment(context.model, answers), manager);
    assessment.status = 'submitted';
    assessment.submittedAt = new Date();
    assessment.submittedBy = actingUserId();
    await manager.save(assessment);
    return this.toDto(assessment, rows, manager);
  }

  async validate(tenantId: string, id: string): Promise<AssessmentDto> {
    const manager = RequestContext.manager();
    const assessment = await this.find(tenantId, id, manager, true);
    if (assessment.status !== 'submitted')
      throw ProblemError.conflict(`Only submitted assessments can be validated; this one is ${assessment.status}.`, 'invalid-state');
    assessment.status = 'validated';
    assessment.validatedAt = new Date();
    assessment.validatedBy = actingUserId();
    await manager.save(assessment);
    return this.get(tenantId, id);
  }

  async reopen(tenantId: string, id: string): Promise<AssessmentDto> {
    const manager = RequestContext.manager();
    const assessment = await this.find(tenantId, id, manager, true);
    if (assessment.status === 'draft') return this.get(tenantId, id);
    assessment.status = 'draft';
    assessment.validatedAt = null;
    assessment.validatedBy = null;
    await manager.save(assessment);
    return this.get(tenantId, id);
  }

  /** The stored score (submitted) or a live one (draft); with explain, every question's contribution. */
  async scores(
    tenantId: string,
    id: string,
    explain: boolean,
    versionId?: string,
    language: ContentLanguage = 'es',
  ): Promise<AssessmentScoresDto> {
    const manager = RequestContext.manager();
    const assessment = await this.find(tenantId, id, manager);
    const targetVersion = versionId ?? assessment.modelVersionId;
    const stored = await manager.findOneBy(AssessmentScore, { tenantId, assessmentId: id, modelVersionId: targetVersion });
    if (stored && (assessment.status !== 'draft' || targetVersion !== assessment.modelVersionId)) {
      const names = language === 'es' ? undefined : await this.storedLevelNames(targetVersion, language, manager);
      return presentScores(id, targetVersion, stored.computedAt, stored.result as unknown as ScoreResult, explain, names);
    }
    if (targetVersion !== assessment.modelVersionId) throw ProblemError.notFound('score under that model version (re-score first)');
    const context = await this.scoring(assessment.modelVersionId, manager);
    const answers = this.methodAnswers(context, (await this.answersOf(tenantId, [id], manager)).get(id) ?? []);
    return presentScores(
      id,
      targetVersion,
      null,
      scoreAssessment(context.model, answers),
      explain,
      levelNames(context.definition, language),
    );
  }

  /** Level names of a version in a language, reading only the levels of its definition. */
  private async storedLevelNames(versionId: string, language: ContentLanguage, manager: EntityManager): Promise<Map<number, string>> {
    const [row]: { levels: ModelDefinition['levels'] | null }[] = await manager.query(
      `SELECT definition->'levels' AS levels FROM maturity_model_versions WHERE id = $1`,
      [versionId],
    );
    return levelNames({ levels: row?.levels ?? [] }, language);
  }

  /** The current answers scored live (drafts have no stored score). */
  async liveResult(tenantId: string, id: string): Promise<ScoreResult> {
    const manager = RequestContext.manager();
    const assessment = await this.find(tenantId, id, manager);
    const context = await this.scoring(assessment.modelVersionId, manager);
    return scoreAssessment(context.model, this.methodAnswers(context, (await this.answersOf(tenantId, [id], manager)).get(id) ?? []));
  }

  /** Re-scores the answers under another version of the same model, matching questions by key. */
  async rescore(
    tenantId: string,
    id: string,
    targetVersionId: string,
    language: ContentLanguage = 'es',
  ): Promise<AssessmentScoresDto & { dropped: { questionKey: string; reason: string; message: string }[] }> {
    const manager = RequestContext.manager();
    const assessment = await this.find(tenantId, id, manager);
    const from = await this.scoring(assessment.modelVersionId, manager);
    const to = await this.scoring(targetVersionId, manager).catch(() => {
      throw ProblemError.unprocessable('The target model version does not exist or is not usable here.', [
        { path: 'modelVersionId', code: 'notFound', message: 'no such model version' },
      ]);
    });
    if (to.version.modelId !== from.version.modelId || to.version.status !== 'published') {
      throw ProblemError.unprocessable('Re-scoring needs a published version of the same model.', [
        { path: 'modelVersionId', code: 'otherModel', message: 'not a published version of this assessment’s model' },
      ]);
    }
    const answers = this.methodAnswers(from, (await this.answersOf(tenantId, [id], manager)).get(id) ?? []);
    const mapped = mapAnswers(answers, from.model, to.model);
    const result = scoreAssessment(to.model, mapped.kept);
    const stored = await this.storeScore(assessment, to, result, manager);
    return {
      ...presentScores(id, targetVersionId, stored.computedAt, result, true, levelNames(to.definition, language)),
      dropped: mapped.dropped.map((d) => ({ questionKey: d.questionKey, reason: d.reason, message: d.message })),
    };
  }

  /**
   * Peers: tenants of the same kind and population band with a submitted assessment of the same model
   * version and year. Figures only with at least 5 peers besides this tenant; never a peer's identity.
   */
  async benchmark(tenantId: string, id: string): Promise<BenchmarkDto> {
    const manager = RequestContext.manager();
    const assessment = await this.find(tenantId, id, manager);
    const own = await this.scores(tenantId, id, false);
    const [tenant]: { kind: string; population: number | null }[] = await manager.query(
      'SELECT kind, population FROM tenants WHERE id = $1',
      [tenantId],
    );
    const band = tenant.population === null ? null : populationBand(tenant.population);
    const peers: { overall: string | null; result: ScoreResult }[] = await manager.query(
      'SELECT overall, result FROM rumbo_maturity_cohort($1, $2, $3, $4, $5)',
      [assessment.modelVersionId, assessment.period, tenant.kind, band, tenantId],
    );
    const cohort = { modelVersionId: assessment.modelVersionId, period: assessment.period, kind: tenant.kind, populationBand: band };
    const peerOverall = peers.map((p) => (p.overall === null ? null : Number(p.overall))).filter((v): v is number => v !== null);
    const overall = own.overall.score === null ? null : benchmarkAgainst(own.overall.score, peerOverall);
    if (!overall || !overall.available) {
      return {
        cohortSize: peerOverall.length,
        available: false,
        reason: overall ? overall.reason : 'no-score',
        cohort,
        percentile: null,
        quartiles: null,
        dimensions: [],
      };
    }
    const dimensions: DimensionBenchmarkDto[] = [];
    for (const area of own.areas) {
      for (const dimension of area.dimensions) {
        const values = peers
          .map((p) => p.result.areas.find((a) => a.key === area.key)?.dimensions.find((d) => d.key === dimension.key)?.score ?? null)
          .filter((v): v is number => v !== null);
        const b = dimension.score === null ? null : benchmarkAgainst(dimension.score, values);
        dimensions.push({
          areaKey: area.key,
          dimensionKey: dimension.key,
          score: dimension.score,
          percentile: b && b.available ? b.percentileRank : null,
          quartiles: b && b.available ? b.quartiles : null,
        });
      }
    }
    return {
      cohortSize: peerOverall.length,
      available: true,
      cohort,
      percentile: overall.percentileRank,
      quartiles: overall.quartiles,
      dimensions,
    };
  }

  private async storeScore(
    assessment: Assessment,
    context: ScoringContext,
    result: ScoreResult,
    manager: EntityManager,
  ): Promise<AssessmentScore> {
    const score = manager.create(AssessmentScore, {
      tenantId: assessment.tenantId,
      assessmentId: assessment.id,
      modelVersionId: context.version.id,
      overall: result.overall.score,
      level: result.overall.level?.level ?? null,
      coverage: result.overall.coverage,
      result: result as unknown as Record<string, unknown>,
      computedAt: new Date(),
    });
    await manager.upsert(AssessmentScore, score as never, ['tenantId', 'assessmentId', 'modelVersionId']);
    return score;
  }

  private async find(tenantId: string, id: string, manager: EntityManager, lock = false): Promise<Assessment> {
    const assessment = await manager.findOne(Assessment, {
      where: { tenantId, id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!assessment) throw ProblemError.notFound('assessment');
    return assessment;
  }

  private notDraft(assessment: Assessment): ProblemError {
    return ProblemError.conflict(
      `This assessment is ${assessment.status}: only drafts can change. Reopen it first (admins).`,
      'assessment-not-draft',
    );
  }

  /** Published versions never change, so their prepared model is cached; drafts are re-read. */
  private async scoring(versionId: string, manager: EntityManager): Promise<ScoringContext> {
    const cached = this.prepared.get(versionId);
    if (cached) {
      // Still check visibility in this tenant's context (row-level security decides).
      const visible = await manager.query('SELECT 1 FROM maturity_model_versions WHERE id = $1', [versionId]);
      if (!visible.length) throw ProblemError.notFound('model version');
      return cached;
    }
    const { version, definition } = await this.models.definition(versionId, manager);
    const context = { version, definition, model: prepareModel(toMethodModel(definition)) };
    if (version.status === 'published') this.prepared.set(versionId, context);
    return context;
  }

  private async answersOf(tenantId: string, ids: string[], manager: EntityManager): Promise<Map<string, AssessmentAnswer[]>> {
    const map = new Map<string, AssessmentAnswer[]>();
    if (!ids.length) return map;
    const rows = await manager
      .createQueryBuilder(AssessmentAnswer, 'x')
      .where('x.tenant_id = :tenantId AND x.assessment_id IN (:...ids)', { tenantId, ids })
      .orderBy('x.question_key')
      .getMany();
    for (const r of rows) map.set(r.assessmentId, [...(map.get(r.assessmentId) ?? []), r]);
    return map;
  }

  private methodAnswers(context: ScoringContext, rows: AssessmentAnswer[]): Answer[] {
    const out: Answer[] = [];
    for (const r of rows) {
      if (!context.model.questions.has(r.questionKey)) continue;
      if (r.notApplicable) out.push({ questionKey: r.questionKey, notApplicable: true });
      else if (r.value !== null) out.push({ questionKey: r.questionKey, value: presentValue(context, r) as number | boolean });
    }
    return out;
  }

  private async toDto(a: Assessment, rows: AssessmentAnswer[], manager: EntityManager): Promise<AssessmentDto> {
    const context = await this.scoring(a.modelVersionId, manager);
    const result = scoreAssessment(context.model, this.methodAnswers(context, rows));
    return {
      id: a.id,
      tenantId: a.tenantId,
      modelVersionId: a.modelVersionId,
      period: a.period,
      title: a.title,
      status: a.status,
      respondents: a.respondents,
      coverage: result.overall.coverage,
      answeredCount: result.overall.counts.answered + result.overall.counts.notApplicable,
      questionCount: result.overall.counts.total,
      score: result.overall.score,
      level: result.overall.level?.level ?? null,
      submittedAt: a.submittedAt?.toISOString() ?? null,
      validatedAt: a.validatedAt?.toISOString() ?? null,
      version: a.version,
      createdAt: a.createdAt.toISOString(),
      updatedAt: a.updatedAt.toISOString(),
    };
  }
}

/** The signed-in user acting, if the actor is one (API keys and the system leave no user id). */
function actingUserId(): string | null {
  const actor = RequestContext.current()?.actor;
  return actor?.type === 'user' ? actor.id : null;
}

function presentValue(context: ScoringContext, row: AssessmentAnswer): number | boolean | null {
  if (row.value === null) return null;
  return context.model.questions.get(row.questionKey)?.type === 'yes_no' ? row.value === 1 : row.value;
}

/**
 * Level names in one language. Scores are computed (and stored) with the Spanish names; other
 * languages are put in when presenting them, from the same model version's levels.
 */
export function levelNames(definition: Pick<ModelDefinition, 'levels'>, language: ContentLanguage): Map<number, string> {
  return new Map(definition.levels.map((l) => [l.level, l.name[language] ?? l.name.es]));
}

/** The API's view of a ScoreResult: levels as numbers with names; questions only with explain. */
export function presentScores(
  assessmentId: string,
  modelVersionId: string,
  computedAt: Date | null,
  result: ScoreResult,
  explain: boolean,
  names?: ReadonlyMap<number, string>,
): AssessmentScoresDto {
  const nameOf = (l: { level: number; name: string }) => names?.get(l.level) ?? l.name;
  const level = (l: { level: number; name: string } | null) => ({ level: l?.level ?? null, levelName: l ? nameOf(l) : null });
  const dimension = (d: DimensionScore) => {
    const { questions, level: l, ...rest } = d;
    return { ...rest, ...level(l), counts: { ...d.counts }, ...(explain ? { questions: questions.map((q) => ({ ...q })) } : {}) };
  };
  const area = (a: AreaScore) => {
    const { dimensions, level: l, ...rest } = a;
    return { ...rest, ...level(l), counts: { ...a.counts }, dimensions: dimensions.map(dimension) };
  };
  return {
    assessmentId,
    modelVersionId,
    computedAt: computedAt?.toISOString() ?? null,
    overall: {
      score: result.overall.score,
      ...level(result.overall.level),
      coverage: result.overall.coverage,
      counts: { ...result.overall.counts },
    },
    levels: result.levels.map((l) => ({ level: l.level, name: nameOf(l), minScore: l.minScore })),
    areas: result.areas.map(area),
  };
}
