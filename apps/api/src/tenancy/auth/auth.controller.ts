import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public, SignedIn } from '../../platform/auth/auth.decorators';
import { RequestContext } from '../../platform/context/request-context';
import { ApiBodyExamples, ApiProblems } from '../../platform/openapi/decorators';
import { unauthorized } from '../access/auth.guard';
import { currentAccess } from '../access/tenant-access.service';
import { Tenant } from '../tenants/tenant.entity';
import { Membership } from '../users/membership.entity';
import { User } from '../users/user.entity';
import { SignInProblem } from './auth.problems';
import { AuthService } from './auth.service';
import { LoginRequestDto, MeResponseDto, PasswordChangeRequestDto, RefreshRequestDto, TokenResponseDto } from './dto/auth.dto';

/** A refresh token as the API issues it (the shape integrators see in the examples). */
const REFRESH_EXAMPLE = 'rft_0192f3a8c1d27e4f9b6a5c3d2e1f0a9b_616CRNwOmIzdIsd2itWyotgZA3mRFFWL0c1L_McLlfA';

@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in with email and password',
    description:
      'Failed attempts are throttled per email and address, and an address failing for many emails it never signed in with is stopped (429 with Retry-After). JSON body only (a form-encoded one is 415); the answer is Cache-Control: no-store.',
  })
  @ApiBodyExamples(LoginRequestDto, {
    demo: { summary: 'The demo region’s administrator', value: { email: 'admin@demo.example', password: 'rumbo-demo-2026' } },
  })
  @ApiOkResponse({ type: TokenResponseDto, description: 'Signed in: an access token and a single-use refresh token' })
  @ApiProblems(SignInProblem.InvalidCredentials, SignInProblem.TooManyAttempts)
  login(@Body() body: LoginRequestDto, @Req() request: FastifyRequest): Promise<TokenResponseDto> {
    return this.auth.login(body.email, body.password, request.ip);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange a refresh token for new tokens',
    description: 'Refresh tokens rotate: each is single-use. Reusing a spent one revokes the whole sign-in.',
  })
  @ApiBodyExamples(RefreshRequestDto, { refresh: { summary: 'The last refresh token issued', value: { refreshToken: REFRESH_EXAMPLE } } })
  @ApiOkResponse({ type: TokenResponseDto, description: 'New tokens; the refresh token sent is spent' })
  @ApiProblems(SignInProblem.InvalidCredentials)
  refresh(@Body() body: RefreshRequestDto): Promise<TokenResponseDto> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Sign out: revoke the refresh token and its family',
    description: 'The access tokens of this sign-in are refused from their next request on.',
  })
  @ApiBodyExamples(RefreshRequestDto, {
    logout: { summary: 'The sign-in’s current refresh token', value: { refreshToken: REFRESH_EXAMPLE } },
  })
  @ApiNoContentResponse({ description: 'Signed out (also when the token was unknown)' })
  async logout(@Body() body: RefreshRequestDto): Promise<void> {
    await this.auth.logout(body.refreshToken);
  }

  @Get('me')
  @SignedIn()
  @ApiOperation({
    summary: 'The signed-in user and the tenants where it holds a role',
    description: 'A role on a tenant applies to all its descendants.',
  })
  @ApiOkResponse({ type: MeResponseDto, description: 'The user’s profile and memberships, shallowest tenant first' })
  async me(): Promise<MeResponseDto> {
    const manager = RequestContext.manager();
    const { principal } = currentAccess();
    if (principal.kind !== 'user') throw new Error('SignedIn route reached by an API key');
    const user = await manager.findOneBy(User, { id: principal.userId });
    // A still-valid access token whose account was deleted: refused like any dead credential.
    if (!user) throw unauthorized('accountGone');
    const memberships = await manager
      .createQueryBuilder(Membership, 'm')
      .innerJoin(Tenant, 't', 't.id = m.tenant_id')
      .select(['m.tenant_id AS "tenantId"', 't.code AS "tenantCode"', 't.name AS "tenantName"', 't.kind AS "tenantKind"', 'm.role AS role'])
      .where('m.user_id = :userId', { userId: user.id })
      .orderBy('t.depth')
      .addOrderBy('t.name')
      .getRawMany<MeResponseDto['memberships'][number]>();
    return { id: user.id, email: user.email, name: user.name, locale: user.locale, platformAdmin: user.platformAdmin, memberships };
  }

  @Post('password')
  @SignedIn()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Change the signed-in user’s password',
    description:
      'Ends every session of the user, this one included: refresh tokens are revoked and access tokens refused from their next request on.',
  })
  @ApiBodyExamples(PasswordChangeRequestDto, {
    change: {
      summary: 'A new passphrase',
      value: { currentPassword: 'rumbo-demo-2026', newPassword: 'a longer passphrase for 2027' },
    },
  })
  @ApiNoContentResponse({ description: 'Password changed' })
  @ApiProblems(SignInProblem.InvalidCredentials)
  async changePassword(@Body() body: PasswordChangeRequestDto): Promise<void> {
    const { principal } = currentAccess();
    if (principal.kind !== 'user') throw new Error('SignedIn route reached by an API key');
    await this.auth.changePassword(RequestContext.manager(), principal.userId, body.currentPassword, body.newPassword);
  }
}
