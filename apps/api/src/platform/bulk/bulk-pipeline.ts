/**
 * The one bulk pipeline every bulk route runs (ARCHITECTURE.md §3): parse → validate → plan → write
 * → audit. A module writes only its stages; the pipeline reads the body (CSV or JSON, row-count
 * limit), numbers the rows, turns unreadable rows and validation failures into the shared rejection
 * shape, skips planning and writing when no row is valid, counts created / updated / unchanged,
 * records one summary audit event and renders every message in the caller's language.
 *
 * - `validate` is synchronous and per row: a hand-written check (never class-validator per row) that
 *   returns the typed row or a RowProblem from the module's rejection catalogue.
 * - `plan` decides, from the valid rows (and the earlier rejections, when a rejected row still
 *   matters, e.g. it claims a code), what to create, update and leave; keep its rules in a pure
 *   function with unit tests and read the database only to feed it.
 * - `write` applies the plan with set-based SQL (`unnest`, `COPY`, one merge; never `save()` in a
 *   loop) and returns the outcome: the identifiers created and updated, how many were unchanged, and
 *   the rows the plan or the database refused (cross-row rules such as duplicates reject here, not in
 *   `validate`).
 * - `audit` names the summary event; `details` adds the module's own fields to it.
 *
 * A module (frictions, say) copies this:
 *
 *     type FrictionId = { frictionCode: string | null };
 *     const stages: BulkStages<FrictionColumn, FrictionRow, FrictionId, FrictionContext, FrictionPlan> = {
 *       columns: ['code', 'title', 'cost'], envelope: 'rows', maxRows: 50_000, csv: true,
 *       identify: (values) => ({ frictionCode: typeof values.code === 'string' ? values.code.trim() || null : null }),
 *       validate: (raw) => validateFrictionRow(raw),                  // FrictionRow | RowProblem
 *       plan: async (rows, _rejected, ctx) => planFrictions(rows, await repo.existing(ctx.tenantId, rows)),
 *       write: (plan, ctx) => repo.apply(ctx.tenantId, plan),          // BulkOutcome<FrictionId>
 *       audit: { action: 'friction.imported', entityType: 'friction', entityId: (ctx) => ctx.tenantId,
 *                list: { name: 'Codes', of: (id) => id.frictionCode ?? '' } },
 *     };
 *     this.pipeline = new BulkPipeline(stages, auditTrail);
 *     // in the service, inside the request's unit of work:
 *     return this.pipeline.run({ body, contentType, language }, () => repo.lockScope(tenantId));
 *
 * The route declares `@BulkBody()` (BULK_BODY_LIMIT, `text/csv`), reads the body by hand so that a
 * bad row is reported instead of failing the whole request, and passes `@NegotiatedLanguage()` as
 * `language` so that the answer names its Content-Language (see tenant-import.controller.ts).
 */
import type { EntityManager } from 'typeorm';
import { RequestContext } from '../context/request-context';
import type { ContentLanguage } from '../http/language';
import { rejection, renderRejections, RowProblem, type BulkRejection, type RenderedRejection } from './bulk-rejection';
import { readBulkRows, type BodyFormat, type BulkFormat, type RawRow } from './bulk-rows';

/** The audit event lists the created and updated identifiers up to this many (each); beyond, counts only. */
export const AUDIT_LIST_MAX = 1000;

/** What the write stage reports: the plan's decisions as applied, and every row refused after validation. */
export interface BulkOutcome<Id extends object> {
  created: Id[];
  updated: Id[];
  unchanged: number;
  rejected: BulkRejection<Id>[];
}

/** The 200 answer of a bulk route. */
export interface BulkReport<Id extends object> {
  created: number;
  updated: number;
  unchanged: number;
  rejected: RenderedRejection<Id>[];
}

/** The one summary event of a bulk request (set-based writes bypass the per-entity audit subscriber). */
export interface BulkAudit<Id extends object, Context, Plan = unknown> {
  action: string;
  entityType: string;
  entityId(context: Context): string;
  /** The chain the event goes to; by default the request's tenant. */
  tenantId?(context: Context): string;
  /** Listed as `created<name>` / `updated<name>` while there are at most AUDIT_LIST_MAX of each. */
  list: { name: string; of(id: Id): string };
  /** More fields for the event's `after` (the assessment answered, the KPI measured…); null when nothing was planned. */
  details?(plan: Plan | null, context: Context): Record<string, unknown>;
}

