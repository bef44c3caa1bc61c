import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditTrail } from '../audit/audit-trail.service';
import { RequestContext } from '../platform/context/request-context';
import { localise } from '../platform/errors/catalogue';
import type { BulkStatusDto, BulkStatusResultDto, StatusChangeDto } from './dto/friction-actions.dto';
import type { FrictionDto } from './dto/friction.dto';
import type { FrictionStatus } from './friction.entity';
import { allowedNext, FRICTION_LIFECYCLE } from './friction-lifecycle';
import { FrictionsRepository, type FrictionRow } from './frictions.repository';
import { FrictionProblem, frictionProblems, transitionRefusedText } from './frictions.problems';
import { FrictionsService } from './frictions.service';
import { FRICTION_FIELD_MESSAGES } from './frictions.texts';

/**
 * Status changes, one friction or many, each asked of the transition table (friction-lifecycle.ts)
 * first. Rows are locked for the request and the update names the states it may come from, so a
 * concurrent move cannot slip in between. Every move is one audit event (before and after status,
 * and the note); asking for the status a friction already has changes nothing.
 */
@Injectable()
export class FrictionLifecycleService {
  constructor(
    private readonly frictions: FrictionsService,
    private readonly repository: FrictionsRepository,
    private readonly audit: AuditTrail,
  ) {}

  async change(tenantId: string, id: string, body: StatusChangeDto): Promise<FrictionDto> {
    const manager = RequestContext.manager();
    const row = await this.frictions.found(manager, tenantId, id, true);
    const decision = FRICTION_LIFECYCLE.decide(body.status, row.status);
    if (decision.kind === 'refuse') {
      const allowed = allowedNext(row.status);
      throw frictionProblems.raise(
        FrictionProblem.TransitionInvalid,
        { from: row.status, to: body.status, allowed },
        { extensions: { allowed } },
      );
    }
    if (decision.kind === 'move') await this.move(manager, tenantId, [row], body.status, body.note);
    return this.frictions.presentOne(manager, tenantId, (await this.repository.find(manager, tenantId, id))!);
  }

  /** Moves each friction the table allows; the others are listed with their position in `ids` and why. */
  async bulk(tenantId: string, body: BulkStatusDto): Promise<BulkStatusResultDto> {
    const manager = RequestContext.manager();
    const language = RequestContext.language();
    const rows = new Map((await this.repository.findMany(manager, tenantId, body.ids, { lock: true })).map((r) => [r.id, r]));
    const updated: string[] = [];
    const moving: FrictionRow[] = [];
    const rejected: BulkStatusResultDto['rejected'] = [];
    const seen = new Set<string>();
    body.ids.forEach((id, index) => {
      if (seen.has(id)) return;
      seen.add(id);
      const row = rows.get(id);
      if (!row) {
        rejected.push({
          row: index + 1,
          field: 'ids',
          code: 'not-found',
          message: localise(FRICTION_FIELD_MESSAGES.notFound, language),
          frictionId: id,
        });
        return;
      }
      const decision = FRICTION_LIFECYCLE.decide(body.status, row.status);
      if (decision.kind === 'refuse') {
        const text = transitionRefusedText({ from: row.status, to: body.status, allowed: allowedNext(row.status) });
        rejected.push({
          row: index + 1,
          field: 'status',
          code: FrictionProblem.TransitionInvalid,
          message: localise(text, language),
          frictionId: id,
        });
        return;
      }
      updated.push(id);
      if (decision.kind === 'move') moving.push(row);
    });
    await this.move(manager, tenantId, moving, body.status);
    return { updated, rejected };
  }

  private async move(
    manager: EntityManager,
    tenantId: string,
    rows: readonly FrictionRow[],
    to: FrictionStatus,
    note?: string,
  ): Promise<void> {
    if (rows.length === 0) return;
    const rule = FRICTION_LIFECYCLE.rules[to];
    // The rows are locked, so each is still where the table allowed the move from.
    await this.repository.transition(
      manager,
      tenantId,
      rows.map((r) => r.id),
      rule.from,
      to,
    );
    for (const row of rows) {
      await this.audit.record(manager, {
        action: 'friction.status-changed',
        entityType: 'friction',
        entityId: row.id,
        before: { status: row.status },
        after: { status: to, ...(note ? { note } : {}) },
      });
    }
  }
}
