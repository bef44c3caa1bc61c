import { createHash } from 'node:crypto';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { RankedRow } from './ranking-sql';
import type { RankingSpec } from './ranking-spec';

/** Rows kept across all entries (≈ 100 bytes each with four criteria: ~30 MB at the budget). */
export const RANKING_CACHE_ROW_BUDGET = 300_000;

/** Rankings whose last missed revision is remembered (a few bytes each). */
const MISSED_LIMIT = 10_000;

/** A row of the cached order: everything of a ranked row but what is read per request from `frictions`. */
export type OrderRow = Omit<RankedRow, 'ref' | 'title' | 'status' | 'area'>;

/** What identifies one cached order: the ranking's inputs, the backlog's revision among them. */
export interface RankingKey {
  tenantId: string;
  modelId: string;
  /** Anything that changes when a draft's criteria or weights change (the model's revision and updated_at). */
  modelVersion: string;
  spec: RankingSpec;
  /** friction_backlog_revisions.revision, read in the request's own transaction. */
  backlogRevision: string;
  shortfalls: readonly { modelId: string; areaKey: string; dimensionKey: string; shortfall: number }[];
}

/**
 * The whole backlog in ranked order, column by column: ids and cost keys as strings, numbers in typed
 * arrays, each criterion's raw and normalised values interleaved (NaN = null). `tooLarge` marks a
 * backlog over the budget: nothing kept, the SQL path serves it until the revision moves.
 */
interface Entry {
  ids: string[];
  annualCostKeys: string[];
  annualCost: Float64Array;
  score: Float64Array;
  tie: Float64Array;
  values: Float64Array;
  criteria: number;
  tooLarge: boolean;
}

/**
 * The ranked order of a tenant's backlog under a model, kept in process (LRU, bounded by a total
 * row budget). Correctness rests on the key: every input of the ranking is in it, the backlog's
 * state as the revision the database bumps on every write to what a ranking reads (migration
 * 1764950400000-Prioritisation), so a stale entry can never be found, only aged out. The maturity
 * shortfalls (root-cause criterion) enter as a hash of their values. Titles, refs and statuses are
 * not kept: they are read per request under RLS. A miss is answered in SQL; the second miss at the
 * same revision also computes the order in the background (`fill`), so no request pays for more
 * than the page it asks for, and a backlog being written to does not recompute it on every read.
 */
@Injectable()
export class RankingCache implements OnModuleDestroy {
  /** Rows kept across all entries; 0 turns the cache off (every page in SQL). Public so a test can change it. */
  budget = RANKING_CACHE_ROW_BUDGET;
  private readonly logger = new Logger(RankingCache.name);
  /** Fills running, one per ranking: concurrent misses on the same ranking start one. */
  private readonly filling = new Map<string, Promise<void>>();
  /** Per ranking, the last revision that missed once: the second miss at a revision starts the fill. */
  private readonly missed = new Map<string, string>();
  private readonly entries = new Map<string, Entry>();
  /** The key currently held per ranking (everything but the revision): a new revision replaces it. */
  private readonly latest = new Map<string, string>();
  private rows = 0;
  private counters = { hits: 0, misses: 0 };

  key(k: RankingKey): { ranking: string; full: string } {
    const spec = digest(JSON.stringify(k.spec));
    const shortfalls = digest(JSON.stringify(k.shortfalls.map((s) => [s.modelId, s.areaKey, s.dimensionKey, s.shortfall])));
    const ranking = `${k.tenantId}|${k.modelId}|${k.modelVersion}|${spec}|${shortfalls}`;
    return { ranking, full: `${ranking}|${k.backlogRevision}` };
  }

  /**
   * `limit` rows from `start` (0-based) of the order held under `full`, or null when none is held;
   * `tooLarge` when the backlog was over the budget at this revision.
   */
  slice(full: string, start: number, limit: number): { rows: OrderRow[]; at(rank: number): OrderRow | null } | 'tooLarge' | null {
    const entry = this.entries.get(full);
    if (!entry) {
      this.counters.misses += 1;
      return null;
    }
    this.entries.delete(full);
    this.entries.set(full, entry);
    if (entry.tooLarge) return 'tooLarge';
    this.counters.hits += 1;
    const end = Math.min(entry.ids.length, start + limit);
    const rows: OrderRow[] = [];
    for (let i = start; i < end; i++) rows.push(rowAt(entry, i));
    return { rows, at: (rank) => (rank >= 1 && rank <= entry.ids.length ? rowAt(entry, rank - 1) : null) };
  }

