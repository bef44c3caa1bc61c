import { AuthProblem, authProblems } from '../../platform/auth/auth.problems';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RequestContext } from '../../platform/context/request-context';
import { DbSession } from '../../platform/database/db-session';
import { uuidv7 } from '../../platform/database/uuid';
import { PlatformProblem, platformProblems } from '../../platform/errors/platform.problems';
import { assertVersion } from '../../platform/http/etag';
import { describeConstraint } from '../../platform/errors/postgres-errors';
import { decodeCursor, DEFAULT_PAGE_SIZE, toPage, type Page } from '../../platform/http/pagination';
import { roleGrants, scopesGrant, strongestRole } from '../access/access-levels';
import { currentAccess } from '../access/tenant-access.service';
import { TENANCY_FIELD_MESSAGES, TenancyProblem, tenancyProblems } from '../tenancy.problems';
import type { Role } from '../users/membership.entity';
import type {
  TenantAccessibleQueryDto,
  TenantCreateDto,
  TenantDto,
  TenantListQueryDto,
  TenantSummaryDto,
  TenantUpdateDto,
} from './dto/tenant.dto';
import { Tenant } from './tenant.entity';

describeConstraint('uq_tenants_code', 'code', TENANCY_FIELD_MESSAGES.codeTaken);
describeConstraint('fk_tenants_parent', 'parentId', TENANCY_FIELD_MESSAGES.parentMissing);
describeConstraint('ck_tenants_no_cycle', 'parentId', TENANCY_FIELD_MESSAGES.noCycle);

/** Columns of a tenant as the API shows it, with its active child count and ancestor names. */
const TENANT_COLUMNS = `
  t.id, t.parent_id AS "parentId", t.code, t.kind, t.name, t.population, t.locale, t.timezone, t.currency, t.depth,
  t.ancestors, t.archived_at AS "archivedAt", t.version, t.created_at AS "createdAt", t.updated_at AS "updatedAt",
  (SELECT count(*)::int FROM tenants c WHERE c.parent_id = t.id AND c.archived_at IS NULL) AS "childCount",
  ARRAY(SELECT a.name FROM unnest(t.ancestors) WITH ORDINALITY AS u(id, ord) JOIN tenants a ON a.id = u.id ORDER BY u.ord) AS "pathNames"`;

