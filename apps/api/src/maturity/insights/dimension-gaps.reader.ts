import { Injectable } from '@nestjs/common';
import { gaps } from '@rumbo/method';
import type { EntityManager } from 'typeorm';
import { RequestContext } from '../../platform/context/request-context';
import { TenantReader } from '../../tenancy/tenants/tenant-reader';
import { AssessmentsRepository } from '../assessments/assessments.repository';
import type { LocalisedText } from '../models/maturity-model.entity';
import { MaturityModelsRepository } from '../models/maturity-models.repository';
import { ScoringModels } from '../scoring/scoring-models';
import { ScoresService } from '../scoring/scores.service';

/** A model a tenant may use: global, its own or an ancestor's. */
export interface UsableModel {
  id: string;
  key: string;
  name: LocalisedText;
  ownerTenantId: string | null;
}

/** One dimension of a model with its result in the tenant's latest submitted assessment (nulls when none). */
export interface DimensionGap {
  areaKey: string;
  dimensionKey: string;
  name: LocalisedText;
  score: number | null;
  level: number | null;
  nextLevel: number | null;
  /** Points to the next level's minimum score (null at the top level or without a score). */
  shortfall: number | null;
}

/** A model's dimensions as the tenant stands in them. */
export interface ModelGaps {
  model: UsableModel;
  /** The latest submitted (or validated) assessment of the model, or null when there is none. */
  assessmentId: string | null;
  period: string | null;
  /** In the order of the model's document (the assessment's version, else the latest published one). */
  dimensions: DimensionGap[];
}

/**
 * What other modules may know of a tenant's maturity gaps (frictions' root causes and the cost of
 * each gap): the models it may use, and for each, its dimensions with the score, level, next level
 * and shortfall of the tenant's latest submitted assessment, from the stored score and @rumbo/method's
 * gaps() (as InsightsService.gaps). Read in the request's transaction, under row-level security.
 */
@Injectable()
export class MaturityGapReader {
  constructor(
    private readonly models: MaturityModelsRepository,
    private readonly assessments: AssessmentsRepository,
    private readonly scoring: ScoringModels,
    private readonly scores: ScoresService,
    private readonly tenants: TenantReader,
  ) {}

  /** The models the tenant may use (global, its own, its ancestors'), by id. */
  async usableModels(tenantId: string, manager: EntityManager = RequestContext.manager()): Promise<Map<string, UsableModel>> {
    const owners = new Set([tenantId, ...(await this.tenants.ancestors(tenantId, manager))]);
    const rows = await this.models.models(manager);
    return new Map(
      rows
        .filter((m) => m.ownerTenantId === null || owners.has(m.ownerTenantId))
        .map((m) => [m.id, { id: m.id, key: m.key, name: m.name, ownerTenantId: m.ownerTenantId }]),
    );
  }

  /**
   * A usable model by key: the tenant's own first, then the nearest ancestor's, then the global one
   * (keys are unique per owner, so one key may name several).
   */
  async modelByKey(tenantId: string, key: string, manager: EntityManager = RequestContext.manager()): Promise<UsableModel | null> {
    const order = [tenantId, ...(await this.tenants.ancestors(tenantId, manager)).reverse()];
    const rank = (owner: string | null) => (owner === null ? order.length : order.indexOf(owner));
    const candidates = [...(await this.usableModels(tenantId, manager)).values()].filter((m) => m.key === key);
    candidates.sort((a, b) => rank(a.ownerTenantId) - rank(b.ownerTenantId));
    return candidates[0] ?? null;
  }

  /** The model of the tenant's latest submitted assessment (latest period, then latest submission), or null. */
  async latestAssessedModelId(tenantId: string, manager: EntityManager = RequestContext.manager()): Promise<string | null> {
    const latest = await this.assessments.latestSubmitted(manager, tenantId);
    return latest[0]?.modelId ?? null;
  }

  /** For each usable model among `modelIds` (the others are left out): its dimensions and the tenant's gaps. */
  async gaps(
    tenantId: string,
    modelIds: readonly string[],
    manager: EntityManager = RequestContext.manager(),
  ): Promise<Map<string, ModelGaps>> {
    const usable = await this.usableModels(tenantId, manager);
    const ids = [...new Set(modelIds)].filter((id) => usable.has(id));
    const out = new Map<string, ModelGaps>();
    if (ids.length === 0) return out;
    const latest = new Map((await this.assessments.latestSubmitted(manager, tenantId, ids)).map((a) => [a.modelId, a]));
    const published = new Map<string, string>();
    for (const ref of await this.models.versionRefs(manager, ids)) {
      if (ref.status === 'published' && !published.has(ref.modelId)) published.set(ref.modelId, ref.id);
    }
    const versions = await this.scoring.getMany(manager, [
      ...ids.flatMap((id) => {
        const v = latest.get(id)?.modelVersionId ?? published.get(id);
        return v ? [v] : [];
      }),
    ]);
    for (const id of ids) {
      const assessment = latest.get(id);
      const version = versions.get(assessment?.modelVersionId ?? published.get(id) ?? '');
      const byKey = new Map<string, Omit<DimensionGap, 'areaKey' | 'dimensionKey' | 'name'>>();
      if (assessment) {
        const result = await this.scores.currentResult(manager, assessment);
        for (const area of result.areas) {
          for (const d of area.dimensions) {
            byKey.set(`${area.key}/${d.key}`, { score: d.score, level: d.level?.level ?? null, nextLevel: null, shortfall: null });
          }
        }
        for (const g of gaps(result)) {
          byKey.set(`${g.areaKey}/${g.dimensionKey}`, {
            score: g.score,
            level: g.level.level,
            nextLevel: g.nextLevel?.level ?? null,
            shortfall: g.shortfall,
          });
        }
      }
      const dimensions: DimensionGap[] = (version?.definition.areas ?? []).flatMap((area) =>
        area.dimensions.map((d) => ({
          areaKey: area.key,
          dimensionKey: d.key,
          name: d.name,
          ...(byKey.get(`${area.key}/${d.key}`) ?? { score: null, level: null, nextLevel: null, shortfall: null }),
        })),
      );
      out.set(id, { model: usable.get(id)!, assessmentId: assessment?.id ?? null, period: assessment?.period ?? null, dimensions });
    }
    return out;
  }
}
