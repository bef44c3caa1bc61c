import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

interface PgResult {
  rows: Record<string, unknown>[];
}

/**
 * A TypeORM query runner whose transaction is driven by explicit statements on its one pooled
 * connection: BEGIN travels with the unit of work's first statement in a single round trip, and
 * COMMIT or ROLLBACK is sent as it is, without TypeORM's transaction events (nothing here listens to
 * them). TypeORM's own operations on the runner's manager see a transaction in progress, depth 1:
 * save() opens none of its own, and a nested manager.transaction() becomes a savepoint.
 */
export class ExplicitTransactionRunner extends PostgresQueryRunner {
  static create(dataSource: DataSource): ExplicitTransactionRunner {
    const runner = new ExplicitTransactionRunner(dataSource.driver as PostgresDriver, 'master');
    runner.manager = dataSource.createEntityManager(runner);
    return runner;
  }

  /**
   * Opens the transaction and runs `first` in the same round trip (the simple query protocol, so
   * `first` carries literals, never bind parameters), returning its rows. On failure the transaction
   * is still open (aborted): the caller rolls it back.
   */
  async begin(first: string): Promise<Record<string, unknown>[]> {
    const connection = (await this.connect()) as { query(text: string): Promise<PgResult | PgResult[]> };
    this.isTransactionActive = true;
    this.transactionDepth = 1;
    const results = await connection.query(`BEGIN; ${first}`);
    const last = Array.isArray(results) ? results[results.length - 1] : results;
    return last?.rows ?? [];
  }

  /** Ends the transaction with COMMIT or ROLLBACK; the connection stays held until release(). */
  async end(statement: 'COMMIT' | 'ROLLBACK'): Promise<void> {
    try {
      await (this.databaseConnection as { query(text: string): Promise<unknown> }).query(statement);
    } finally {
      this.isTransactionActive = false;
      this.transactionDepth = 0;
    }
  }
}
