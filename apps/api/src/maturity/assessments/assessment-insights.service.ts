import { Injectable } from '@nestjs/common';
import { distribution, gaps, type ScoreResult } from '@rumbo/method';
import { RequestContext } from '../../platform/context/request-context';
import { ProblemError } from '../../platform/errors/problem';
import type { ContentLanguage } from '../../platform/http/language';
import type { ModelDefinition } from '../models/model-definition';
import { AssessmentsService, levelNames } from './assessments.service';
import type { CompareDto, DimensionPointDto, DistributionDto, GapsDto, HistoryDto, HistoryPointDto } from './dto/insights.dto';

interface ScoredRow {
  assessment_id: string;
  period: string;
  status: string;
  model_version_id: string;
  model_key: string;
  overall: string | null;
  level: number | null;
  result: ScoreResult;
}

const round = (v: number) => Math.round(v * 1e9) / 1e9;
const diff = (a: number | null | undefined, b: number | null | undefined) => (a == null || b == null ? null : round(b - a));

function dimensionScores(result: ScoreResult): { areaKey: string; dimensionKey: string; score: number | null }[] {
  return result.areas.flatMap((a) => a.dimensions.map((d) => ({ areaKey: a.key, dimensionKey: d.key, score: d.score })));
}

/** History over time, comparisons, gaps and a parent's distribution: read-only views over stored scores. */
@Injectable()
export class AssessmentInsightsService {
  constructor(private readonly assessments: AssessmentsService) {}

  /** Submitted assessments, one per period and model (the latest submitted), with deltas to the previous period. */
  async history(tenantId: string, modelKey?: string): Promise<HistoryDto> {
    const rows: ScoredRow[] = await RequestContext.manager().query(
      `SELECT DISTINCT ON (m.key, a.period) a.id AS assessment_id, a.period, a.status, a.model_version_id, m.key AS model_key,
              s.overall, s.level, s.result
         FROM assessments a
         JOIN assessment_scores s ON s.tenant_id = a.tenant_id AND s.assessment_id = a.id AND s.model_version_id = a.model_version_id
         JOIN maturity_model_versions v ON v.id = a.model_version_id
         JOIN maturity_models m ON m.id = v.model_id
        WHERE a.tenant_id = $1 AND a.status IN ('submitted', 'validated') AND ($2::text IS NULL OR m.key = $2)
        ORDER BY m.key, a.period, a.submitted_at DESC`,
      [tenantId, modelKey ?? null],
    );
    const previous = new Map<string, HistoryPointDto>();
    const data: HistoryPointDto[] = [];
    for (const row of rows) {
      const before = previous.get(row.model_key);
      const score = row.overall === null ? null : Number(row.overall);
      const beforeDims = new Map(before?.dimensions.map((d) => [`${d.areaKey}/${d.dimensionKey}`, d.score]) ?? []);
      const dimensions: DimensionPointDto[] = dimensionScores(row.result).map((d) => ({
        ...d,
        delta: diff(beforeDims.get(`${d.areaKey}/${d.dimensionKey}`), d.score),
      }));
      const point: HistoryPointDto = {
        assessmentId: row.assessment_id,
        period: row.period,
        status: row.status,
        modelVersionId: row.model_version_id,
        modelKey: row.model_key,
        score,
        level: row.level,
        delta: diff(before?.score, score),
        dimensions,
      };
      previous.set(row.model_key, point);
      data.push(point);
    }
    data.sort((x, y) => x.period.localeCompare(y.period) || x.modelKey.localeCompare(y.modelKey));
    return { data };
  }