  /** Keeps the whole order (as the miss statement returned it) under `key`, evicting the least recently used. */
  store(key: { ranking: string; full: string }, order: readonly OrderRow[], criteria: number): void {
    const previous = this.latest.get(key.ranking);
    if (previous) this.drop(previous);
    const tooLarge = order.length > this.budget;
    const n = tooLarge ? 0 : order.length;
    const entry: Entry = {
      ids: new Array<string>(n),
      annualCostKeys: new Array<string>(n),
      annualCost: new Float64Array(n),
      score: new Float64Array(n),
      tie: new Float64Array(n),
      values: new Float64Array(n * criteria * 2),
      criteria,
      tooLarge,
    };
    for (let i = 0; i < n; i++) {
      const row = order[i];
      entry.ids[i] = row.id;
      entry.annualCostKeys[i] = row.annualCostKey;
      entry.annualCost[i] = row.annualCost;
      entry.score[i] = row.score;
      entry.tie[i] = Number(row.tie);
      for (let c = 0; c < criteria; c++) {
        entry.values[(i * criteria + c) * 2] = row[`r${c}`] ?? NaN;
        entry.values[(i * criteria + c) * 2 + 1] = row[`n${c}`] ?? NaN;
      }
    }
    const size = Math.max(1, n);
    for (const [oldest] of this.entries) {
      if (this.rows + size <= this.budget) break;
      this.drop(oldest);
    }
    this.entries.set(key.full, entry);
    this.latest.set(key.ranking, key.full);
    this.rows += size;
  }

  /**
   * Runs `task` (computing and storing an order) off the request path, unless a fill of the same
   * ranking is already running. A failure only means the next read misses again: logged, not thrown.
   */
  fill(key: { ranking: string; full: string }, task: () => Promise<void>): void {
    const { ranking } = key;
    if (this.filling.has(ranking)) return;
    // A revision read once may be gone by the next read (a backlog being written to): computing the
    // whole order for it would only take CPU from the requests. Read twice, it is worth keeping.
    if (this.missed.get(ranking) !== key.full) {
      if (this.missed.size >= MISSED_LIMIT) this.missed.clear();
      this.missed.set(ranking, key.full);
      return;
    }
    this.missed.delete(ranking);
    const run = task()
      .catch((error: unknown) => this.logger.warn({ error: String(error) }, 'ranking cache fill failed'))
      .finally(() => this.filling.delete(ranking));
    this.filling.set(ranking, run);
  }

  /** Resolves when no fill is running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.filling.size) await Promise.all(this.filling.values());
  }

  /** A fill still running at shutdown finishes before the connection pool closes. */
  async onModuleDestroy(): Promise<void> {
    await this.idle();
  }

  /** Hits and misses since start, and the rows held (operations, tests). */
  stats(): { hits: number; misses: number; rows: number; entries: number } {
    return { ...this.counters, rows: this.rows, entries: this.entries.size };
  }

  private drop(full: string): void {
    const entry = this.entries.get(full);
    if (!entry) return;
    this.entries.delete(full);
    this.rows -= Math.max(1, entry.ids.length);
    const ranking = full.slice(0, full.lastIndexOf('|'));
    if (this.latest.get(ranking) === full) this.latest.delete(ranking);
  }
}

function rowAt(entry: Entry, i: number): OrderRow {
  const row: OrderRow = {
    id: entry.ids[i],
    annualCost: entry.annualCost[i],
    annualCostKey: entry.annualCostKeys[i],
    score: entry.score[i],
    tie: entry.tie[i],
  };
  for (let c = 0; c < entry.criteria; c++) {
    const raw = entry.values[(i * entry.criteria + c) * 2];
    const normalised = entry.values[(i * entry.criteria + c) * 2 + 1];
    row[`r${c}`] = Number.isNaN(raw) ? null : raw;
    row[`n${c}`] = Number.isNaN(normalised) ? null : normalised;
  }
  return row;
}

function digest(text: string): string {
  return createHash('sha1').update(text).digest('base64url');
}
