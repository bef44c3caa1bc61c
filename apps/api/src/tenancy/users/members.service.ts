import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../platform/context/request-context';
import { PlatformProblem, platformProblems } from '../../platform/errors/platform.problems';
import { decodeCursor, DEFAULT_PAGE_SIZE, toPage, type Page } from '../../platform/http/pagination';
import { currentAccess } from '../access/tenant-access.service';
import { TenancyProblem, tenancyProblems, type OwnMembershipAction } from '../tenancy.problems';
import type { MemberDto, MemberListQueryDto } from './dto/member.dto';
import { Membership, type Role } from './membership.entity';

interface MemberRow extends Omit<MemberDto, 'createdAt'> {
  createdAt: Date;
}

/** Who holds which role in a tenant. */
@Injectable()
export class MembersService {
  async list(tenantId: string, query: MemberListQueryDto): Promise<Page<MemberDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const values: unknown[] = [tenantId];
    const where = ['m.tenant_id = $1'];
    if (query.search) {
      values.push(`%${query.search.trim().replace(/[%_\\]/g, '\\$&')}%`);
      where.push(`(u.email ILIKE $${values.length} OR u.name ILIKE $${values.length})`);
    }
    const after = decodeCursor(query.cursor, 2);
    if (after) {
      values.push(after[0], after[1]);
      where.push(`(lower(u.email), m.id) > ($${values.length - 1}, $${values.length}::uuid)`);
    }
    values.push(limit + 1);
    const rows: MemberRow[] = await RequestContext.manager().query(
      `SELECT m.id, m.user_id AS "userId", u.email, u.name, m.role, m.created_at AS "createdAt"
         FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE ${where.join(' AND ')} ORDER BY lower(u.email), m.id LIMIT $${values.length}`,
      values,
    );
    const page = toPage(rows, limit, (r) => [r.email.toLowerCase(), r.id]);
    return { data: page.data.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })), nextCursor: page.nextCursor };
  }

  async updateRole(tenantId: string, membershipId: string, role: Role): Promise<MemberDto> {
    const manager = RequestContext.manager();
    const membership = await this.find(tenantId, membershipId);
    this.refuseSelf(membership, role === 'admin' ? undefined : 'change-role');
    if (membership.role !== role) {
      membership.role = role;
      await manager.save(membership);
    }
    const page = await manager.query(
      `SELECT m.id, m.user_id AS "userId", u.email, u.name, m.role, m.created_at AS "createdAt"
         FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.tenant_id = $1 AND m.id = $2`,
      [tenantId, membershipId],
    );
    const row = page[0] as MemberRow;
    return { ...row, createdAt: row.createdAt.toISOString() };
  }

  async remove(tenantId: string, membershipId: string): Promise<void> {
    const membership = await this.find(tenantId, membershipId);
    this.refuseSelf(membership, 'remove');
    await RequestContext.manager().remove(membership);
  }

  private async find(tenantId: string, membershipId: string): Promise<Membership> {
    const membership = await RequestContext.manager().findOneBy(Membership, { tenantId, id: membershipId });
    if (!membership) throw platformProblems.raise(PlatformProblem.NotFound);
    return membership;
  }

  /** An admin cannot lock themselves out of a tenant by accident; another admin can do it for them. */
  private refuseSelf(membership: Membership, action: OwnMembershipAction | undefined): void {
    const { principal } = currentAccess();
    if (action && principal.kind === 'user' && principal.userId === membership.userId) {
      throw tenancyProblems.raise(TenancyProblem.OwnMembership, { action });
    }
  }
}
