import { Injectable } from '@nestjs/common';
import type { RankInput } from '@rumbo/method';
import type { EntityManager } from 'typeorm';
import { RequestContext } from '../../../platform/context/request-context';
import { DbSession } from '../../../platform/database/db-session';
import { PlatformProblem, platformProblems } from '../../../platform/errors/platform.problems';
import { validationProblem } from '../../../platform/errors/validation';
import { decodeCursor, DEFAULT_PAGE_SIZE, encodeCursor } from '../../../platform/http/pagination';
import { FrictionReader, type RankingInput } from '../../friction.reader';
import { CriterionValuesRepository } from '../criteria/criterion-values.repository';
import { ScoringModelsRepository, type ScoringModelRow } from '../models/scoring-models.repository';
import type { RankedFrictionDto, RankingModelDto, RankingPageDto, RankingQueryDto } from './dto/ranking.dto';
import { RankingCache } from './ranking-cache';
import { rankInputs } from './ranking-inputs';
import type { DimensionShortfall, RankedRow } from './ranking-sql';
import { BACKLOG_STATUSES, rankingSpec, type RankingSpec } from './ranking-spec';
import { RankingRepository } from './ranking.repository';

const CURSOR_TEXT = {
  es: 'Este cursor es de otra clasificación (otro modelo): empiece por la primera página.',
  en: 'This cursor belongs to another ranking (another model); start from the first page.',
};

export function rankingModelOf(model: ScoringModelRow): RankingModelDto {
  return { id: model.id, name: model.name, version: model.version, method: model.method, status: model.status };
}

/**
 * The ranked backlog: one page computed by PostgreSQL (ranking-sql.ts) under the active model or a
 * chosen one (what-if), keyset-paged by an opaque cursor that carries the model, the last row's sort
 * key and its rank. Without an active model the backlog is ordered by annual cost (`model: null`,
 * scores null). The in-memory inputs for @rumbo/method (sensitivity, shifts, impact/effort) are
 * loaded here too.
 */
@Injectable()
export class RankingService {
  constructor(
    private readonly ranking: RankingRepository,
    private readonly models: ScoringModelsRepository,
    private readonly values: CriterionValuesRepository,
    private readonly frictions: FrictionReader,
    private readonly cache: RankingCache,
    private readonly db: DbSession,
  ) {}

  async page(tenantId: string, query: RankingQueryDto): Promise<RankingPageDto> {
    const manager = RequestContext.manager();
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const model = await this.model(manager, tenantId, query.modelId, { required: false });
    const after = readCursor(query.cursor, model?.id ?? null);
    if (!model) {
      const rows = await this.ranking.costPage(manager, tenantId, {
        after: after && { annualCost: after.annualCost, id: after.id },
        limit: limit + 1,
      });
      const first = (after?.rank ?? 0) + 1;
      const data = rows.slice(0, limit).map((row, i) => ({ ...summary(row), rank: first + i, score: null, contributions: [] }));
      return { model: null, data, nextCursor: next(rows, limit, data, null) };
    }
    const spec = rankingSpec(model);
    const shortfalls = spec.criteria.some((c) => c.field === 'rootCauseShortfall')
      ? await this.frictions.rootCauseShortfalls(tenantId, manager)
      : [];
    const rows = await this.rankedRows(manager, tenantId, { model, spec, shortfalls, after, limit: limit + 1 });
    const first = (after?.rank ?? 0) + 1;
    const data = rows
      .slice(0, limit)
      .map((row, i) => ({ ...summary(row), rank: first + i, score: row.score, contributions: contributions(spec, row) }));
    return { model: rankingModelOf(model), data, nextCursor: next(rows, limit, data, model.id) };
  }