export interface BulkStages<Column extends string, Row, Id extends object, Context, Plan> extends BulkFormat<Column> {
  /** The row's own identifier for its rejection, from whatever it holds (even when it is invalid). */
  identify(values: RawRow<Column>['values']): Id;
  validate(raw: RawRow<Column>, context: Context): Row | RowProblem;
  plan(rows: Row[], rejected: readonly BulkRejection<Id>[], context: Context): Plan | Promise<Plan>;
  write(plan: Plan, context: Context): Promise<BulkOutcome<Id>>;
  audit: BulkAudit<Id, Context, Plan>;
}

/** Where the summary event goes: the audit trail (kept structural: the platform imports no module). */
export interface BulkAuditTrail {
  record(
    manager: EntityManager,
    event: { tenantId?: string; action: string; entityType: string; entityId?: string | null; after?: Record<string, unknown> | null },
  ): Promise<unknown>;
}

export interface BulkInput {
  body: unknown;
  contentType: string | undefined;
  /** The language of the messages; the request's negotiated one by default. */
  language?: ContentLanguage;
}

/** Validate stage over every raw row: unreadable rows and failed checks become rejections. */
export function validateRows<Column extends string, Row, Id extends object, Context>(
  stages: Pick<BulkStages<Column, Row, Id, Context, unknown>, 'identify' | 'validate'>,
  rows: readonly RawRow<Column>[],
  context: Context,
): { valid: Row[]; rejected: BulkRejection<Id>[] } {
  const valid: Row[] = [];
  const rejected: BulkRejection<Id>[] = [];
  for (const raw of rows) {
    const result = raw.problem ?? stages.validate(raw, context);
    if (result instanceof RowProblem) rejected.push(rejection(raw.row, stages.identify(raw.values), result));
    else valid.push(result);
  }
  return { valid, rejected };
}

/** The summary event's `after`: counts, and the identifiers while the lists stay short. */
export function auditSummary<Id extends object>(
  list: BulkAudit<Id, unknown>['list'],
  format: BodyFormat,
  rows: number,
  outcome: BulkOutcome<Id>,
  rejected: number,
): Record<string, unknown> {
  const listed = (ids: Id[]) => (ids.length <= AUDIT_LIST_MAX ? { ids: ids.map((id) => list.of(id)) } : undefined);
  const created = listed(outcome.created);
  const updated = listed(outcome.updated);
  return {
    format,
    rows,
    created: outcome.created.length,
    updated: outcome.updated.length,
    unchanged: outcome.unchanged,
    rejected,
    ...(created ? { [`created${list.name}`]: created.ids } : {}),
    ...(updated ? { [`updated${list.name}`]: updated.ids } : {}),
  };
}

export class BulkPipeline<Column extends string, Row, Id extends object, Context, Plan> {
  constructor(
    private readonly stages: BulkStages<Column, Row, Id, Context, Plan>,
    private readonly trail: BulkAuditTrail,
  ) {}

  /**
   * Runs the whole pipeline in the request's transaction. `load` prepares what the stages need (the
   * scope, locked) once the body has been read, so a malformed body costs no lock.
   */
  async run(input: BulkInput, load: () => Promise<Context>): Promise<BulkReport<Id>> {
    const { stages } = this;
    const { format, rows } = readBulkRows(stages, input.body, input.contentType);
    const context = await load();
    const { valid, rejected } = validateRows(stages, rows, context);
    const plan = valid.length > 0 ? await stages.plan(valid, rejected, context) : null;
    const outcome: BulkOutcome<Id> =
      plan !== null ? await stages.write(plan, context) : { created: [], updated: [], unchanged: 0, rejected: [] };
    const allRejected = rejected.concat(outcome.rejected);
    const { audit } = stages;
    await this.trail.record(RequestContext.manager(), {
      tenantId: audit.tenantId?.(context),
      action: audit.action,
      entityType: audit.entityType,
      entityId: audit.entityId(context),
      after: { ...auditSummary(audit.list, format, rows.length, outcome, allRejected.length), ...audit.details?.(plan, context) },
    });
    return {
      created: outcome.created.length,
      updated: outcome.updated.length,
      unchanged: outcome.unchanged,
      rejected: renderRejections(allRejected, input.language ?? RequestContext.language()),
    };
  }
}
