import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiPreconditionFailedResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, PlatformAdmin, TenantAccess } from '../../platform/auth/auth.decorators';
import type { Page } from '../../platform/http/pagination';
import {
  TenantAccessibleQueryDto,
  TenantCreateDto,
  TenantDto,
  TenantListDto,
  TenantListQueryDto,
  TenantMoveDto,
  TenantPageDto,
  TenantUpdateDto,
  type TenantSummaryDto,
} from './dto/tenant.dto';
import { etagOf, TenantsService } from './tenants.service';

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The ETag from a previous read; the change is refused with 412 if the tenant changed since',
};
const PROBLEM = { schema: { $ref: '#/components/schemas/Problem' } };

@ApiTags('tenants')
@Controller('v1/tenants')
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @Post()
  @PlatformAdmin()
  @ApiOperation({
    summary: 'Create a root tenant (platform administrators)',
    description: 'Usually a country or a national body; everything else is created below a tenant.',
  })
  @ApiCreatedResponse({ type: TenantDto })
  createTenant(@Body() body: TenantCreateDto): Promise<TenantDto> {
    return this.tenants.createRoot(body);
  }

  @Get()
  @Authenticated()
  @ApiOperation({
    summary: 'Tenants you can open (tenant switcher)',
    description:
      'Everything in the subtrees where you hold a role (all tenants for platform administrators), searchable by name or code. `roots=true` returns the top nodes of your tree.',
  })
  @ApiOkResponse({ type: TenantPageDto })
  listTenants(@Query() query: TenantAccessibleQueryDto): Promise<Page<TenantSummaryDto>> {
    return this.tenants.accessible(query);
  }

  @Get(':tenantId')
  @TenantAccess('read')
  @ApiOperation({ summary: 'Get a tenant', description: 'Returns an ETag for optimistic concurrency.' })
  @ApiOkResponse({ type: TenantDto })
  async getTenant(@Param('tenantId', ParseUUIDPipe) tenantId: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<TenantDto> {
    const tenant = await this.tenants.get(tenantId);
    void reply.header('ETag', etagOf(tenant.version));
    return tenant;
  }

  @Patch(':tenantId')
  @TenantAccess('admin')
  @ApiOperation({
    summary: 'Change a tenant’s code, name, kind, population, locale, time zone or currency',
    description: 'Only the fields sent change; `population: null` clears it. The change is audited with before and after.',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: TenantDto })
  @ApiPreconditionFailedResponse({ ...PROBLEM, description: 'If-Match does not match the current ETag' })
  async updateTenant(
    @Param('tenantId', ParseUUIDPipe) tenantId: string,
    @Body() body: TenantUpdateDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TenantDto> {
    const tenant = await this.tenants.update(tenantId, body, ifMatch);
    void reply.header('ETag', etagOf(tenant.version));
    return tenant;
  }

  @Post(':tenantId/children')
  @TenantAccess('admin')
  @ApiOperation({
    summary: 'Create a tenant below this one',
    description: 'The code must be unique on the platform (409 otherwise). Admins of this tenant become admins of the new one.',
  })
  @ApiCreatedResponse({ type: TenantDto })
  createChildTenant(@Param('tenantId', ParseUUIDPipe) tenantId: string, @Body() body: TenantCreateDto): Promise<TenantDto> {
    return this.tenants.createChild(tenantId, body);
  }

  @Get(':tenantId/children')
  @TenantAccess('read')
  @ApiOperation({
    summary: 'Direct children of a tenant, by name',
    description: 'Paginated; searchable by name or code; archived ones only with includeArchived=true.',
  })
  @ApiOkResponse({ type: TenantPageDto })
  listChildTenants(
    @Param('tenantId', ParseUUIDPipe) tenantId: string,
    @Query() query: TenantListQueryDto,
  ): Promise<Page<TenantSummaryDto>> {
    return this.tenants.children(tenantId, query);
  }

  @Get(':tenantId/subtree')
  @TenantAccess('read')
  @ApiOperation({ summary: 'All descendants of a tenant, by name', description: 'Paginated; searchable by name or code.' })
  @ApiOkResponse({ type: TenantPageDto })
  listTenantSubtree(
    @Param('tenantId', ParseUUIDPipe) tenantId: string,
    @Query() query: TenantListQueryDto,
  ): Promise<Page<TenantSummaryDto>> {
    return this.tenants.subtree(tenantId, query);
  }

  @Get(':tenantId/ancestors')
  @TenantAccess('read')
  @ApiOperation({
    summary: 'The path from the root down to the tenant’s parent',
    description: 'Only the ancestors you can see are listed.',
  })
  @ApiOkResponse({ type: TenantListDto })
  async listTenantAncestors(@Param('tenantId', ParseUUIDPipe) tenantId: string): Promise<TenantListDto> {
    return { data: await this.tenants.ancestors(tenantId) };
  }

  @Post(':tenantId/move')
  @HttpCode(200)
  @TenantAccess('admin')
  @ApiOperation({
    summary: 'Move a tenant (and its subtree) under another parent',
    description: 'You must be an admin of both. A parent inside the tenant’s own subtree is refused (422), an archived parent too (409).',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: TenantDto })
  moveTenant(
    @Param('tenantId', ParseUUIDPipe) tenantId: string,
    @Body() body: TenantMoveDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<TenantDto> {
    return this.tenants.move(tenantId, body.parentId, ifMatch);
  }

  @Post(':tenantId/archive')
  @HttpCode(200)
  @TenantAccess('admin', { allowArchived: true })
  @ApiOperation({
    summary: 'Archive a tenant and its subtree',
    description: 'Nothing is deleted: archived tenants keep their data, read-only, and can be restored.',
  })
  @ApiOkResponse({ type: TenantDto })
  archiveTenant(@Param('tenantId', ParseUUIDPipe) tenantId: string): Promise<TenantDto> {
    return this.tenants.archive(tenantId);
  }

  @Post(':tenantId/unarchive')
  @HttpCode(200)
  @TenantAccess('admin', { allowArchived: true })
  @ApiOperation({
    summary: 'Restore an archived tenant and the descendants archived with it',
    description:
      'Descendants archived separately, earlier, stay archived. A tenant inside an archived subtree cannot be restored on its own (409): restore the archived ancestor.',
  })
  @ApiOkResponse({ type: TenantDto })
  unarchiveTenant(@Param('tenantId', ParseUUIDPipe) tenantId: string): Promise<TenantDto> {
    return this.tenants.unarchive(tenantId);
  }
}
