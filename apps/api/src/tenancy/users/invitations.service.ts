import { SignInProblem, signInProblems } from '../auth/auth.problems';
import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { RequestContext, type RequestState } from '../../platform/context/request-context';
import { DbSession } from '../../platform/database/db-session';
import { uuidv7 } from '../../platform/database/uuid';
import { PlatformProblem, platformProblems } from '../../platform/errors/platform.problems';
import type { ProblemFieldError } from '../../platform/errors/problem';
import { validationProblem } from '../../platform/errors/validation';
import { decodeCursor, DEFAULT_PAGE_SIZE, toPage, type Page } from '../../platform/http/pagination';
import { currentAccess } from '../access/tenant-access.service';
import { AuthService } from '../auth/auth.service';
import type { TokenResponseDto } from '../auth/dto/auth.dto';
import { hashPassword, PASSWORD_MIN_LENGTH, verifyPassword } from '../auth/passwords';
import { compactUuid, expandUuid, hashToken, randomSecret } from '../auth/secrets';
import { TENANCY_FIELD_MESSAGES, TenancyProblem, tenancyProblems } from '../tenancy.problems';
import { Tenant } from '../tenants/tenant.entity';
import type {
  InvitationCreateDto,
  InvitationCreatedDto,
  InvitationDto,
  InvitationListQueryDto,
  InvitationPreviewDto,
} from './dto/member.dto';
import { Invitation } from './invitation.entity';
import { Membership, type Role } from './membership.entity';
import { User } from './user.entity';

const INVITATION_TTL_MS = 7 * 86_400_000;
const TOKEN = /^rmbi_([0-9a-f]{32})_([A-Za-z0-9_-]{20,})$/;

interface InvitationLookup {
  tenant_id: string;
  email: string;
  role: Role;
  token_hash: string;
  expires_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
}

function toDto(i: Invitation): InvitationDto {
  return {
    id: i.id,
    email: i.email,
    role: i.role,
    expiresAt: i.expiresAt.toISOString(),
    acceptedAt: i.acceptedAt?.toISOString() ?? null,
    revokedAt: i.revokedAt?.toISOString() ?? null,
    createdAt: i.createdAt.toISOString(),
  };
}

