import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { costPageSql, rankingPageSql, type DimensionShortfall, type RankedRow, type RankingAfter } from './ranking-sql';
import type { RankingSpec } from './ranking-spec';

/** A row of the page without a model. */
export type CostRow = Omit<RankedRow, 'score' | 'tie'>;

/** Runs the ranking statements (ranking-sql.ts): one statement per page, whatever the backlog's size. */
@Injectable()
export class RankingRepository {
  page(
    manager: EntityManager,
    tenantId: string,
    spec: RankingSpec,
    options: { after?: RankingAfter; limit: number; shortfalls: readonly DimensionShortfall[] },
  ): Promise<RankedRow[]> {
    const { sql, params } = rankingPageSql(spec, tenantId, options);
    return manager.query(sql, params);
  }

  costPage(
    manager: EntityManager,
    tenantId: string,
    options: { after?: { annualCost: string; id: string }; limit: number },
  ): Promise<CostRow[]> {
    const { sql, params } = costPageSql(tenantId, options);
    return manager.query(sql, params);
  }
}
