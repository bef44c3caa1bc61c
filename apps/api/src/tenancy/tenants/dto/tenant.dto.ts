import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { localisedMessage } from '../../../platform/errors/validation-messages';
import { PageQueryDto } from '../../../platform/http/pagination';
import { IsTimeZone } from '../../../platform/http/validators';
import { TENANT_KINDS, type TenantKind } from '../tenant.entity';

export const TENANT_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const LOCALE = /^[a-z]{2,3}(-[A-Z]{2})?$/;
const CURRENCY = /^[A-Z]{3}$/;

const CODE_MESSAGE = localisedMessage({
  es: 'El código debe tener de 1 a 64 letras, dígitos, puntos, guiones o guiones bajos, y empezar por una letra o un dígito.',
  en: 'The code must be 1–64 letters, digits, dots, dashes or underscores, starting with a letter or digit.',
});
const LOCALE_MESSAGE = localisedMessage({
  es: 'La configuración regional debe tener la forma es-ES.',
  en: 'The locale must look like es-ES.',
});
const CURRENCY_MESSAGE = localisedMessage({
  es: 'La moneda debe ser un código ISO 4217, p. ej. EUR.',
  en: 'The currency must be an ISO 4217 code such as EUR.',
});

export class TenantCreateDto {
  @ApiProperty({
    description: 'Official code, unique on the platform (e.g. INE municipality code)',
    example: '28079',
    pattern: TENANT_CODE.source,
  })
  @Matches(TENANT_CODE, CODE_MESSAGE)
  code!: string;

  @ApiProperty({ enum: TENANT_KINDS, enumName: 'TenantKind' })
  @IsIn(TENANT_KINDS)
  kind!: TenantKind;

  @ApiProperty({ example: 'Ayuntamiento de Madrid', minLength: 1, maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ minimum: 0, example: 3_300_000, nullable: true, type: Number })
  @IsOptional()
  @IsInt()
  @Min(0)
  population?: number | null;

  @ApiPropertyOptional({ example: 'es-ES', default: 'es-ES' })
  @IsOptional()
  @Matches(LOCALE, LOCALE_MESSAGE)
  locale?: string;

  @ApiPropertyOptional({ example: 'Europe/Madrid', default: 'Europe/Madrid' })
  @IsOptional()
  @IsTimeZone()
  timezone?: string;

  @ApiPropertyOptional({ example: 'EUR', default: 'EUR', description: 'ISO 4217' })
  @IsOptional()
  @Matches(CURRENCY, CURRENCY_MESSAGE)
  currency?: string;
}

export class TenantUpdateDto {
  @ApiPropertyOptional({ pattern: TENANT_CODE.source })
  @IsOptional()
  @Matches(TENANT_CODE, CODE_MESSAGE)
  code?: string;

  @ApiPropertyOptional({ enum: TENANT_KINDS, enumName: 'TenantKind' })
  @IsOptional()
  @IsIn(TENANT_KINDS)
  kind?: TenantKind;

  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ minimum: 0, nullable: true, type: Number, description: 'null clears it' })
  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @IsInt()
  @Min(0)
  population?: number | null;

  @ApiPropertyOptional({ example: 'es-ES' })
  @IsOptional()
  @Matches(LOCALE, LOCALE_MESSAGE)
  locale?: string;

  @ApiPropertyOptional({ example: 'Europe/Madrid' })
  @IsOptional()
  @IsTimeZone()
  timezone?: string;

  @ApiPropertyOptional({ example: 'EUR' })
  @IsOptional()
  @Matches(CURRENCY, CURRENCY_MESSAGE)
  currency?: string;
}

export class TenantMoveDto {
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The new parent; null makes the tenant a root (platform administrators only)',
  })
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  parentId!: string | null;
}

export class TenantListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Case-insensitive match on name or code' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  @ApiPropertyOptional({ default: false, description: 'Include archived tenants' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  includeArchived?: boolean;
}

export class TenantAccessibleQueryDto extends TenantListQueryDto {
  @ApiPropertyOptional({ default: false, description: 'Only the top of what you can access (tree roots); ignored with search' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  roots?: boolean;
}

export class TenantDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  parentId!: string | null;

  @ApiProperty()
  code!: string;

  @ApiProperty({ enum: TENANT_KINDS, enumName: 'TenantKind' })
  kind!: TenantKind;

  @ApiProperty()
  name!: string;

  @ApiProperty({ nullable: true, type: Number })
  population!: number | null;

  @ApiProperty()
  locale!: string;

  @ApiProperty()
  timezone!: string;

  @ApiProperty()
  currency!: string;

  @ApiProperty({ description: 'Levels below the root (a root is 0)' })
  depth!: number;

  @ApiProperty({ type: [String], description: 'Ancestor ids, root first, parent last' })
  ancestors!: string[];

  @ApiProperty({ description: 'Active (not archived) direct children' })
  childCount!: number;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  archivedAt!: string | null;

  @ApiProperty({ description: 'Increments on every change; the ETag is W/"<version>"' })
  version!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class TenantSummaryDto extends TenantDto {
  @ApiProperty({ type: [String], description: 'Names of the ancestors, root first (for context in search results)' })
  pathNames!: string[];
}

export class TenantPageDto {
  @ApiProperty({ type: [TenantSummaryDto] })
  data!: TenantSummaryDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor!: string | null;
}

export class TenantListDto {
  @ApiProperty({ type: [TenantSummaryDto] })
  data!: TenantSummaryDto[];
}