  /** Any two assessments of the tenant, dimension by dimension (matched by key). */
  async compare(tenantId: string, aId: string, bId: string): Promise<CompareDto> {
    const [a, b] = await Promise.all([this.assessments.scores(tenantId, aId, false), this.assessments.scores(tenantId, bId, false)]);
    const [ra, rb] = await Promise.all([this.assessments.get(tenantId, aId), this.assessments.get(tenantId, bId)]);
    const dims = new Map<string, { areaKey: string; dimensionKey: string; a: number | null; b: number | null }>();
    for (const area of a.areas)
      for (const d of area.dimensions) dims.set(`${area.key}/${d.key}`, { areaKey: area.key, dimensionKey: d.key, a: d.score, b: null });
    for (const area of b.areas) {
      for (const d of area.dimensions) {
        const key = `${area.key}/${d.key}`;
        const entry = dims.get(key) ?? { areaKey: area.key, dimensionKey: d.key, a: null, b: null };
        entry.b = d.score;
        dims.set(key, entry);
      }
    }
    return {
      a: { assessmentId: aId, period: ra.period, modelVersionId: a.modelVersionId, score: a.overall.score, level: a.overall.level },
      b: { assessmentId: bId, period: rb.period, modelVersionId: b.modelVersionId, score: b.overall.score, level: b.overall.level },
      delta: diff(a.overall.score, b.overall.score),
      dimensions: [...dims.values()].map((d) => ({ ...d, delta: diff(d.a, d.b) })),
    };
  }

  /** The weakest dimensions of an assessment, with the shortfall to the next level. */
  async gaps(tenantId: string, id: string, limit: number): Promise<GapsDto> {
    const manager = RequestContext.manager();
    const assessment = await this.assessments.get(tenantId, id);
    const [stored]: { result: ScoreResult }[] = await manager.query(
      'SELECT result FROM assessment_scores WHERE tenant_id = $1 AND assessment_id = $2 AND model_version_id = $3',
      [tenantId, id, assessment.modelVersionId],
    );
    const result = assessment.status !== 'draft' && stored ? stored.result : await this.assessments.liveResult(tenantId, id);
    return {
      assessmentId: id,
      data: gaps(result, { limit }).map((g) => ({
        areaKey: g.areaKey,
        dimensionKey: g.dimensionKey,
        score: g.score,
        weightInOverall: g.weightInOverall,
        level: g.level.level,
        nextLevel: g.nextLevel?.level ?? null,
        shortfall: g.shortfall,
      })),
    };
  }

  /** How the tenant's descendants spread over the levels (k-anonymous: at least 5 of them). */
  async distribution(tenantId: string, modelVersionId: string, period: string, language: ContentLanguage = 'es'): Promise<DistributionDto> {
    const manager = RequestContext.manager();
    const [version]: { definition: Pick<ModelDefinition, 'levels'> }[] = await manager.query(
      'SELECT definition FROM maturity_model_versions WHERE id = $1',
      [modelVersionId],
    );
    if (!version) throw ProblemError.notFound('model version');
    const rows: { overall: string }[] = await manager.query(
      `SELECT DISTINCT ON (a.tenant_id) s.overall
         FROM assessments a
         JOIN assessment_scores s ON s.tenant_id = a.tenant_id AND s.assessment_id = a.id AND s.model_version_id = a.model_version_id
         JOIN tenants t ON t.id = a.tenant_id
        WHERE $1 = ANY (t.ancestors) AND a.model_version_id = $2 AND a.period = $3 AND a.status IN ('submitted', 'validated') AND s.overall IS NOT NULL
        ORDER BY a.tenant_id, a.submitted_at DESC`,
      [tenantId, modelVersionId, period],
    );
    const names = levelNames(version.definition, language);
    const levels = version.definition.levels.map((l) => ({ level: l.level, name: names.get(l.level)!, minScore: l.minScore }));
    const result = distribution(
      rows.map((r) => Number(r.overall)),
      levels,
    );
    if (!result.available) return { cohortSize: result.cohortSize, available: false, reason: result.reason, levels: [], quartiles: null };
    return { cohortSize: result.cohortSize, available: true, levels: result.levels.map((l) => ({ ...l })), quartiles: result.quartiles };
  }
}
