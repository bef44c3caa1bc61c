import { Injectable } from '@nestjs/common';
import { benchmark as benchmarkAgainst, distribution, populationBand } from '@rumbo/method';
import { RequestContext } from '../../platform/context/request-context';
import { localise } from '../../platform/errors/catalogue';
import { PlatformProblem, platformProblems } from '../../platform/errors/platform.problems';
import type { ContentLanguage } from '../../platform/http/language';
import { TenantReader } from '../../tenancy/tenants/tenant-reader';
import { AssessmentsService } from '../assessments/assessments.service';
import type { BenchmarkDto, DimensionBenchmarkDto, DistributionDto } from './dto/insights.dto';
import { MaturityModelsRepository } from '../models/maturity-models.repository';
import { ScoresService } from '../scoring/scores.service';
import { InsightsRepository } from './insights.repository';

/** Where an administration stands among comparable ones, and how a parent's descendants spread (METHOD.md §2). */
@Injectable()
export class BenchmarksService {
  constructor(
    private readonly repository: InsightsRepository,
    private readonly models: MaturityModelsRepository,
    private readonly assessments: AssessmentsService,
    private readonly scores: ScoresService,
    private readonly tenants: TenantReader,
  ) {}

  /**
   * Peers: tenants of the same kind and population band with a submitted assessment of the same model
   * version and year. Figures only with at least 5 peers besides this tenant; never a peer's identity.
   */
  async benchmark(tenantId: string, id: string): Promise<BenchmarkDto> {
    const manager = RequestContext.manager();
    const assessment = await this.assessments.find(manager, tenantId, id);
    const own = await this.scores.currentResult(manager, assessment);
    const tenant = await this.tenants.profile(tenantId, manager);
    if (!tenant) throw platformProblems.raise(PlatformProblem.NotFound);
    const band = tenant.population === null ? null : populationBand(tenant.population);
    const cohort = { modelVersionId: assessment.modelVersionId, period: assessment.period, kind: tenant.kind, populationBand: band };
    const peers = await this.repository.cohort(manager, { ...cohort, band, exclude: tenantId });
    const peerOverall = peers.map((p) => p.overall).filter((v): v is number => v !== null);
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

  /** How the tenant's descendants spread over the levels (k-anonymous: at least 5 of them). */
  async distribution(tenantId: string, modelVersionId: string, period: string, language: ContentLanguage): Promise<DistributionDto> {
    const manager = RequestContext.manager();
    const levels = await this.models.levels(manager, modelVersionId);
    if (!levels) throw platformProblems.raise(PlatformProblem.NotFound);
    const scores = await this.repository.descendantScores(manager, tenantId, modelVersionId, period);
    const result = distribution(
      scores,
      levels.map((l) => ({ level: l.level, name: localise(l.name, language), minScore: l.minScore })),
    );
    if (!result.available) return { cohortSize: result.cohortSize, available: false, reason: result.reason, levels: [], quartiles: null };
    return { cohortSize: result.cohortSize, available: true, levels: result.levels.map((l) => ({ ...l })), quartiles: result.quartiles };
  }
}
