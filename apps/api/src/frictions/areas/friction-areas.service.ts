import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditTrail } from '../../audit/audit-trail.service';
import { RequestContext } from '../../platform/context/request-context';
import { PlatformProblem, platformProblems } from '../../platform/errors/platform.problems';
import { FrictionProblem, frictionProblems } from '../frictions.problems';
import { FRICTION_FIELD_MESSAGES } from '../frictions.texts';
import { BUILT_IN_AREA_KEYS, BUILT_IN_AREAS } from './built-in-areas';
import type { FrictionAreaCreateDto, FrictionAreaDto } from './dto/friction-area.dto';
import type { AreaName } from './friction-area.entity';

/** The areas of interest of a tenant: the ten built in, then its own by key. */
@Injectable()
export class FrictionAreasService {
  constructor(private readonly audit: AuditTrail) {}

  async list(tenantId: string, manager: EntityManager = RequestContext.manager()): Promise<FrictionAreaDto[]> {
    const own: { key: string; name: AreaName }[] = await manager.query(
      `SELECT a.key, a.name FROM friction_areas a WHERE a.tenant_id = $1 ORDER BY a.key`,
      [tenantId],
    );
    return [...BUILT_IN_AREAS.map((a) => ({ ...a, builtIn: true })), ...own.map((a) => ({ ...a, builtIn: false }))];
  }

  /** The keys among these that are not areas of the tenant. */
  async unknown(tenantId: string, keys: readonly string[], manager: EntityManager = RequestContext.manager()): Promise<Set<string>> {
    const candidates = [...new Set(keys)].filter((k) => !BUILT_IN_AREA_KEYS.has(k));
    if (candidates.length === 0) return new Set();
    const rows: { key: string }[] = await manager.query(
      `SELECT a.key FROM friction_areas a WHERE a.tenant_id = $1 AND a.key = ANY ($2::text[])`,
      [tenantId, candidates],
    );
    const known = new Set(rows.map((r) => r.key));
    return new Set(candidates.filter((k) => !known.has(k)));
  }

  /** 422 `friction-area-unknown` unless the key is an area of the tenant. */
  async assertKnown(tenantId: string, key: string, manager: EntityManager = RequestContext.manager()): Promise<void> {
    if ((await this.unknown(tenantId, [key], manager)).size > 0) {
      throw frictionProblems.raise(
        FrictionProblem.AreaUnknown,
        { area: key },
        {
          errors: [{ path: 'area', code: 'areaUnknown', message: FRICTION_FIELD_MESSAGES.areaUnknown }],
        },
      );
    }
  }

  async create(tenantId: string, body: FrictionAreaCreateDto): Promise<FrictionAreaDto> {
    const manager = RequestContext.manager();
    const name = { es: body.name.es, en: body.name.en };
    const inserted: unknown[] = BUILT_IN_AREA_KEYS.has(body.key)
      ? []
      : await manager.query(
          `INSERT INTO friction_areas (tenant_id, key, name) VALUES ($1, $2, $3::jsonb) ON CONFLICT (tenant_id, key) DO NOTHING RETURNING key`,
          [tenantId, body.key, JSON.stringify(name)],
        );
    if (inserted.length === 0) throw frictionProblems.raise(FrictionProblem.AreaExists, { key: body.key });
    await this.audit.record(manager, {
      action: 'friction-area.created',
      entityType: 'friction_area',
      entityId: null,
      after: { key: body.key, name },
    });
    return { key: body.key, name, builtIn: false };
  }

  /** Deletes one of the tenant's own areas: never a built-in one (409), nor one frictions still use (409). */
  async remove(tenantId: string, key: string): Promise<void> {
    const manager = RequestContext.manager();
    if (BUILT_IN_AREA_KEYS.has(key)) throw frictionProblems.raise(FrictionProblem.AreaBuiltIn, { key });
    const [area]: { name: AreaName }[] = await manager.query(
      `SELECT a.name FROM friction_areas a WHERE a.tenant_id = $1 AND a.key = $2 FOR UPDATE`,
      [tenantId, key],
    );
    if (!area) throw platformProblems.raise(PlatformProblem.NotFound);
    const [{ count }]: { count: number }[] = await manager.query(
      `SELECT count(*)::int AS count FROM frictions f WHERE f.tenant_id = $1 AND f.area = $2`,
      [tenantId, key],
    );
    if (count > 0) throw frictionProblems.raise(FrictionProblem.AreaInUse, { key, count });
    await manager.query(`DELETE FROM friction_areas WHERE tenant_id = $1 AND key = $2`, [tenantId, key]);
    await this.audit.record(manager, {
      action: 'friction-area.deleted',
      entityType: 'friction_area',
      entityId: null,
      before: { key, name: area.name },
    });
  }
}
