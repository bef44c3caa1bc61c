import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditTrail } from '../audit/audit-trail.service';
import { actingUserId } from '../maturity/acting-user';
import { RequestContext } from '../platform/context/request-context';
import { describeConstraint } from '../platform/errors/postgres-errors';
import { PlatformProblem, platformProblems } from '../platform/errors/platform.problems';
import type { Page } from '../platform/http/pagination';
import { MemberReader } from '../tenancy/users/member-reader';
import { FrictionAreasService } from './areas/friction-areas.service';
import type { FrictionCreateDto, FrictionFieldsDto, FrictionUpdateDto } from './dto/friction-input.dto';
import type { FrictionDto, FrictionListQueryDto } from './dto/friction.dto';
import { costOf, requestedLines } from './friction-costing';
import { FrictionListQuery } from './friction-list.query';
import { assertVersion } from '../platform/http/etag';
import { toFrictionDto } from './friction-presenter';
import { FrictionsRepository, type FrictionFields, type FrictionRow } from './frictions.repository';
import { FrictionProblem, frictionProblems } from './frictions.problems';
import { FRICTION_FIELD_MESSAGES } from './frictions.texts';
import { RootCausesService, type RootCause } from './root-causes/root-causes.service';
import { defaultTariffs, FrictionSettingsRepository } from './settings/friction-settings.repository';

describeConstraint('uq_frictions_ref', 'ref', FRICTION_FIELD_MESSAGES.refTaken);

/** What the audit trail keeps of a friction before and after a change. */
function auditView(row: Pick<FrictionRow, 'ref' | 'title' | 'area' | 'status' | 'ownerId' | 'annualCost' | 'annualHours'>) {
  return {
    ref: row.ref,
    title: row.title,
    area: row.area,
    status: row.status,
    ownerId: row.ownerId,
    annualCost: row.annualCost,
    annualHours: row.annualHours,
  };
}

/**
 * Frictions: create (either body shape), read, list, change and delete. Costs come from
 * @rumbo/method under the tenant's default tariffs; area, owner, ref and root causes are checked
 * before any write (422 / 409 naming the field); every change is audited with before and after.
 */
@Injectable()
export class FrictionsService {
  constructor(
    private readonly repository: FrictionsRepository,
    private readonly listQuery: FrictionListQuery,
    private readonly settings: FrictionSettingsRepository,
    private readonly areas: FrictionAreasService,
    private readonly members: MemberReader,
    private readonly rootCauses: RootCausesService,
    private readonly audit: AuditTrail,
  ) {}

  async create(tenantId: string, body: FrictionCreateDto): Promise<FrictionDto> {
    const manager = RequestContext.manager();
    const lines = requestedLines(body) ?? [];
    const fields = this.fields(body, null);
    await this.check(manager, tenantId, fields, null);
    // Every friction has a ref, so every one can be matched by a re-import of the export.
    fields.ref ??= await this.repository.nextRef(manager, tenantId);
    const causes = body.rootCauses ? await this.rootCauses.checked(tenantId, body.rootCauses, manager) : [];
    const cost = costOf(lines, defaultTariffs(await this.settings.get(manager, tenantId)));
    const id = await this.repository.insert(
      manager,
      tenantId,
      { ...fields, status: body.status ?? 'identified', createdBy: actingUserId() },
      cost,
      lines,
    );
    await this.repository.replaceCauses(manager, tenantId, [{ frictionId: id, causes }]);
    const row = (await this.repository.find(manager, tenantId, id))!;
    await this.audit.record(manager, { action: 'friction.created', entityType: 'friction', entityId: id, after: auditView(row) });
    return this.presentOne(manager, tenantId, row);
  }

  async get(tenantId: string, id: string): Promise<FrictionDto> {
    const manager = RequestContext.manager();
    return this.presentOne(manager, tenantId, await this.found(manager, tenantId, id));
  }

  async list(tenantId: string, query: FrictionListQueryDto): Promise<Page<FrictionDto>> {
    const manager = RequestContext.manager();
    const page = await this.listQuery.page(manager, tenantId, query);
    return { data: await this.present(manager, tenantId, page.data), nextCursor: page.nextCursor };
  }

