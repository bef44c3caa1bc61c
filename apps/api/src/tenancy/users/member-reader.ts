import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RequestContext } from '../../platform/context/request-context';

/** A member of a tenant as other modules may know it: the user and their email. */
export interface MemberRef {
  userId: string;
  email: string;
}

/**
 * Who is a member of a tenant, for other modules (an owner must be a member; imports and exports
 * name owners by email). Direct memberships of the tenant only, read in the request's transaction.
 */
@Injectable()
export class MemberReader {
  /** The members among these users, with their emails. */
  async byUserIds(tenantId: string, userIds: readonly string[], manager: EntityManager = RequestContext.manager()): Promise<MemberRef[]> {
    if (userIds.length === 0) return [];
    return manager.query(
      `SELECT m.user_id AS "userId", u.email FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.tenant_id = $1 AND m.user_id = ANY ($2::uuid[])`,
      [tenantId, [...new Set(userIds)]],
    );
  }

  /** Every member of the tenant with their name, by name: whom a friction can be assigned to. */
  async named(tenantId: string, manager: EntityManager = RequestContext.manager()): Promise<{ userId: string; name: string }[]> {
    return manager.query(
      `SELECT m.user_id AS "userId", u.name FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.tenant_id = $1 AND u.disabled_at IS NULL ORDER BY u.name, m.user_id`,
      [tenantId],
    );
  }

  /** The members with these emails (case ignored). */
  async byEmails(tenantId: string, emails: readonly string[], manager: EntityManager = RequestContext.manager()): Promise<MemberRef[]> {
    if (emails.length === 0) return [];
    return manager.query(
      `SELECT m.user_id AS "userId", u.email FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.tenant_id = $1 AND lower(u.email) = ANY ($2::text[])`,
      [tenantId, [...new Set(emails.map((e) => e.toLowerCase()))]],
    );
  }
}
