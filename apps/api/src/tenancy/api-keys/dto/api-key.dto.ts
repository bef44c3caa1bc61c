import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import { PageQueryDto } from '../../../platform/http/pagination';
import { API_KEY_SCOPES, type ApiKeyScope } from '../api-key.entity';

export class ApiKeyCreateDto {
  @ApiProperty({ example: 'Ticketing vendor (production)', minLength: 1, maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @ApiProperty({
    enum: API_KEY_SCOPES,
    enumName: 'ApiKeyScope',
    isArray: true,
    description:
      '`read`: read everything in the tenant; `write`: also change it; `kpis:write`: push KPI measurements only; `admin`: also manage keys, members and the tenant',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(API_KEY_SCOPES, { each: true })
  scopes!: ApiKeyScope[];

  @ApiPropertyOptional({ format: 'date-time', description: 'After this instant the key is refused; omit for no expiry' })
  @IsOptional()
  @IsDateString({ strict: true })
  expiresAt?: string;
}

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ description: 'The key’s first characters, to recognise it', example: 'rmb_01a218ea' })
  prefix!: string;

  @ApiProperty({ description: 'The key’s last four characters', example: 'x9Qe' })
  lastFour!: string;

  @ApiProperty({ enum: API_KEY_SCOPES, enumName: 'ApiKeyScope', isArray: true })
  scopes!: ApiKeyScope[];

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  expiresAt!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Updated at most once a minute' })
  lastUsedAt!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  revokedAt!: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  createdBy!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class ApiKeyCreatedDto extends ApiKeyDto {
  @ApiProperty({ description: 'The full key, shown only in this response: `Authorization: Bearer <key>`', example: 'rmb_0194…_…' })
  key!: string;
}

export class ApiKeyListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ default: false, description: 'Include revoked keys' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  includeRevoked?: boolean;
}

export class ApiKeyPageDto {
  @ApiProperty({ type: [ApiKeyDto] })
  data!: ApiKeyDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor!: string | null;
}
