import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { DbSession } from '../../platform/database/db-session';
import { uuidv7 } from '../../platform/database/uuid';
import { RefreshToken } from './refresh-token.entity';
import { User } from '../users/user.entity';
import type { TokenResponseDto } from './dto/auth.dto';
import { SignInProblem, signInProblems, tooManyAttempts, type InvalidCredentialReason } from './auth.problems';
import { signJwt } from './jwt';
import { LoginThrottle } from './login-throttle';
import { hashPassword, verifyPassword } from './passwords';
import { compactUuid, expandUuid, hashToken, randomSecret } from './secrets';

const REFRESH = /^rft_([0-9a-f]{32})_([A-Za-z0-9_-]{20,})$/;

function invalidCredentials(reason: InvalidCredentialReason) {
  return signInProblems.raise(SignInProblem.InvalidCredentials, { reason });
}

/** Staff sign-in: passwords (argon2id), short-lived access JWTs and rotating refresh tokens. */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly db: DbSession,
    private readonly throttle: LoginThrottle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(email: string, password: string, ip: string): Promise<TokenResponseDto> {
    const wait = await this.throttle.retryAfter(email, ip);
    if (wait > 0) throw tooManyAttempts(wait);
    const [row]: { id: string; password_hash: string | null; platform_admin: boolean; disabled_at: Date | null }[] =
      await this.dataSource.query('SELECT * FROM rumbo_auth_user_by_email($1)', [email]);
    const ok = await verifyPassword(row?.password_hash, password);
    if (!row || !ok || row.disabled_at) {
      await this.throttle.recordFailure(email, ip);
      this.logger.warn(`failed sign-in for ${email} from ${ip}`);
      throw invalidCredentials('password');
    }
    await this.throttle.recordSuccess(email, ip);
    return this.db.transaction({ userId: row.id }, async (manager) => {
      const user = await manager.findOneByOrFail(User, { id: row.id });
      return this.issue(manager, user, uuidv7());
    });
  }

  async refresh(token: string): Promise<TokenResponseDto> {
    const parsed = REFRESH.exec(token);
    const id = parsed && expandUuid(parsed[1]);
    if (!parsed || !id) throw invalidCredentials('refreshToken');
    const [owner]: { rumbo_auth_refresh_token_user: string | null }[] = await this.dataSource.query(
      'SELECT rumbo_auth_refresh_token_user($1)',
      [id],
    );
    const userId = owner?.rumbo_auth_refresh_token_user;
    if (!userId) throw invalidCredentials('refreshToken');

    const outcome = await this.db.transaction(
      { userId },
      async (manager): Promise<{ error: InvalidCredentialReason } | { tokens: TokenResponseDto }> => {
        const stored = await manager.findOne(RefreshToken, { where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!stored || stored.tokenHash !== hashToken(parsed[2])) return { error: 'refreshToken' };
        if (stored.revokedAt || stored.expiresAt.getTime() <= Date.now()) return { error: 'refreshExpired' };
        if (stored.usedAt) {
          // A spent token came back: someone holds a copy. Revoke the whole family, ours included; its
          // access tokens die with it on their next request (rumbo_session_active).
          await manager.update(RefreshToken, { familyId: stored.familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
          this.logger.warn(`refresh token reuse detected for user ${userId}: family ${stored.familyId} revoked`);
          return { error: 'refreshReused' };
        }
        const user = await manager.findOneByOrFail(User, { id: userId });
        if (user.disabledAt) return { error: 'accountDisabled' };
        await manager.update(RefreshToken, { id }, { usedAt: new Date() });
        return { tokens: await this.issue(manager, user, stored.familyId) };
      },
    );
    if ('error' in outcome) throw invalidCredentials(outcome.error);
    return outcome.tokens;
  }

  /**
   * Revokes the family of a refresh token (sign-out): its refresh tokens, and the access tokens of
   * the session on their next request. Unknown tokens are ignored: nothing to reveal.
   */
  async logout(token: string): Promise<void> {
    const parsed = REFRESH.exec(token);
    const id = parsed && expandUuid(parsed[1]);
    if (!parsed || !id) return;
    const [owner]: { rumbo_auth_refresh_token_user: string | null }[] = await this.dataSource.query(
      'SELECT rumbo_auth_refresh_token_user($1)',
      [id],
    );
    const userId = owner?.rumbo_auth_refresh_token_user;
    if (!userId) return;
    await this.db.transaction({ userId }, async (manager) => {
      const stored = await manager.findOneBy(RefreshToken, { id });
      if (!stored || stored.tokenHash !== hashToken(parsed[2])) return;
      await manager.update(RefreshToken, { familyId: stored.familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
    });
  }

  /**
   * Changes the password of the signed-in user (in the request's transaction) and ends all its
   * sessions, this one included: every refresh token is revoked, so every access token of the user
   * is refused from the next request on.
   */
  async changePassword(manager: EntityManager, userId: string, current: string, next: string): Promise<void> {
    const user = await manager.findOneBy(User, { id: userId });
    if (!user || !(await verifyPassword(user.passwordHash, current))) throw invalidCredentials('currentPassword');
    user.passwordHash = await hashPassword(next);
    user.passwordChangedAt = new Date();
    await manager.save(user);
    await manager.update(RefreshToken, { userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** Starts a new sign-in for a user already authenticated by other means (an accepted invitation). */
  signIn(manager: EntityManager, user: User): Promise<TokenResponseDto> {
    return this.issue(manager, user, uuidv7());
  }

  private async issue(manager: EntityManager, user: User, familyId: string): Promise<TokenResponseDto> {
    const now = Math.floor(Date.now() / 1000);
    const ttl = this.config.auth.accessTokenTtlSeconds;
    const secret = this.config.auth.jwtSecret;
    if (!secret) throw new Error('auth.jwtSecret is not resolved');
    const accessToken = signJwt(
      {
        sub: user.id,
        email: user.email,
        pa: user.platformAdmin,
        typ: 'access',
        iat: now,
        exp: now + ttl,
        jti: randomUUID(),
        sid: familyId,
      },
      secret,
    );
    const refreshId = uuidv7();
    const refreshSecret = randomSecret();
    await manager.insert(RefreshToken, {
      id: refreshId,
      familyId,
      userId: user.id,
      tokenHash: hashToken(refreshSecret),
      expiresAt: new Date(Date.now() + this.config.auth.refreshTokenTtlDays * 86_400_000),
    });
    return { accessToken, refreshToken: `rft_${compactUuid(refreshId)}_${refreshSecret}`, expiresIn: ttl, tokenType: 'Bearer' };
  }
}
