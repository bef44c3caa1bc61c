import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OrderRow } from './ranking-cache';
import { costPageSql, rankingPageSql, type DimensionShortfall, type RankedRow, type RankingAfter } from './ranking-sql';
import type { RankingSpec } from './ranking-spec';

/** A row of the page without a model. */
export type CostRow = Omit<RankedRow, 'score' | 'tie'>;

/** What a page shows of a friction besides its ranking: read per request, under RLS. */
export type FrictionSummary = Pick<RankedRow, 'id' | 'ref' | 'title' | 'status' | 'area'>;

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

  /**
   * The first `limit` rows of the whole ranked order (the cache's miss) and the backlog revision the
   * same statement saw; null revision when the order is empty (nothing to cache).
   */
  async order(
    manager: EntityManager,
    tenantId: string,
    spec: RankingSpec,
    options: { limit: number; shortfalls: readonly DimensionShortfall[] },
  ): Promise<{ revision: string | null; rows: OrderRow[] }> {
    const { sql, params } = rankingPageSql(spec, tenantId, { ...options, order: true });
    await manager.query(`SELECT set_config('jit', 'off', true)`);
    const rows: (OrderRow & { revision: string | null })[] = await manager.query(sql, params);
    return { revision: rows.length ? (rows[0].revision ?? '0') : null, rows };
  }

  /** The tenant's backlog revision ('0' before its first friction). */
  async revision(manager: EntityManager, tenantId: string): Promise<string> {
    const rows: { revision: string }[] = await manager.query(
      `SELECT v.revision::text AS revision FROM friction_backlog_revisions v WHERE v.tenant_id = $1`,
      [tenantId],
    );
    return rows[0]?.revision ?? '0';
  }

  /**
   * The page's frictions by id and, in the same statement (one snapshot), the backlog revision: a
   * caller serving a cached order checks it is still the one the order was stored under.
   */
  async summaries(
    manager: EntityManager,
    tenantId: string,
    ids: readonly string[],
  ): Promise<{ revision: string; rows: FrictionSummary[] }> {
    const rows: (FrictionSummary & { revision: string | null })[] = await manager.query(
      `SELECT r.revision, f.id, f.ref, f.title, f.status, f.area
         FROM (SELECT (SELECT v.revision::text FROM friction_backlog_revisions v WHERE v.tenant_id = $1) AS revision) r
         LEFT JOIN frictions f ON f.tenant_id = $1 AND f.id = ANY ($2::uuid[])`,
      [tenantId, ids],
    );
    return { revision: rows[0]?.revision ?? '0', rows: rows.filter((row) => row.id !== null) };
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
