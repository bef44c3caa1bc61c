import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public, TenantAccess } from '../../platform/auth/auth.decorators';
import type { Page } from '../../platform/http/pagination';
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
  @ApiOkResponse({ type: MemberPageDto })
  listMembers(@Param('tenantId', ParseUUIDPipe) tenantId: string, @Query() query: MemberListQueryDto): Promise<Page<MemberDto>> {
    return this.members.list(tenantId, query);
  }

  @Patch('members/:membershipId')
  @TenantAccess('admin')
  @ApiOperation({ summary: 'Change a member’s role', description: 'You cannot lower your own role (409); another admin can.' })
  @ApiOkResponse({ type: MemberDto })
  updateMember(
    @Param('tenantId', ParseUUIDPipe) tenantId: string,
    @Param('membershipId', ParseUUIDPipe) membershipId: string,
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
  async removeMember(
    @Param('tenantId', ParseUUIDPipe) tenantId: string,
    @Param('membershipId', ParseUUIDPipe) membershipId: string,
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
  @ApiCreatedResponse({ type: InvitationCreatedDto })
  createInvitation(@Param('tenantId', ParseUUIDPipe) tenantId: string, @Body() body: InvitationCreateDto): Promise<InvitationCreatedDto> {
    return this.invitations.create(tenantId, body);
  }

  @Get('invitations')
  @TenantAccess('admin')
  @ApiOperation({
    summary: 'Invitations of this tenant, newest first',
    description: 'Pending ones by default; status=all includes accepted, revoked and expired.',
  })
  @ApiOkResponse({ type: InvitationPageDto })
  listInvitations(
    @Param('tenantId', ParseUUIDPipe) tenantId: string,
    @Query() query: InvitationListQueryDto,
  ): Promise<Page<InvitationDto>> {
    return this.invitations.list(tenantId, query);
  }

  @Delete('invitations/:invitationId')
  @HttpCode(204)
  @TenantAccess('admin')
  @ApiOperation({ summary: 'Revoke a pending invitation', description: 'Its link stops working at once.' })
  @ApiNoContentResponse({ description: 'Revoked' })
  async revokeInvitation(
    @Param('tenantId', ParseUUIDPipe) tenantId: string,
    @Param('invitationId', ParseUUIDPipe) invitationId: string,
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
  @ApiOkResponse({ type: InvitationPreviewDto })
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
  @ApiOkResponse({ type: TokenResponseDto })
  acceptInvitation(@Body() body: InvitationAcceptDto): Promise<TokenResponseDto> {
    return this.invitations.accept(body.token, body.name, body.password);
  }
}
