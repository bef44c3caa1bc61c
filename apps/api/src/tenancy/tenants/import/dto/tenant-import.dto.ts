import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TENANT_KINDS, type TenantKind } from '../../tenant.entity';
import { TENANT_CODE } from '../../dto/tenant.dto';
import { TENANT_IMPORT_REJECTION_CODES } from '../tenant-import.problems';

/**
 * The import's DTOs document the contract only: bulk rows are validated by the hand-written
 * validator in tenant-import-rows.ts (never class-validator per row), so a bad row is reported with
 * its number instead of failing the whole request.
 */
export class TenantImportRowDto {
  @ApiProperty({ description: 'Official code, unique on the platform: the import’s key', example: '28079', pattern: TENANT_CODE.source })
  code!: string;

  @ApiPropertyOptional({
    description: 'Code of the parent: a row of the same import or a tenant of the target’s subtree; empty or absent = the target',
    example: '28',
    nullable: true,
    type: String,
  })
  parentCode?: string | null;

  @ApiProperty({ enum: TENANT_KINDS, enumName: 'TenantKind' })
  kind!: TenantKind;

  @ApiProperty({ example: 'Madrid', minLength: 1, maxLength: 200 })
  name!: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 2_147_483_647, nullable: true, type: Number, example: 3_300_000 })
  population?: number | null;
}

export class TenantImportRequestDto {
  @ApiProperty({ type: [TenantImportRowDto], description: 'In any order: parents are resolved by code (at most 100,000 rows)' })
  rows!: TenantImportRowDto[];
}

/** One rejected row, in the shape every bulk route shares (platform/bulk/bulk-rejection.ts). */
export class TenantImportRejectionDto {
  @ApiProperty({ description: 'Data row number, from 1 (CSV: the header is row 0; blank lines are counted but skipped)', example: 17 })
  row!: number;

  @ApiProperty({
    description:
      'The field at fault (`code`, `parentCode`, `kind`, `name`, `population`, an unknown field), or null for the row as a whole',
    example: 'parentCode',
    nullable: true,
    type: String,
  })
  field!: string | null;

  @ApiProperty({
    description: 'Why, as a stable code: the same across releases and languages',
    enum: TENANT_IMPORT_REJECTION_CODES,
    enumName: 'TenantImportRejectionCode',
    example: 'parent-not-found',
  })
  code!: string;

  @ApiProperty({
    description: 'Why, in the language negotiated from Accept-Language (Spanish by default, or English)',
    example: 'La organización superior «28» no está ni en este archivo ni bajo esta organización.',
  })
  message!: string;

  @ApiProperty({
    description: 'The row’s own tenant code as given, or null when it has none',
    example: '28079',
    nullable: true,
    type: String,
  })
  tenantCode!: string | null;
}

export class TenantImportResultDto {
  @ApiProperty({ description: 'Tenants created', example: 8131 })
  created!: number;

  @ApiProperty({ description: 'Existing tenants whose kind, name, population or parent changed', example: 2 })
  updated!: number;

  @ApiProperty({ description: 'Existing tenants already as the row says', example: 0 })
  unchanged!: number;

  @ApiProperty({ type: [TenantImportRejectionDto], description: 'Rows not applied, by row number, with the reason' })
  rejected!: TenantImportRejectionDto[];
}
