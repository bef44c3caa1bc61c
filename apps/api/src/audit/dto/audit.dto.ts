import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../platform/http/pagination';

export class AuditEventListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Action, e.g. `tenant.created`; a trailing `*` matches a prefix (`api_key.*`)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @ApiPropertyOptional({ description: 'Entity type, e.g. `tenant`, `membership`, `api_key`' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  entityId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'User or API key id' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ enum: ['user', 'api_key', 'system'] })
  @IsOptional()
  @IsIn(['user', 'api_key', 'system'])
  actorType?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Events at or after this instant' })
  @IsOptional()
  @IsDateString()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Events before this instant' })
  @IsOptional()
  @IsDateString()
  to?: string;
}

export class AuditEventDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ description: 'Position in the tenant’s chain, from 1' })
  seq!: number;

  @ApiProperty({ format: 'uuid' })
  tenantId!: string;

  @ApiProperty({ format: 'date-time' })
  occurredAt!: string;

  @ApiProperty({ enum: ['user', 'api_key', 'system'] })
  actorType!: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  actorId!: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'Email or key prefix at the time' })
  actorLabel!: string | null;

  @ApiProperty({ example: 'tenant.created' })
  action!: string;

  @ApiProperty({ example: 'tenant' })
  entityType!: string;

  @ApiProperty({ nullable: true, type: String })
  entityId!: string | null;

  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true, description: 'State before, secrets redacted' })
  before!: Record<string, unknown> | null;

  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true, description: 'State after, secrets redacted' })
  after!: Record<string, unknown> | null;

  @ApiProperty({ nullable: true, type: String })
  requestId!: string | null;

  @ApiProperty({ nullable: true, type: String })
  ip!: string | null;

  @ApiProperty({ description: 'Hash of the previous event (64 zeros for the first)' })
  prevHash!: string;

  @ApiProperty({ description: 'sha256(prevHash || canonical JSON of the event), hex' })
  hash!: string;
}

export class AuditEventPageDto {
  @ApiProperty({ type: [AuditEventDto] })
  data!: AuditEventDto[];

  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor!: string | null;
}

export class AuditBrokenAtDto {
  @ApiProperty()
  seq!: number;

  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'content does not match its hash' })
  reason!: string;
}

export class AuditVerificationDto {
  @ApiProperty()
  ok!: boolean;

  @ApiProperty({ description: 'Events verified before stopping' })
  checked!: number;

  @ApiPropertyOptional({ type: AuditBrokenAtDto, description: 'The first event that does not verify (when ok is false)' })
  brokenAt?: AuditBrokenAtDto;
}
