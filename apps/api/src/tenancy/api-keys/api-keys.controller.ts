import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TenantAccess } from '../../platform/auth/auth.decorators';
import { ParseIdPipe } from '../../platform/errors/validation';
import type { Page } from '../../platform/http/pagination';
import { ApiBodyExamples } from '../../platform/openapi/decorators';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyCreateDto, ApiKeyCreatedDto, ApiKeyListQueryDto, ApiKeyPageDto, type ApiKeyDto } from './dto/api-key.dto';

@ApiTags('api-keys')
@Controller('v1/tenants/:tenantId/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @TenantAccess('admin')
  @ApiOperation({
    summary: 'Issue an API key for an integrator',
    description:
      'The full key is in this response only; Rumbo stores a hash. The key acts on this tenant and its descendants within its scopes.',
  })
  @ApiBodyExamples(ApiKeyCreateDto, {
    reader: { summary: 'A read-only key without expiry', value: { name: 'Transparency portal', scopes: ['read'] } },
    ingestion: {
      summary: 'A key that pushes KPI measurements, expiring',
      value: { name: 'Ticketing vendor (production)', scopes: ['kpis:write'], expiresAt: '2027-01-01T00:00:00Z' },
    },
  })
  @ApiCreatedResponse({ type: ApiKeyCreatedDto, description: 'The key, with its full secret (shown only here)' })
  createApiKey(@Param('tenantId', ParseIdPipe) tenantId: string, @Body() body: ApiKeyCreateDto): Promise<ApiKeyCreatedDto> {
    return this.keys.create(tenantId, body);
  }

  @Get()
  @TenantAccess('admin')
  @ApiOperation({
    summary: 'List the tenant’s API keys, newest first',
    description: 'Keys are shown by prefix and last four characters; secrets are never returned.',
  })
  @ApiOkResponse({ type: ApiKeyPageDto, description: 'A page of the tenant’s keys, newest first' })
  listApiKeys(@Param('tenantId', ParseIdPipe) tenantId: string, @Query() query: ApiKeyListQueryDto): Promise<Page<ApiKeyDto>> {
    return this.keys.list(tenantId, query);
  }

  @Delete(':keyId')
  @HttpCode(204)
  @TenantAccess('admin')
  @ApiOperation({
    summary: 'Revoke an API key',
    description: 'Takes effect on the next request made with it. Revoked keys stay listed with includeRevoked=true.',
  })
  @ApiNoContentResponse({ description: 'Revoked' })
  async revokeApiKey(@Param('tenantId', ParseIdPipe) tenantId: string, @Param('keyId', ParseIdPipe) keyId: string): Promise<void> {
    await this.keys.revoke(tenantId, keyId);
  }
}