  /** Changes what the body names (absent fields stay); `burdens` or the shorthand replace every line. */
  async update(tenantId: string, id: string, body: FrictionUpdateDto, ifMatch: string | undefined): Promise<FrictionDto> {
    const manager = RequestContext.manager();
    const before = await this.found(manager, tenantId, id, true);
    assertVersion(before.version, ifMatch);
    const lines = requestedLines(body);
    const fields = this.fields(body, before);
    await this.check(manager, tenantId, fields, before);
    fields.ref ??= await this.repository.nextRef(manager, tenantId);
    const causes = body.rootCauses !== undefined ? await this.rootCauses.checked(tenantId, body.rootCauses ?? [], manager) : undefined;
    const replace = lines ? { lines, cost: costOf(lines, defaultTariffs(await this.settings.get(manager, tenantId))) } : undefined;
    await this.repository.update(manager, tenantId, id, fields, replace);
    if (causes) await this.repository.replaceCauses(manager, tenantId, [{ frictionId: id, causes }]);
    const after = (await this.repository.find(manager, tenantId, id))!;
    await this.audit.record(manager, {
      action: 'friction.updated',
      entityType: 'friction',
      entityId: id,
      before: auditView(before),
      after: { ...auditView(after), linesReplaced: replace !== undefined, rootCausesReplaced: causes !== undefined },
    });
    return this.presentOne(manager, tenantId, after);
  }

  async remove(tenantId: string, id: string, ifMatch: string | undefined): Promise<void> {
    const manager = RequestContext.manager();
    const before = await this.found(manager, tenantId, id, true);
    assertVersion(before.version, ifMatch);
    await this.repository.delete(manager, tenantId, id);
    await this.audit.record(manager, { action: 'friction.deleted', entityType: 'friction', entityId: id, before: auditView(before) });
  }

  /** The friction, or 404 (another tenant's looks exactly like a missing one). */
  async found(manager: EntityManager, tenantId: string, id: string, lock = false): Promise<FrictionRow> {
    const row = await this.repository.find(manager, tenantId, id, { lock });
    if (!row) throw platformProblems.raise(PlatformProblem.NotFound);
    return row;
  }

  /** Frictions as the API shows them: two statements for their lines and causes, one for the models' gaps. */
  async present(manager: EntityManager, tenantId: string, rows: readonly FrictionRow[]): Promise<FrictionDto[]> {
    const ids = rows.map((r) => r.id);
    const [lines, causes, settings] = [
      await this.repository.lines(manager, tenantId, ids),
      await this.repository.causes(manager, tenantId, ids),
      await this.settings.get(manager, tenantId),
    ];
    const shown = await this.rootCauses.present(tenantId, causes as Map<string, RootCause[]>, manager);
    return rows.map((r) => toFrictionDto(r, lines.get(r.id) ?? [], shown.get(r.id) ?? [], settings.currency));
  }

  async presentOne(manager: EntityManager, tenantId: string, row: FrictionRow): Promise<FrictionDto> {
    return (await this.present(manager, tenantId, [row]))[0];
  }

  /** The texts and links after the change: the body's where it names them, else the current ones. */
  private fields(body: FrictionFieldsDto & { title?: string; area?: string }, current: FrictionRow | null): FrictionFields {
    const pick = <K extends keyof FrictionFields>(key: K, fallback: FrictionFields[K]): FrictionFields[K] =>
      (body as Partial<FrictionFields>)[key] !== undefined ? ((body as FrictionFields)[key] ?? fallback) : (current?.[key] ?? fallback);
    return {
      ref: body.ref !== undefined ? body.ref?.trim() || null : (current?.ref ?? null),
      title: pick('title', ''),
      description: body.description !== undefined ? body.description : (current?.description ?? null),
      area: pick('area', ''),
      service: body.service !== undefined ? body.service : (current?.service ?? null),
      channel: body.channel !== undefined ? body.channel : (current?.channel ?? null),
      ownerId: body.ownerId !== undefined ? body.ownerId : (current?.ownerId ?? null),
      evidence: pick('evidence', []).map((e) => (e.label ? { url: e.url, label: e.label } : { url: e.url })),
      tags: [...new Set(pick('tags', []).map((t) => t.trim()))],
    };
  }

  /** The area is one of the tenant's, the owner a member, the ref free: else 422 / 409. */
  private async check(manager: EntityManager, tenantId: string, fields: FrictionFields, current: FrictionRow | null): Promise<void> {
    if (fields.area !== current?.area) await this.areas.assertKnown(tenantId, fields.area, manager);
    if (fields.ownerId && fields.ownerId !== current?.ownerId) {
      if ((await this.members.byUserIds(tenantId, [fields.ownerId], manager)).length === 0) {
        throw frictionProblems.raise(FrictionProblem.OwnerNotMember, {
          errors: [{ path: 'ownerId', code: 'ownerNotMember', message: FRICTION_FIELD_MESSAGES.ownerNotMember }],
        });
      }
    }
    if (fields.ref && fields.ref !== current?.ref) {
      const holder = await this.repository.idOfRef(manager, tenantId, fields.ref);
      if (holder && holder !== current?.id) {
        throw frictionProblems.raise(FrictionProblem.RefTaken, { ref: fields.ref }, { extensions: { existingFrictionId: holder } });
      }
    }
  }
}
