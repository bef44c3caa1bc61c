import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TenantAccess } from '../platform/auth/auth.decorators';
import { RequestContext } from '../platform/context/request-context';
import { ParseIdPipe } from '../platform/errors/validation';
import { decodeCursor, DEFAULT_PAGE_SIZE, toPage, type Page } from '../platform/http/pagination';
import { AuditEvent } from './audit-event.entity';
import { AuditTrail } from './audit-trail.service';
import { AuditEventDto, AuditEventListQueryDto, AuditEventPageDto, AuditVerificationDto } from './dto/audit.dto';

@ApiTags('audit')
@Controller('v1/tenants/:tenantId/audit-events')
export class AuditController {
  constructor(private readonly trail: AuditTrail) {}

  @Get()
  @TenantAccess('audit')
  @ApiOperation({
    summary: 'List the tenant’s audit trail, newest first',
    description:
      'For admins and auditors. Filters combine with AND. Each event carries prevHash and hash so the chain can be checked independently.',
  })
  @ApiOkResponse({ type: AuditEventPageDto, description: 'A page of events, newest first' })
  async listAuditEvents(
    @Param('tenantId', ParseIdPipe) tenantId: string,
    @Query() query: AuditEventListQueryDto,
  ): Promise<Page<AuditEventDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, 1);
    const qb = RequestContext.manager().createQueryBuilder(AuditEvent, 'e').where('e.tenant_id = :tenantId', { tenantId });
    if (after) qb.andWhere('e.seq < :seq', { seq: after[0] });
    if (query.action?.endsWith('*'))
      qb.andWhere('e.action LIKE :action', { action: `${query.action.slice(0, -1).replace(/[%_\\]/g, '\\$&')}%` });
    else if (query.action) qb.andWhere('e.action = :action', { action: query.action });
    if (query.entityType) qb.andWhere('e.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('e.entity_id = :entityId', { entityId: query.entityId });
    if (query.actorId) qb.andWhere('e.actor_id = :actorId', { actorId: query.actorId });
    if (query.actorType) qb.andWhere('e.actor_type = :actorType', { actorType: query.actorType });
    if (query.from) qb.andWhere('e.occurred_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('e.occurred_at < :to', { to: query.to });
    const rows = await qb
      .orderBy('e.seq', 'DESC')
      .take(limit + 1)
      .getMany();
    const page = toPage(rows, limit, (e) => [e.seq]);
    return { data: page.data.map(toDto), nextCursor: page.nextCursor };
  }

  @Post('verify')
  @HttpCode(200)
  @TenantAccess('audit')
  @ApiOperation({
    summary: 'Verify the tenant’s hash chain',
    description:
      'Recomputes every event’s hash from its content and its predecessor. `{ ok: false, brokenAt }` names the first event that was altered, removed or reordered.',
  })
  @ApiOkResponse({ type: AuditVerificationDto, description: 'Whether the chain verifies, and where it breaks if it does not' })
  verifyAuditEvents(@Param('tenantId', ParseIdPipe) tenantId: string): Promise<AuditVerificationDto> {
    return this.trail.verify(RequestContext.manager(), tenantId);
  }
}

function toDto(e: AuditEvent): AuditEventDto {
  return {
    id: e.id,
    seq: e.seq,
    tenantId: e.tenantId,
    occurredAt: e.occurredAt.toISOString(),
    actorType: e.actorType,
    actorId: e.actorId,
    actorLabel: e.actorLabel,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    before: e.before,
    after: e.after,
    requestId: e.requestId,
    ip: e.ip,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}