interface TenantRow extends Omit<TenantSummaryDto, 'archivedAt' | 'createdAt' | 'updatedAt'> {
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export function toTenantDto(row: TenantRow): TenantSummaryDto {
  return {
    ...row,
    currency: row.currency.trim(),
    archivedAt: row.archivedAt ? row.archivedAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function escapeLike(text: string): string {
  return text.replace(/[%_\\]/g, '\\$&');
}

/** The tenant hierarchy: create, read, change, move and archive administrations. */
@Injectable()
export class TenantsService {
  constructor(private readonly db: DbSession) {}

  /** A root tenant (platform administrators). Its audit chain starts with its own creation. */
  async createRoot(dto: TenantCreateDto): Promise<TenantDto> {
    const manager = RequestContext.manager();
    const id = uuidv7();
    await this.db.within(manager, { ...this.baseSettings(), tenantId: id, readableTenantIds: [id] });
    const state = RequestContext.current();
    if (state) state.tenantId = id;
    await manager.save(manager.create(Tenant, { ...this.fields(dto), id, parentId: null, ancestors: [], depth: 0 }));
    return this.get(id, manager);
  }

  async createChild(parentId: string, dto: TenantCreateDto): Promise<TenantDto> {
    const manager = RequestContext.manager();
    const id = uuidv7();
    // ancestors and depth are derived by the database trigger from the parent.
    await manager.save(manager.create(Tenant, { ...this.fields(dto), id, parentId, ancestors: [], depth: 0 }));
    return this.get(id, manager);
  }

  async get(id: string, manager: EntityManager = RequestContext.manager()): Promise<TenantSummaryDto> {
    const [row]: TenantRow[] = await manager.query(`SELECT ${TENANT_COLUMNS} FROM tenants t WHERE t.id = $1`, [id]);
    if (!row) throw platformProblems.raise(PlatformProblem.NotFound);
    return toTenantDto(row);
  }

  async update(id: string, dto: TenantUpdateDto, ifMatch: string | undefined): Promise<TenantDto> {
    const manager = RequestContext.manager();
    const tenant = await manager.findOne(Tenant, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!tenant) throw platformProblems.raise(PlatformProblem.NotFound);
    assertVersion(tenant.version, ifMatch);
    const changes = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined));
    if (Object.keys(changes).length > 0) await manager.save(Object.assign(tenant, changes));
    return this.get(id, manager);
  }

  /**
   * Moves a tenant (with its subtree) under another parent. The caller must be an admin of the new
   * parent too; the database refuses a parent inside the tenant's own subtree (a cycle).
   */
  async move(id: string, parentId: string | null, ifMatch: string | undefined): Promise<TenantDto> {
    const manager = RequestContext.manager();
    const access = currentAccess();
    const tenant = await manager.findOne(Tenant, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!tenant) throw platformProblems.raise(PlatformProblem.NotFound);
    assertVersion(tenant.version, ifMatch);
    if (parentId === tenant.parentId) return this.get(id, manager);
    if (parentId === null) {
      if (!access.platform) throw authProblems.raise(AuthProblem.Forbidden, { reason: 'rootMove' });
    } else {
      const [parent]: { id: string; ancestors: string[]; archived_at: Date | null }[] = await manager.query(
        'SELECT id, ancestors, archived_at FROM tenants WHERE id = $1',
        [parentId],
      );
      if (!parent) {
        throw tenancyProblems.raise(TenancyProblem.ParentNotFound, {
          errors: [{ path: 'parentId', code: 'notFound', message: TENANCY_FIELD_MESSAGES.parentNotFound }],
        });
      }
      if (!access.platform) {
        const path = new Set([parent.id, ...parent.ancestors]);
        const { principal } = access;
        const role = strongestRole(access.roots.filter((r) => r.role && path.has(r.tenantId)).map((r) => r.role as Role));
        // A key acts as admin of its tenant's subtree when its scopes grant admin (as for the moved tenant).
        const isAdmin =
          principal.kind === 'api_key'
            ? path.has(principal.tenantId) && scopesGrant(principal.scopes, 'admin')
            : role !== undefined && roleGrants(role, 'admin');
        if (!isAdmin) throw authProblems.raise(AuthProblem.Forbidden, { reason: 'parentAdmin' });
      }
      if (parent.archived_at) throw tenancyProblems.raise(TenancyProblem.TenantArchived, { which: 'parent' });
    }
    const oldDepth = tenant.depth;
    tenant.parentId = parentId;
    await manager.save(tenant);
    // The trigger rebased the moved tenant; rebase its descendants on its new path in one statement.
    const [moved]: { ancestors: string[] }[] = await manager.query('SELECT ancestors FROM tenants WHERE id = $1', [id]);
    await manager.query(
      `UPDATE tenants SET ancestors = $2::uuid[] || ancestors[$3:], depth = cardinality($2::uuid[]) + cardinality(ancestors[$3:]), updated_at = now()
        WHERE ancestors @> ARRAY[$1::uuid]`,
      [id, moved.ancestors, oldDepth + 1],
    );
    return this.get(id, manager);
  }

  /** Archives a tenant and its active descendants; their data stays, read-only. */
  async archive(id: string): Promise<TenantDto> {
    return this.setArchived(id, true);
  }

  /** Restores a tenant and the descendants archived together with it. */
  async unarchive(id: string): Promise<TenantDto> {
    return this.setArchived(id, false);
  }

  async children(parentId: string, query: TenantListQueryDto): Promise<Page<TenantSummaryDto>> {
    return this.list('t.parent_id = $1', [parentId], query);
  }

  async subtree(rootId: string, query: TenantListQueryDto): Promise<Page<TenantSummaryDto>> {
    return this.list('t.ancestors @> ARRAY[$1::uuid]', [rootId], query);
  }

  async ancestors(id: string): Promise<TenantSummaryDto[]> {
    const manager = RequestContext.manager();
    const rows: TenantRow[] = await manager.query(
      `SELECT ${TENANT_COLUMNS} FROM tenants t JOIN tenants x ON x.id = $1 AND t.id = ANY (x.ancestors) ORDER BY t.depth`,
      [id],
    );
    return rows.map(toTenantDto);
  }

  /** What the caller can open: the tenant switcher. Row-level security limits it to the caller's subtrees. */
  async accessible(query: TenantAccessibleQueryDto): Promise<Page<TenantSummaryDto>> {
    const access = currentAccess();
    if (query.roots && !query.search) {
      if (access.platform) return this.list('t.parent_id IS NULL', [], query);
      // The principal's membership tenants that are not below another of its membership tenants.
      const ids = access.roots.map((r) => r.tenantId);
      return this.list('t.id = ANY ($1::uuid[]) AND NOT (t.ancestors && $1::uuid[])', [ids], query);
    }
    return this.list('TRUE', [], query);
  }

  private async list(condition: string, params: unknown[], query: TenantListQueryDto): Promise<Page<TenantSummaryDto>> {
    const manager = RequestContext.manager();
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const where = [condition];
    const values = [...params];
    if (!query.includeArchived) where.push('t.archived_at IS NULL');
    if (query.search) {
      values.push(`%${escapeLike(query.search.trim())}%`);
      where.push(`(t.name ILIKE $${values.length} OR t.code ILIKE $${values.length})`);
    }
    const after = decodeCursor(query.cursor, 2);
    if (after) {
      values.push(after[0], after[1]);
      where.push(`(t.name, t.id) > ($${values.length - 1}, $${values.length}::uuid)`);
    }
    values.push(limit + 1);
    const rows: TenantRow[] = await manager.query(
      `SELECT ${TENANT_COLUMNS} FROM tenants t WHERE ${where.join(' AND ')} ORDER BY t.name, t.id LIMIT $${values.length}`,
      values,
    );
    const page = toPage(rows, limit, (r) => [r.name, r.id]);
    return { data: page.data.map(toTenantDto), nextCursor: page.nextCursor };
  }

  private async setArchived(id: string, archived: boolean): Promise<TenantDto> {
    const manager = RequestContext.manager();
    const tenant = await manager.findOne(Tenant, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!tenant) throw platformProblems.raise(PlatformProblem.NotFound);
    if (archived === (tenant.archivedAt !== null)) return this.get(id, manager);
    if (!archived && tenant.ancestors.length > 0) {
      const [{ n }]: { n: number }[] = await manager.query(
        'SELECT count(*)::int AS n FROM tenants WHERE id = ANY ($1::uuid[]) AND archived_at IS NOT NULL',
        [tenant.ancestors],
      );
      if (n > 0) throw tenancyProblems.raise(TenancyProblem.TenantArchived, { which: 'ancestor' });
    }
    const stamp = tenant.archivedAt;
    tenant.archivedAt = archived ? new Date() : null;
    await manager.save(tenant);
    await manager.query(
      archived
        ? `UPDATE tenants SET archived_at = $2, version = version + 1, updated_at = now() WHERE ancestors @> ARRAY[$1::uuid] AND archived_at IS NULL`
        : `UPDATE tenants SET archived_at = NULL, version = version + 1, updated_at = now() WHERE ancestors @> ARRAY[$1::uuid] AND archived_at = $2`,
      [id, archived ? tenant.archivedAt : stamp],
    );
    return this.get(id, manager);
  }

  private fields(dto: TenantCreateDto): Partial<Tenant> {
    return {
      code: dto.code,
      kind: dto.kind,
      name: dto.name.trim(),
      population: dto.population ?? null,
      ...(dto.locale ? { locale: dto.locale } : {}),
      ...(dto.timezone ? { timezone: dto.timezone } : {}),
      ...(dto.currency ? { currency: dto.currency } : {}),
    };
  }

  private baseSettings() {
    const access = currentAccess();
    return {
      userId: access.principal.kind === 'user' ? access.principal.userId : undefined,
      platform: access.platform,
      principalRoots: access.roots.map((r) => r.tenantId),
    };
  }
}