/**
 * Invitations bring people into a tenant with a role. Rumbo sends no email: the admin passes the
 * link on. The token is shown once and stored hashed; accepting creates the account (or uses an
 * existing one, proven by its password) and the membership, and signs the person in.
 */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly db: DbSession,
    private readonly auth: AuthService,
  ) {}

  async create(tenantId: string, dto: InvitationCreateDto): Promise<InvitationCreatedDto> {
    const manager = RequestContext.manager();
    const { principal } = currentAccess();
    const email = dto.email.trim();
    const member = await manager
      .createQueryBuilder(Membership, 'm')
      .innerJoin(User, 'u', 'u.id = m.user_id')
      .where('m.tenant_id = :tenantId AND lower(u.email) = lower(:email)', { tenantId, email })
      .getExists();
    if (member) {
      throw tenancyProblems.raise(TenancyProblem.AlreadyMember, {
        errors: [{ path: 'email', code: 'alreadyMember', message: TENANCY_FIELD_MESSAGES.alreadyMember }],
      });
    }
    // A new invitation replaces pending ones for the same email.
    const pending = await manager.find(Invitation, { where: { tenantId, acceptedAt: IsNull(), revokedAt: IsNull() } });
    for (const old of pending.filter((p) => p.email.toLowerCase() === email.toLowerCase())) {
      old.revokedAt = new Date();
      await manager.save(old);
    }
    const id = uuidv7();
    const secret = randomSecret();
    const saved = await manager.save(
      manager.create(Invitation, {
        tenantId,
        id,
        email,
        role: dto.role,
        tokenHash: hashToken(secret),
        invitedBy: principal.kind === 'user' ? principal.userId : null,
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      }),
    );
    const token = `rmbi_${compactUuid(id)}_${secret}`;
    return { ...toDto(saved), token, acceptPath: `/accept-invitation#token=${token}` };
  }

  async list(tenantId: string, query: InvitationListQueryDto): Promise<Page<InvitationDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const qb = RequestContext.manager().createQueryBuilder(Invitation, 'i').where('i.tenant_id = :tenantId', { tenantId });
    if ((query.status ?? 'pending') === 'pending') qb.andWhere('i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()');
    const after = decodeCursor(query.cursor, 1);
    if (after) qb.andWhere('i.id < :after', { after: after[0] });
    const rows = await qb
      .orderBy('i.id', 'DESC')
      .take(limit + 1)
      .getMany();
    const page = toPage(rows, limit, (i) => [i.id]);
    return { data: page.data.map(toDto), nextCursor: page.nextCursor };
  }

  async revoke(tenantId: string, invitationId: string): Promise<void> {
    const manager = RequestContext.manager();
    const invitation = await manager.findOneBy(Invitation, { tenantId, id: invitationId });
    if (!invitation) throw platformProblems.raise(PlatformProblem.NotFound);
    if (invitation.revokedAt || invitation.acceptedAt) return;
    invitation.revokedAt = new Date();
    await manager.save(invitation);
  }

  async preview(token: string): Promise<InvitationPreviewDto> {
    const { row } = await this.lookup(token);
    const [existing] = await this.dataSource.query('SELECT id FROM rumbo_auth_user_by_email($1)', [row.email]);
    const tenant = await this.db.transaction({ tenantId: row.tenant_id, readableTenantIds: [row.tenant_id] }, (m) =>
      m.findOneByOrFail(Tenant, { id: row.tenant_id }),
    );
    return {
      tenantName: tenant.name,
      email: row.email,
      role: row.role,
      expiresAt: row.expires_at.toISOString(),
      existingUser: Boolean(existing),
    };
  }

  async accept(token: string, name: string | undefined, password: string): Promise<TokenResponseDto> {
    const { id, row } = await this.lookup(token);
    const [existing]: { id: string; password_hash: string | null; disabled_at: Date | null }[] = await this.dataSource.query(
      'SELECT id, password_hash, disabled_at FROM rumbo_auth_user_by_email($1)',
      [row.email],
    );
    if (existing) {
      if (existing.disabled_at || !(await verifyPassword(existing.password_hash, password))) {
        throw signInProblems.raise(SignInProblem.InvalidCredentials, { reason: 'existingAccount' });
      }
    } else {
      const problems: ProblemFieldError[] = [];
      if (!name?.trim()) problems.push({ path: 'name', code: 'required', message: TENANCY_FIELD_MESSAGES.nameRequired });
      if (password.length < PASSWORD_MIN_LENGTH) {
        problems.push({ path: 'password', code: 'minLength', message: TENANCY_FIELD_MESSAGES.passwordTooShort(PASSWORD_MIN_LENGTH) });
      }
      if (problems.length) throw validationProblem(problems);
    }
    const userId = existing?.id ?? uuidv7();
    const passwordHash = existing ? null : await hashPassword(password);
    const state: RequestState = {
      ...(RequestContext.current() ?? { requestId: 'accept', ip: null }),
      tenantId: row.tenant_id,
      actor: { type: 'user', id: userId, label: row.email },
    };
    return RequestContext.run(state, () =>
      this.db.transaction({ tenantId: row.tenant_id, readableTenantIds: [row.tenant_id], userId }, async (manager) => {
        state.manager = manager;
        const invitation = await manager.findOne(Invitation, {
          where: { tenantId: row.tenant_id, id, acceptedAt: IsNull(), revokedAt: IsNull(), expiresAt: MoreThan(new Date()) },
          lock: { mode: 'pessimistic_write' },
        });
        // Used or revoked by a concurrent request since the lookup: as unavailable as a spent one.
        if (!invitation) throw tenancyProblems.raise(TenancyProblem.InvitationUnavailable);
        if (!existing) await manager.insert(User, { id: userId, email: row.email, name: (name as string).trim(), passwordHash });
        const membership = await manager.findOneBy(Membership, { tenantId: row.tenant_id, userId });
        if (!membership) await manager.save(manager.create(Membership, { tenantId: row.tenant_id, userId, role: row.role }));
        else if (membership.role !== row.role) await manager.save(Object.assign(membership, { role: row.role }));
        invitation.acceptedAt = new Date();
        await manager.save(invitation);
        const user = await manager.findOneByOrFail(User, { id: userId });
        return this.auth.signIn(manager, user);
      }),
    );
  }

  private async lookup(token: string): Promise<{ id: string; row: InvitationLookup }> {
    const parsed = TOKEN.exec(token);
    const id = parsed && expandUuid(parsed[1]);
    const unavailable = () => tenancyProblems.raise(TenancyProblem.InvitationUnavailable);
    if (!parsed || !id) throw unavailable();
    const [row]: InvitationLookup[] = await this.dataSource.query('SELECT * FROM rumbo_auth_invitation($1)', [id]);
    if (!row || row.token_hash !== hashToken(parsed[2]) || row.accepted_at || row.revoked_at || row.expires_at.getTime() <= Date.now())
      throw unavailable();
    return { id, row };
  }
}
