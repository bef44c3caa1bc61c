import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ExplicitTransactionRunner } from './explicit-transaction';

/**
 * The settings row-level security reads, set with set_config(..., true) as the first statement of a
 * transaction: transaction-local, so nothing survives on the pooled connection afterwards.
 */
export interface SessionSettings {
  /** The tenant the unit of work acts for (writes are confined to it). */
  tenantId?: string;
  /** Tenants whose rows may be read, listed one by one: the scope tenant itself, and any others named. */
  readableTenantIds?: readonly string[];
  /**
   * Tenants whose descendants' rows (at any depth) may be read too. Checked per row through the
   * descendant's ancestors, so the context stays the size of this list, not of the subtrees.
   */
  readableDescendantsOf?: readonly string[];
  /** The signed-in user, for the user's own rows (memberships, refresh tokens). */
  userId?: string;
  /** Tenants the principal holds a membership or key on: their subtrees are visible in the directory. */
  principalRoots?: readonly string[];
  /** A platform administrator's transaction. */
  platform?: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function assertUuids(label: string, ids: readonly string[]): void {
  for (const id of ids) if (!UUID.test(id)) throw new Error(`invalid ${label}: ${id}`);
}

/** A statement with `$n` placeholders and the values that may stand in them as literals. */
export interface LiteralStatement {
  text: string;
  /** Only NULL, booleans and UUIDs: values whose literal form cannot carry anything else. */
  values: readonly (string | boolean | null)[];
}

/** `text` with each `$n` replaced by its value as a SQL literal; anything but NULL, a boolean or a UUID is refused. */
export function inlineLiterals({ text, values }: LiteralStatement): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const value = values[Number(n) - 1];
    if (value === null) return 'NULL';
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    if (typeof value === 'string' && UUID.test(value)) return `'${value}'`;
    throw new Error(`statement parameter $${n} cannot be inlined: ${String(value)}`);
  });
}

export interface UnitOfWorkOptions {
  /**
   * The transaction cannot write (its first statement makes it READ ONLY): COMMIT is then sent once
   * the work has returned, without holding up its answer, and the connection goes back to the pool
   * when COMMIT completes. There is nothing to make durable and nothing a failed COMMIT could undo.
   */
  readOnly?: boolean;
}

/** A transaction begun by DbSession.begin: its manager, its first statement's rows, and how it ends. */
export interface OpenTransaction {
  manager: EntityManager;
  rows: Record<string, unknown>[];
  /**
   * ROLLBACK when `failed`, otherwise COMMIT (awaited, or for a read-only one sent without waiting);
   * the connection goes back to the pool either way. Called once.
   */
  end(failed: boolean): Promise<void>;
}

/** Opens transactions with the session settings RLS policies read. */
@Injectable()
export class DbSession implements OnModuleDestroy {
  private readonly logger = new Logger(DbSession.name);
  /** COMMITs of read-only units of work still in flight after their answer. */
  private readonly commits = new Set<Promise<void>>();

  constructor(readonly dataSource: DataSource) {}

  /** Before the pool closes (TypeORM releases every held connection then): let in-flight COMMITs finish. */
  async onModuleDestroy(): Promise<void> {
    await Promise.allSettled([...this.commits]);
  }

  async transaction<T>(settings: SessionSettings, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => this.within(manager, settings).then(() => work(manager)));
  }

  /**
   * A request's unit of work on one pooled connection, in explicit statements: BEGIN and `first`
   * (the access check, which sets the context) in one round trip, `work` on a manager bound to the
   * connection, then COMMIT, or ROLLBACK when anything throws. TypeORM's transaction() would spend a
   * round trip on START TRANSACTION alone, and a promise chain of events per statement.
   */
  async unitOfWork<T>(
    first: LiteralStatement,
    options: UnitOfWorkOptions,
    work: (manager: EntityManager, firstRows: Record<string, unknown>[]) => Promise<T>,
  ): Promise<T> {
    const open = await this.begin(first, options);
    let value: T;
    try {
      value = await work(open.manager, open.rows);
    } catch (error) {
      await open.end(true);
      throw error;
    }
    await open.end(false);
    return value;
  }

  /**
   * The first half of unitOfWork, for a caller that ends it elsewhere (the request's unit of work is
   * opened by the auth guard, before pipes, and ended by the route's wrapper: see AuthGuard). When
   * BEGIN or `first` fails, the transaction is rolled back and the error thrown.
   */
  async begin(first: LiteralStatement, options: UnitOfWorkOptions): Promise<OpenTransaction> {
    const runner = ExplicitTransactionRunner.create(this.dataSource);
    let rows: Record<string, unknown>[];
    try {
      rows = await runner.begin(inlineLiterals(first));
    } catch (error) {
      await this.rollBack(runner);
      throw error;
    }
    return { manager: runner.manager, rows, end: (failed) => (failed ? this.rollBack(runner) : this.commit(runner, options)) };
  }

  private async rollBack(runner: ExplicitTransactionRunner): Promise<void> {
    await runner.end('ROLLBACK').catch(() => undefined);
    await runner.release();
  }

  private async commit(runner: ExplicitTransactionRunner, options: UnitOfWorkOptions): Promise<void> {
    const commit = runner.end('COMMIT').finally(() => runner.release());
    if (!options.readOnly) return commit;
    const pending = commit.then(
      () => undefined,
      (error: unknown) => this.logger.warn(`COMMIT of a read-only unit of work failed: ${String(error)}`),
    );
    this.commits.add(pending);
    void pending.finally(() => this.commits.delete(pending));
  }

  /** Applies (or changes) the settings inside an open transaction. */
  async within(manager: EntityManager, settings: SessionSettings): Promise<void> {
    const tenantIds = settings.readableTenantIds ?? [];
    const subtrees = settings.readableDescendantsOf ?? [];
    const roots = settings.principalRoots ?? [];
    if (settings.tenantId !== undefined) {
      assertUuids('tenantId', [settings.tenantId]);
      if (!tenantIds.includes(settings.tenantId)) throw new Error('a tenant scope must be able to read its own tenant');
    }
    assertUuids('readable tenant id', tenantIds);
    assertUuids('readable subtree', subtrees);
    assertUuids('principal root', roots);
    if (settings.userId !== undefined) assertUuids('userId', [settings.userId]);
    await manager.query(
      `SELECT set_config('app.tenant_id', $1, true), set_config('app.tenant_ids', $2, true),
              set_config('app.user_id', $3, true), set_config('app.principal_roots', $4, true),
              set_config('app.platform', $5, true), set_config('app.tenant_subtrees', $6, true)`,
      [
        settings.tenantId ?? '',
        tenantIds.join(','),
        settings.userId ?? '',
        roots.join(','),
        settings.platform ? 'on' : '',
        subtrees.join(','),
      ],
    );
  }
}
