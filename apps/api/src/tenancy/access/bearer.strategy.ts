import { Inject, Injectable, Logger } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-http-bearer';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { DbSession } from '../../platform/database/db-session';
import type { ApiKeyScope } from '../api-keys/api-key.entity';
import { verifyJwt } from '../auth/jwt';
import type { Principal } from '../auth/principal';
import { expandUuid, hashToken } from '../auth/secrets';
import { timingSafeEqual } from 'node:crypto';

interface ApiKeyRow {
  tenant_id: string;
  name: string;
  prefix: string;
  secret_hash: string;
  scopes: ApiKeyScope[];
  expires_at: Date | null;
  revoked_at: Date | null;
}

const LAST_USED_RESOLUTION_MS = 60_000;
const API_KEY = /^rmb_([0-9a-f]{32})_([A-Za-z0-9_-]{20,})$/;

/**
 * Turns a bearer token into a principal: a staff access JWT (verified without the database; its
 * session is checked live in the request's first statement, see TenantAccessService) or an
 * integrator API key `rmb_<id>_<secret>` (looked up by id, secret compared by hash).
 * passport-http-bearer would also read `?access_token=` and a body `access_token`: the AuthGuard
 * refuses both before this strategy runs, so only the header ever authenticates.
 */
@Injectable()
export class BearerStrategy extends PassportStrategy(Strategy, 'bearer') {
  private readonly logger = new Logger(BearerStrategy.name);
  /** When each key's lastUsedAt was last written, so a busy integrator costs one write a minute. */
  private readonly lastUseWritten = new Map<string, number>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly db: DbSession,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async validate(token: string): Promise<Principal | false> {
    const key = API_KEY.exec(token);
    if (key) return this.apiKey(key[1], key[2]);
    const claims = verifyJwt(token, this.jwtSecret());
    if (!claims) return false;
    return { kind: 'user', userId: claims.sub, email: claims.email, platformAdmin: claims.pa === true, sessionId: claims.sid };
  }

  private jwtSecret(): string {
    const secret = this.config.auth.jwtSecret;
    if (!secret) throw new Error('auth.jwtSecret is not resolved: call resolveSecrets() before creating the app');
    return secret;
  }

  private async apiKey(compactId: string, secret: string): Promise<Principal | false> {
    const keyId = expandUuid(compactId);
    if (!keyId) return false;
    const rows: ApiKeyRow[] = await this.dataSource.query('SELECT * FROM rumbo_auth_api_key($1)', [keyId]);
    const row = rows[0];
    if (!row) return false;
    const expected = Buffer.from(row.secret_hash, 'hex');
    const given = Buffer.from(hashToken(secret), 'hex');
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
    if (row.revoked_at || (row.expires_at && row.expires_at.getTime() <= Date.now())) return false;
    this.noteUse(keyId, row.tenant_id);
    return { kind: 'api_key', keyId, tenantId: row.tenant_id, scopes: row.scopes, prefix: row.prefix, name: row.name };
  }

  private noteUse(keyId: string, tenantId: string): void {
    const now = Date.now();
    if (now - (this.lastUseWritten.get(keyId) ?? 0) < LAST_USED_RESOLUTION_MS) return;
    this.lastUseWritten.set(keyId, now);
    // Outside the request's transaction: a read-only request still records the use, and a failed
    // request does not undo it. Usage is bookkeeping, not an audited change.
    this.db
      .transaction({ tenantId, readableTenantIds: [tenantId] }, (m) =>
        m.query('UPDATE api_keys SET last_used_at = now() WHERE tenant_id = $1 AND id = $2', [tenantId, keyId]),
      )
      .catch((error: unknown) => this.logger.warn(`could not record use of API key ${keyId}: ${String(error)}`));
  }
}
