import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiPreconditionFailedResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, PlatformAdmin, TenantAccess } from '../../platform/auth/auth.decorators';
import { PlatformProblem } from '../../platform/errors/platform.problems';
import { ParseIdPipe } from '../../platform/errors/validation';
import type { Page } from '../../platform/http/pagination';
import { ApiBodyExamples, ApiProblems } from '../../platform/openapi/decorators';
import { TenancyProblem } from '../tenancy.problems';
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
import { TenantsService } from './tenants.service';
import { ETAG, etagOf, IF_MATCH } from '../../platform/http/etag';

const MADRID: TenantCreateDto = {
  code: '28079',
  kind: 'municipality',
  name: 'Ayuntamiento de Madrid',
  population: 3_332_035,
  locale: 'es-ES',
  timezone: 'Europe/Madrid',
  currency: 'EUR',
};
const CREATE_EXAMPLES = {
  municipality: { summary: 'A municipality with its INE code', value: MADRID },
  minimal: { summary: 'Only the required fields', value: { code: 'ES', kind: 'country' as const, name: 'España' } },
};

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
  @ApiBodyExamples(TenantCreateDto, CREATE_EXAMPLES)
  @ApiCreatedResponse({ type: TenantDto, description: 'The new root tenant' })
  @ApiProblems(PlatformProblem.UniqueViolation)
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
  @ApiOkResponse({ type: TenantPageDto, description: 'A page of the tenants you can open, by name' })
  listTenants(@Query() query: TenantAccessibleQueryDto): Promise<Page<TenantSummaryDto>> {
    return this.tenants.accessible(query);
  }

  @Get(':tenantId')
  @TenantAccess('read')
  @ApiOperation({ summary: 'Get a tenant', description: 'Returns an ETag for optimistic concurrency.' })
  @ApiOkResponse({ type: TenantDto, description: 'The tenant', headers: ETAG })
  async getTenant(@Param('tenantId', ParseIdPipe) tenantId: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<TenantDto> {
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
  @ApiBodyExamples(TenantUpdateDto, {
    rename: { summary: 'A new name', value: { name: 'Ayuntamiento de Madrid (Ciudad)' } },
    population: { summary: 'Clear the population', value: { population: null } },
  })
  @ApiOkResponse({ type: TenantDto, description: 'The tenant after the change', headers: ETAG })
  @ApiPreconditionFailedResponse({ description: 'If-Match does not match the current ETag' })
  @ApiProblems(PlatformProblem.UniqueViolation, PlatformProblem.PreconditionFailed)
  async updateTenant(
    @Param('tenantId', ParseIdPipe) tenantId: string,
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
  @ApiBodyExamples(TenantCreateDto, CREATE_EXAMPLES)
  @ApiCreatedResponse({ type: TenantDto, description: 'The new tenant, below this one' })
  @ApiProblems(PlatformProblem.UniqueViolation)
  createChildTenant(@Param('tenantId', ParseIdPipe) tenantId: string, @Body() body: TenantCreateDto): Promise<TenantDto> {
    return this.tenants.createChild(tenantId, body);
  }

  @Get(':tenantId/children')
  @TenantAccess('read')
  @ApiOperation({
    summary: 'Direct children of a tenant, by name',
    description: 'Paginated; searchable by name or code; archived ones only with includeArchived=true.',
  })
  @ApiOkResponse({ type: TenantPageDto, description: 'A page of the direct children, by name' })
  listChildTenants(@Param('tenantId', ParseIdPipe) tenantId: string, @Query() query: TenantListQueryDto): Promise<Page<TenantSummaryDto>> {
    return this.tenants.children(tenantId, query);
  }

  @Get(':tenantId/subtree')
  @TenantAccess('read')
  @ApiOperation({ summary: 'All descendants of a tenant, by name', description: 'Paginated; searchable by name or code.' })
  @ApiOkResponse({ type: TenantPageDto, description: 'A page of the descendants at any depth, by name' })
  listTenantSubtree(@Param('tenantId', ParseIdPipe) tenantId: string, @Query() query: TenantListQueryDto): Promise<Page<TenantSummaryDto>> {
    return this.tenants.subtree(tenantId, query);
  }

  @Get(':tenantId/ancestors')
  @TenantAccess('read')
  @ApiOperation({
    summary: 'The path from the root down to the tenant’s parent',
    description: 'Only the ancestors you can see are listed.',
  })
  @ApiOkResponse({ type: TenantListDto, description: 'The visible ancestors, root first' })
  async listTenantAncestors(@Param('tenantId', ParseIdPipe) tenantId: string): Promise<TenantListDto> {
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
  @ApiBodyExamples(TenantMoveDto, {
    under: { summary: 'Under another parent', value: { parentId: '0190b4e2-7c1a-7cc0-9d4e-3f1a2b3c4d5e' } },
    root: { summary: 'Make it a root (platform administrators)', value: { parentId: null } },
  })
  @ApiOkResponse({ type: TenantDto, description: 'The tenant at its new place' })
  @ApiProblems(TenancyProblem.ParentNotFound, PlatformProblem.ConstraintViolation, PlatformProblem.PreconditionFailed)
  moveTenant(
    @Param('tenantId', ParseIdPipe) tenantId: string,
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
  @ApiOkResponse({ type: TenantDto, description: 'The archived tenant (unchanged if it already was)' })
  archiveTenant(@Param('tenantId', ParseIdPipe) tenantId: string): Promise<TenantDto> {
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
  @ApiOkResponse({ type: TenantDto, description: 'The restored tenant (unchanged if it was not archived)' })
  @ApiProblems(TenancyProblem.TenantArchived)
  unarchiveTenant(@Param('tenantId', ParseIdPipe) tenantId: string): Promise<TenantDto> {
    return this.tenants.unarchive(tenantId);
  }
}
