import { Injectable } from '@nestjs/common';
import { gaps } from '@rumbo/method';
import { RequestContext } from '../../platform/context/request-context';
import { AssessmentsService } from '../assessments/assessments.service';
import type { CompareDto, DimensionPointDto, GapsDto, HistoryDto, HistoryPointDto } from './dto/insights.dto';
import { ScoresService } from '../scoring/scores.service';
import { InsightsRepository, type DimensionScore } from './insights.repository';

const round = (v: number) => Math.round(v * 1e9) / 1e9;
const diff = (a: number | null | undefined, b: number | null | undefined) => (a == null || b == null ? null : round(b - a));

/** History over time, comparisons and gaps: read-only views over stored scores (live ones for drafts). */
@Injectable()
export class InsightsService {
  constructor(
    private readonly repository: InsightsRepository,
    private readonly assessments: AssessmentsService,
    private readonly scores: ScoresService,
  ) {}

  /** Submitted assessments, one per period and model (the latest submitted), with deltas to the previous period. */
  async history(tenantId: string, modelKey?: string): Promise<HistoryDto> {
    const rows = await this.repository.history(RequestContext.manager(), tenantId, modelKey);
    const previous = new Map<string, HistoryPointDto>();
    const data: HistoryPointDto[] = [];
    for (const row of rows) {
      const before = previous.get(row.modelKey);
      const beforeDims = new Map(before?.dimensions.map((d) => [`${d.areaKey}/${d.dimensionKey}`, d.score]) ?? []);
      const dimensions: DimensionPointDto[] = row.dimensions.map((d) => ({
        ...d,
        delta: diff(beforeDims.get(`${d.areaKey}/${d.dimensionKey}`), d.score),
      }));
      const point: HistoryPointDto = { ...row, delta: diff(before?.score, row.score), dimensions };
      previous.set(row.modelKey, point);
      data.push(point);
    }
    data.sort((x, y) => x.period.localeCompare(y.period) || x.modelKey.localeCompare(y.modelKey));
    return { data };
  }

  /**
   * Any two assessments of the tenant, overall and dimension by dimension (matched by key): the
   * figures kept on each row and the stored dimension scores (live ones for a draft), nothing more.
   */
  async compare(tenantId: string, aId: string, bId: string): Promise<CompareDto> {
    const manager = RequestContext.manager();
    const [a, b] = [await this.assessments.find(manager, tenantId, aId), await this.assessments.find(manager, tenantId, bId)];
    const stored = await this.repository.storedDimensions(manager, tenantId, [aId, bId]);
    const dimensionsOf = async (row: typeof a): Promise<DimensionScore[]> =>
      stored.get(row.id) ??
      (await this.scores.currentResult(manager, row)).areas.flatMap((x) =>
        x.dimensions.map((d) => ({ areaKey: x.key, dimensionKey: d.key, score: d.score })),
      );
    const dims = new Map<string, { areaKey: string; dimensionKey: string; a: number | null; b: number | null }>();
    for (const d of await dimensionsOf(a))
      dims.set(`${d.areaKey}/${d.dimensionKey}`, { areaKey: d.areaKey, dimensionKey: d.dimensionKey, a: d.score, b: null });
    for (const d of await dimensionsOf(b)) {
      const key = `${d.areaKey}/${d.dimensionKey}`;
      const entry = dims.get(key) ?? { areaKey: d.areaKey, dimensionKey: d.dimensionKey, a: null, b: null };
      entry.b = d.score;
      dims.set(key, entry);
    }
    const side = (row: typeof a) => ({
      assessmentId: row.id,
      period: row.period,
      modelVersionId: row.modelVersionId,
      score: row.score,
      level: row.level,
    });
    return {
      a: side(a),
      b: side(b),
      delta: diff(a.score, b.score),
      dimensions: [...dims.values()].map((d) => ({ ...d, delta: diff(d.a, d.b) })),
    };
  }

  /** The weakest dimensions of an assessment, with the shortfall to the next level. */
  async gaps(tenantId: string, id: string, limit: number): Promise<GapsDto> {
    const manager = RequestContext.manager();
    const assessment = await this.assessments.find(manager, tenantId, id);
    const result = await this.scores.currentResult(manager, assessment);
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
}
