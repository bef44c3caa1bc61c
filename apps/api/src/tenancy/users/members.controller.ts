import { SignInProblem } from '../auth/auth.problems';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public, TenantAccess } from '../../platform/auth/auth.decorators';
import { ParseIdPipe } from '../../platform/errors/validation';
import type { Page } from '../../platform/http/pagination';
import { ApiBodyExamples, ApiProblems } from '../../platform/openapi/decorators';
import { TokenResponseDto } from '../auth/dto/auth.dto';
import {
  InvitationAcceptDto,
  InvitationCreateDto,
  InvitationCreatedDto,
  InvitationListQueryDto,
  InvitationPageDto,
  InvitationPreviewDto,
  InvitationTokenDto,
  MemberDto,
  MemberListQueryDto,
  MemberPageDto,
  MemberUpdateDto,
  type InvitationDto,
} from './dto/member.dto';
import { InvitationsService } from './invitations.service';
import { MembersService } from './members.service';
import { TenancyProblem } from '../tenancy.problems';

const TOKEN_EXAMPLE = 'rmbi_0190b4e27c1a7cc09d4e3f1a2b3c4d5e_Q2hhbmdlIG1lIGluIHByb2R1Y3Rpb24';

@ApiTags('users')
@Controller('v1/tenants/:tenantId')
export class MembersController {
  constructor(
    private readonly members: MembersService,
    private readonly invitations: InvitationsService,
  ) {}

  @Get('members')
  @TenantAccess('admin')
  @ApiOperation({
    summary: 'People with a role in this tenant',
    description: 'Roles held on ancestors also apply here but are listed on those tenants.',
  })
  @ApiOkResponse({ type: MemberPageDto, description: 'A page of the memberships held on this tenant, by email' })
  listMembers(@Param('tenantId', ParseIdPipe) tenantId: string, @Query() query: MemberListQueryDto): Promise<Page<MemberDto>> {
    return this.members.list(tenantId, query);
  }

  @Patch('members/:membershipId')
  @TenantAccess('admin')
  @ApiOperation({ summary: 'Change a member’s role', description: 'You cannot lower your own role (409); another admin can.' })
  @ApiBodyExamples(MemberUpdateDto, { analyst: { summary: 'Make the member an analyst', value: { role: 'analyst' } } })
  @ApiOkResponse({ type: MemberDto, description: 'The membership with its new role' })
  @ApiProblems(TenancyProblem.OwnMembership)
  updateMember(
    @Param('tenantId', ParseIdPipe) tenantId: string,
    @Param('membershipId', ParseIdPipe) membershipId: string,
    @Body() body: MemberUpdateDto,
  ): Promise<MemberDto> {
    return this.members.updateRole(tenantId, membershipId, body.role);
  }

  @Delete('members/:membershipId')
  @HttpCode(204)
  @TenantAccess('admin')
  @ApiOperation({
    summary: 'Remove a member from this tenant',
    description: 'The account stays; only the role here is removed. You cannot remove yourself (409).',
  })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblems(TenancyProblem.OwnMembership)
  async removeMember(
    @Param('tenantId', ParseIdPipe) tenantId: string,
    @Param('membershipId', ParseIdPipe) membershipId: string,
  ): Promise<void> {
    await this.members.remove(tenantId, membershipId);
  }

  @Post('invitations')
  @TenantAccess('admin')
  @ApiOperation({
    summary: 'Invite someone to this tenant with a role',
    description:
      'Returns the token once (valid 7 days); pass the accept link on to the person. A new invitation replaces pending ones for the same email.',
  })
  @ApiBodyExamples(InvitationCreateDto, {
    analyst: { summary: 'Invite an analyst', value: { email: 'tecnico@ayuntamiento.example', role: 'analyst' } },
  })
  @ApiCreatedResponse({ type: InvitationCreatedDto, description: 'The invitation, with its token (shown only here)' })
  @ApiProblems(TenancyProblem.AlreadyMember)
  createInvitation(@Param('tenantId', ParseIdPipe) tenantId: string, @Body() body: InvitationCreateDto): Promise<InvitationCreatedDto> {
    return this.invitations.create(tenantId, body);
  }

  @Get('invitations')
  @TenantAccess('admin')
  @ApiOperation({
    summary: 'Invitations of this tenant, newest first',
    description: 'Pending ones by default; status=all includes accepted, revoked and expired.',
  })
  @ApiOkResponse({ type: InvitationPageDto, description: 'A page of invitations, newest first' })
  listInvitations(@Param('tenantId', ParseIdPipe) tenantId: string, @Query() query: InvitationListQueryDto): Promise<Page<InvitationDto>> {
    return this.invitations.list(tenantId, query);
  }

  @Delete('invitations/:invitationId')
  @HttpCode(204)
  @TenantAccess('admin')
  @ApiOperation({ summary: 'Revoke a pending invitation', description: 'Its link stops working at once.' })
  @ApiNoContentResponse({ description: 'Revoked' })
  async revokeInvitation(
    @Param('tenantId', ParseIdPipe) tenantId: string,
    @Param('invitationId', ParseIdPipe) invitationId: string,
  ): Promise<void> {
    await this.invitations.revoke(tenantId, invitationId);
  }
}

@ApiTags('users')
@Controller('v1/invitations')
export class InvitationAcceptanceController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post('preview')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'What an invitation is for',
    description: 'For the accept page: the tenant, email and role, and whether an account exists for the email.',
  })
  @ApiBodyExamples(InvitationTokenDto, { token: { summary: 'The token from the invitation link', value: { token: TOKEN_EXAMPLE } } })
  @ApiOkResponse({ type: InvitationPreviewDto, description: 'What accepting the invitation will grant' })
  @ApiProblems(TenancyProblem.InvitationUnavailable)
  previewInvitation(@Body() body: InvitationTokenDto): Promise<InvitationPreviewDto> {
    return this.invitations.preview(body.token);
  }

  @Post('accept')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Accept an invitation and sign in',
    description:
      'Creates the account (name and a new password) or, when one exists for the email, proves it with its password; then grants the role.',
  })
  @ApiBodyExamples(InvitationAcceptDto, {
    newAccount: {
      summary: 'Create the account',
      value: { token: TOKEN_EXAMPLE, name: 'Lucía Fernández', password: 'a long new passphrase' },
    },
    existingAccount: { summary: 'With an existing account’s password', value: { token: TOKEN_EXAMPLE, password: 'my current password' } },
  })
  @ApiOkResponse({ type: TokenResponseDto, description: 'Signed in: the tokens of a new session' })
  @ApiProblems(TenancyProblem.InvitationUnavailable, SignInProblem.InvalidCredentials)
  acceptInvitation(@Body() body: InvitationAcceptDto): Promise<TokenResponseDto> {
    return this.invitations.accept(body.token, body.name, body.password);
  }
}