  /**
   * `limit` ranked rows after `after`: sliced from the cached order of the whole backlog when the
   * cache holds it at the revision this transaction sees, else one SQL page. A miss answers with the
   * SQL page (no slower than without a cache); the second miss at a revision also fills the cache
   * off the request path, in its own transaction under the tenant's RLS context: the order and the revision it is stored under come
   * from one statement, so whatever it stores is right for that revision. The cached rows' titles,
   * refs and statuses are read by id under the request's RLS in a statement that re-reads the
   * revision: if a write committed in between (READ COMMITTED: one snapshot per statement), or the
   * cursor's row is not where the order has it, the SQL page answers instead.
   */
  private async rankedRows(
    manager: EntityManager,
    tenantId: string,
    q: { model: ScoringModelRow; spec: RankingSpec; shortfalls: DimensionShortfall[]; after?: Cursor; limit: number },
  ): Promise<RankedRow[]> {
    const { model, spec, shortfalls, after, limit } = q;
    const sqlPage = () => this.ranking.page(manager, tenantId, spec, { after, limit, shortfalls });
    if (this.cache.budget === 0) return sqlPage();
    const keyAt = (backlogRevision: string) =>
      this.cache.key({
        tenantId,
        modelId: model.id,
        modelVersion: `${model.revision}@${new Date(model.updatedAt).toISOString()}`,
        spec,
        backlogRevision,
        shortfalls,
      });
    const key = keyAt(await this.ranking.revision(manager, tenantId));
    const held = this.cache.slice(key.full, after?.rank ?? 0, limit);
    if (held === null) {
      this.cache.fill(key, () =>
        this.db.transaction({ tenantId, readableTenantIds: [tenantId] }, async (fillManager) => {
          // The budget + 1 rows at most: a backlog over the budget is marked, not kept, and paged in SQL.
          const order = await this.ranking.order(fillManager, tenantId, spec, { limit: this.cache.budget + 1, shortfalls });
          if (order.revision !== null) this.cache.store(keyAt(order.revision), order.rows, spec.criteria.length);
        }),
      );
      return sqlPage();
    }
    if (held === 'tooLarge') return sqlPage();
    if (after) {
      const last = held.at(after.rank);
      if (!last || last.id !== after.id || last.tie !== after.tie || last.annualCostKey !== after.annualCost) return sqlPage();
    }
    if (held.rows.length === 0) return [];
    const read = await this.ranking.summaries(
      manager,
      tenantId,
      held.rows.map((row) => row.id),
    );
    if (key.full !== keyAt(read.revision).full || read.rows.length !== held.rows.length) return sqlPage();
    const byId = new Map(read.rows.map((row) => [row.id, row]));
    return held.rows.map((row) => ({ ...row, ...byId.get(row.id)! }));
  }

  /**
   * The tenant's model by id (any status), else its active one; another tenant's is a 404. Without
   * an id and an active model: null, or a 404 when `required`.
   */
  async model(
    manager: EntityManager,
    tenantId: string,
    modelId: string | undefined,
    options: { required: boolean },
  ): Promise<ScoringModelRow | null> {
    const model = modelId ? await this.models.find(manager, tenantId, modelId) : await this.models.active(manager, tenantId);
    if (!model && (modelId || options.required)) throw platformProblems.raise(PlatformProblem.NotFound);
    return model;
  }

  /** The backlog as @rumbo/method's RankInput under a spec, with what a list shows of each friction. */
  async inputs(tenantId: string, spec: RankingSpec): Promise<{ items: RankInput[]; frictions: Map<string, RankingInput> }> {
    const manager = RequestContext.manager();
    const frictions = await this.frictions.rankingInputs(tenantId, { statuses: BACKLOG_STATUSES }, manager);
    const keys = spec.criteria.filter((c) => c.manual).map((c) => c.key);
    const manual = await this.values.valuesOfKeys(manager, tenantId, keys);
    return { items: rankInputs(spec, frictions, manual), frictions: new Map(frictions.map((f) => [f.id, f])) };
  }
}

function summary(row: Omit<RankedRow, 'score' | 'tie'>): Omit<RankedFrictionDto, 'rank' | 'score' | 'contributions'> {
  return {
    frictionId: row.id,
    title: row.title,
    ref: row.ref,
    area: row.area,
    status: row.status as RankedFrictionDto['status'],
    annualCost: row.annualCost,
  };
}

/** Per criterion: the points it adds (100 · w · x) for weighted and AHP models; the factor itself for RICE and WSJF. */
function contributions(spec: RankingSpec, row: RankedRow): RankedFrictionDto['contributions'] {
  return spec.criteria.map((c, i) => {
    const raw = row[`r${i}`] ?? null;
    const normalised = row[`n${i}`] ?? null;
    const value = c.weight === null ? (raw ?? 0) : 100 * c.weight * (normalised ?? 0);
    return { criterion: c.key, value, raw, normalised, weight: c.weight };
  });
}

interface Cursor {
  tie: number;
  annualCost: string;
  id: string;
  rank: number;
}

function next(rows: Omit<RankedRow, 'score' | 'tie'>[], limit: number, data: RankedFrictionDto[], modelId: string | null): string | null {
  if (rows.length <= limit) return null;
  const last = rows[limit - 1] as Partial<RankedRow> & Pick<RankedRow, 'annualCostKey' | 'id'>;
  return encodeCursor([modelId, last.tie ?? null, last.annualCostKey, last.id, data[data.length - 1].rank]);
}

/** The cursor's position, refused when it was issued for another model (or is not ours). */
function readCursor(cursor: string | undefined, modelId: string | null): Cursor | undefined {
  const key = decodeCursor(cursor, 5);
  if (!key) return undefined;
  const [model, tie, annualCost, id, rank] = key;
  const wellFormed =
    (modelId === null ? tie === null : typeof tie === 'number' && Number.isFinite(tie)) &&
    typeof annualCost === 'string' &&
    /^-?\d+(\.\d+)?$/.test(annualCost) &&
    typeof id === 'string' &&
    /^[0-9a-f-]{36}$/i.test(id) &&
    typeof rank === 'number' &&
    Number.isInteger(rank) &&
    rank >= 1;
  if (!wellFormed || model !== modelId) throw validationProblem([{ path: 'cursor', code: 'invalidCursor', message: CURSOR_TEXT }]);
  return { tie: (tie as number | null) ?? 0, annualCost, id, rank };
}
