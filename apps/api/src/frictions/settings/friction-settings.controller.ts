import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { TenantAccess } from '../../platform/auth/auth.decorators';
import { PlatformProblem } from '../../platform/errors/platform.problems';
import { ParseIdPipe } from '../../platform/errors/validation';
import { ApiBodyExamples, ApiProblems, ApiUuidParam } from '../../platform/openapi/decorators';
import { FrictionAreaCreateDto, FrictionAreaDto, FrictionAreaListDto } from '../areas/dto/friction-area.dto';
import { FrictionAreasService } from '../areas/friction-areas.service';
import { ETAG, etagOf, IF_MATCH } from '../../platform/http/etag';
import { FrictionProblem } from '../frictions.problems';
import { MemberReader } from '../../tenancy/users/member-reader';
import { FrictionOwnerListDto } from './dto/friction-owner.dto';
import { FrictionSettingsDto, FrictionSettingsPutDto } from './dto/friction-settings.dto';
import { FrictionSettingsService } from './friction-settings.service';

/** A tenant's friction settings (default hourly rates, currency) and its areas of interest. */
@ApiTags('frictions')
@Controller('v1/tenants/:tenantId')
export class FrictionSettingsController {
  constructor(
    private readonly settings: FrictionSettingsService,
    private readonly areas: FrictionAreasService,
    private readonly members: MemberReader,
  ) {}

  @Get('friction-owners')
  @TenantAccess('read')
  @ApiOperation({
    summary: 'Whom a friction can be assigned to',
    description:
      'The tenant’s members (direct memberships, enabled accounts) by name, with the user id `ownerId` takes. Names only: analysts assign and readers see who owns what without the member list (an administrator’s) and its emails.',
  })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiOkResponse({ type: FrictionOwnerListDto, description: 'The members, by name' })
  @ApiProblems()
  async listFrictionOwners(@Param('tenantId', ParseIdPipe) tenantId: string): Promise<FrictionOwnerListDto> {
    return { data: await this.members.named(tenantId) };
  }

  @Get('friction-settings')
  @TenantAccess('read')
  @ApiOperation({
    summary: 'The tenant’s default hourly rates',
    description:
      'Staff and business time without a tariff of its own is valued at these rates; without settings, 42 EUR/h each (METHOD.md §3, WFA-VKV). Version 0: never saved.',
  })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiOkResponse({ type: FrictionSettingsDto, description: 'The settings', headers: ETAG })
  @ApiProblems()
  async getFrictionSettings(
    @Param('tenantId', ParseIdPipe) tenantId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FrictionSettingsDto> {
    const settings = await this.settings.get(tenantId);
    void reply.header('ETag', etagOf(settings.version));
    return settings;
  }

  @Put('friction-settings')
  @TenantAccess('admin')
  @ApiOperation({
    summary: 'Set the tenant’s default hourly rates and currency',
    description:
      'Every line on a default tariff (staff or business lines without their own) is recomputed with the new rates, and its friction’s totals with it, in the same transaction. null: no default (those lines count hours only). If-Match is honoured (412). Audited with before, after and the number of frictions recomputed.',
  })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiHeader(IF_MATCH)
  @ApiBodyExamples(FrictionSettingsPutDto, {
    rates: {
      summary: 'Staff at 35 EUR/h, businesses at 48 EUR/h',
      value: { staffTariffPerHour: 35, businessTariffPerHour: 48, currency: 'EUR' },
    },
  })
  @ApiOkResponse({ type: FrictionSettingsDto, description: 'The settings now', headers: ETAG })
  @ApiProblems(PlatformProblem.PreconditionFailed)
  async putFrictionSettings(
    @Param('tenantId', ParseIdPipe) tenantId: string,
    @Body() body: FrictionSettingsPutDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FrictionSettingsDto> {
    const settings = await this.settings.put(tenantId, body, ifMatch);
    void reply.header('ETag', etagOf(settings.version));
    return settings;
  }

  @Get('friction-areas')
  @TenantAccess('read')
  @ApiOperation({
    summary: 'Areas of interest',
    description: 'The ten built in (citizen response, mobility, security…), then the tenant’s own, with names in Spanish and English.',
  })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiOkResponse({ type: FrictionAreaListDto, description: 'Every area a friction of this tenant may name' })
  @ApiProblems()
  async listFrictionAreas(@Param('tenantId', ParseIdPipe) tenantId: string): Promise<FrictionAreaListDto> {
    return { data: await this.areas.list(tenantId) };
  }

  @Post('friction-areas')
  @TenantAccess('write')
  @ApiOperation({
    summary: 'Add an area of interest',
    description: 'A key not taken by a built-in or an own area (409 otherwise) and its names. Audited.',
  })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiBodyExamples(FrictionAreaCreateDto, {
    parking: { summary: 'A tenant’s own area', value: { key: 'parking', name: { es: 'Aparcamiento', en: 'Parking' } } },
  })
  @ApiCreatedResponse({ type: FrictionAreaDto, description: 'The new area' })
  @ApiProblems(FrictionProblem.AreaExists)
  createFrictionArea(@Param('tenantId', ParseIdPipe) tenantId: string, @Body() body: FrictionAreaCreateDto): Promise<FrictionAreaDto> {
    return this.areas.create(tenantId, body);
  }

  @Delete('friction-areas/:key')
  @HttpCode(204)
  @TenantAccess('write')
  @ApiOperation({
    summary: 'Delete one of the tenant’s areas',
    description: 'Not a built-in one, nor one frictions still name (409 each). Audited.',
  })
  @ApiUuidParam('tenantId', 'The tenant')
  @ApiParam({ name: 'key', description: 'The area’s key', schema: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' } })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(FrictionProblem.AreaBuiltIn, FrictionProblem.AreaInUse)
  deleteFrictionArea(@Param('tenantId', ParseIdPipe) tenantId: string, @Param('key') key: string): Promise<void> {
    return this.areas.remove(tenantId, key);
  }
}
