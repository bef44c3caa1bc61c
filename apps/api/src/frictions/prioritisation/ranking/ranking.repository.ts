import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { costPageSql, rankingPageSql, type DimensionShortfall, type RankedRow, type RankingAfter } from './ranking-sql';
import type { RankingSpec } from './ranking-spec';

/** A row of the page without a model. */
export type CostRow = Omit<RankedRow, 'score' | 'tie'>;

/** Runs the ranking statements (ranking-sql.ts): one statement per page, whatever the backlog's size. */
@Injectable()
export class RankingRepository {
  async page(
    manager: EntityManager,
    tenantId: string,
    spec: RankingSpec,
    options: { after?: RankingAfter; limit: number; shortfalls: readonly DimensionShortfall[] },
  ): Promise<RankedRow[]> {
    const { sql, params } = rankingPageSql(spec, tenantId, options);
    // The plan's cost over a big backlog crosses jit_above_cost, and compiling it takes longer than
    // running it (1.7 s of JIT for a 0.1 s statement at 50,000 frictions): off for this transaction.
    await manager.query(`SELECT set_config('jit', 'off', true)`);
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
