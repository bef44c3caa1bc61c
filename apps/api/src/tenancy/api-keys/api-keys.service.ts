import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../platform/context/request-context';
import { uuidv7 } from '../../platform/database/uuid';
import { PlatformProblem, platformProblems } from '../../platform/errors/platform.problems';
import { validationProblem } from '../../platform/errors/validation';
import { decodeCursor, DEFAULT_PAGE_SIZE, toPage, type Page } from '../../platform/http/pagination';
import { currentAccess } from '../access/tenant-access.service';
import { compactUuid, hashToken, randomSecret } from '../auth/secrets';
import { TENANCY_FIELD_MESSAGES } from '../tenancy.problems';
import { ApiKey } from './api-key.entity';
import type { ApiKeyCreateDto, ApiKeyCreatedDto, ApiKeyDto, ApiKeyListQueryDto } from './dto/api-key.dto';

function toDto(key: ApiKey): ApiKeyDto {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    lastFour: key.lastFour,
    scopes: key.scopes,
    expiresAt: key.expiresAt?.toISOString() ?? null,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
    createdBy: key.createdBy,
    createdAt: key.createdAt.toISOString(),
  };
}

/** Integrator keys of a tenant: issued once, stored hashed, listed by prefix, revocable. */
@Injectable()
export class ApiKeysService {
  async create(tenantId: string, dto: ApiKeyCreateDto): Promise<ApiKeyCreatedDto> {
    const manager = RequestContext.manager();
    const { principal } = currentAccess();
    const expiresAt = dto.expiresAt ? new Date(dto.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) {
      throw validationProblem([{ path: 'expiresAt', code: 'inThePast', message: TENANCY_FIELD_MESSAGES.expiresAtInThePast }]);
    }
    const id = uuidv7();
    const secret = randomSecret();
    const key = `rmb_${compactUuid(id)}_${secret}`;
    const saved = await manager.save(
      manager.create(ApiKey, {
        tenantId,
        id,
        name: dto.name.trim(),
        scopes: [...dto.scopes].sort(),
        prefix: key.slice(0, 12),
        lastFour: key.slice(-4),
        secretHash: hashToken(secret),
        createdBy: principal.kind === 'user' ? principal.userId : principal.keyId,
        expiresAt,
      }),
    );
    return { ...toDto(saved), key };
  }

  async list(tenantId: string, query: ApiKeyListQueryDto): Promise<Page<ApiKeyDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const qb = RequestContext.manager().createQueryBuilder(ApiKey, 'k').where('k.tenant_id = :tenantId', { tenantId });
    if (!query.includeRevoked) qb.andWhere('k.revoked_at IS NULL');
    const after = decodeCursor(query.cursor, 1);
    if (after) qb.andWhere('k.id < :after', { after: after[0] });
    const rows = await qb
      .orderBy('k.id', 'DESC')
      .take(limit + 1)
      .getMany();
    const page = toPage(rows, limit, (k) => [k.id]);
    return { data: page.data.map(toDto), nextCursor: page.nextCursor };
  }

  async revoke(tenantId: string, keyId: string): Promise<void> {
    const manager = RequestContext.manager();
    const key = await manager.findOneBy(ApiKey, { tenantId, id: keyId });
    if (!key) throw platformProblems.raise(PlatformProblem.NotFound);
    if (key.revokedAt) return;
    key.revokedAt = new Date();
    await manager.save(key);
  }
}
