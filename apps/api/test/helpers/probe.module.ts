import { Body, Controller, Get, Module, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { IsInt, IsOptional, IsString, IsUUID, Max, MinLength, ValidateNested, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../../src/platform/auth/auth.decorators';
import { DbSession } from '../../src/platform/database/db-session';
import { uuidv7 } from '../../src/platform/database/uuid';

class ProbeTagDto {
  @IsString()
  @MinLength(2)
  label!: string;
}

class ProbeEchoDto {
  @IsString()
  @MinLength(2)
  name!: string;

  @IsInt()
  @Min(1)
  @Max(10)
  count!: number;

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => ProbeTagDto)
  tags?: ProbeTagDto[];
}

class ProbeItemDto {
  @IsString()
  code!: string;
}

class ProbeLinkDto {
  @IsUUID()
  itemId!: string;
}

/**
 * Test-only routes that exercise the platform's error mapping and tenant transactions against real
 * tables (created by probe-schema.ts with the same RLS pattern as the product's tables).
 */
@ApiExcludeController()
@Public()
@Controller('v1/test-probe')
class ProbeController {
  constructor(private readonly db: DbSession) {}

  @Post('echo')
  echo(@Body() body: ProbeEchoDto): ProbeEchoDto {
    return body;
  }

  @Get('boom')
  boom(): never {
    throw new Error('relation "secret_table" does not exist: SELECT password FROM secret_table');
  }

  @Post('tenants/:tenantId/items')
  async createItem(@Param('tenantId', new ParseUUIDPipe()) tenantId: string, @Body() body: ProbeItemDto): Promise<{ id: string }> {
    const id = uuidv7();
    await this.db.transaction({ tenantId, readableTenantIds: [tenantId] }, (em) =>
      em.query('INSERT INTO probe_items (tenant_id, id, code) VALUES ($1, $2, $3)', [tenantId, id, body.code]),
    );
    return { id };
  }

  @Post('tenants/:tenantId/links')
  async createLink(@Param('tenantId', new ParseUUIDPipe()) tenantId: string, @Body() body: ProbeLinkDto): Promise<{ id: string }> {
    const id = uuidv7();
    await this.db.transaction({ tenantId, readableTenantIds: [tenantId] }, (em) =>
      em.query('INSERT INTO probe_links (tenant_id, id, item_id) VALUES ($1, $2, $3)', [tenantId, id, body.itemId]),
    );
    return { id };
  }
}

@Module({ controllers: [ProbeController] })
export class ProbeModule {}
