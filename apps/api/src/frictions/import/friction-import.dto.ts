import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { BulkRowReason } from '../../platform/bulk/bulk.problems';
import { FRICTION_STATUSES } from '../friction.entity';
import { FrictionImportRejection, frictionImportRejections } from './friction-import.rejections';

/**
 * Import rows document the contract only: they are checked by hand (friction-import-rows.ts), so a
 * bad row is reported with its number instead of failing the request. The same keys as the CSV
 * header; lists as arrays or `;`-separated texts, numbers as numbers or texts with a decimal point.
 */
export class FrictionImportRowDto {
  @ApiProperty({ description: 'The import’s key, unique in the tenant', example: 'FR-2026-001' })
  ref!: string;

  @ApiProperty({ example: 'Certificado de empadronamiento solo en papel' })
  title!: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  description?: string | null;

  @ApiProperty({ example: 'citizen-response' })
  area!: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  service?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  channel?: string | null;

  @ApiPropertyOptional({ enum: FRICTION_STATUSES, nullable: true, description: 'Empty: identified when new, unchanged otherwise' })
  status?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'A member of the tenant' })
  ownerEmail?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['papel'] })
  tags?: string[] | string;

  @ApiPropertyOptional({ type: 'array', items: { type: 'object', properties: { url: { type: 'string' }, label: { type: 'string' } } } })
  evidence?: { url: string; label?: string }[] | string;

  @ApiPropertyOptional({
    type: [String],
    example: ['rumbo-digital-maturity:services/digital-channels'],
    description: 'modelKey:areaKey/dimensionKey',
  })
  rootCauses?: string[] | string;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description:
      'And citizensFrequencyPerYear, citizensMinutesPerOccurrence, citizensTariffPerHour, citizensOutOfPocketPerOccurrence; the same five for businesses… and staff…',
  })
  citizensPopulation?: number | null;
}

export class FrictionImportRequestDto {
  @ApiProperty({ type: [FrictionImportRowDto], description: 'At most 50,000 rows' })
  rows!: FrictionImportRowDto[];
}

export const FRICTION_IMPORT_REJECTION_CODES = [...frictionImportRejections.codes, ...Object.values(BulkRowReason)];

export class FrictionImportRejectionDto {
  @ApiProperty({ description: 'Data row number, from 1 (CSV: the header is row 0)', example: 3 })
  row!: number;

  @ApiProperty({ type: String, nullable: true, example: 'citizensPopulation' })
  field!: string | null;

  @ApiProperty({
    enum: FRICTION_IMPORT_REJECTION_CODES,
    enumName: 'FrictionImportRejectionCode',
    example: FrictionImportRejection.InvalidNumber,
  })
  code!: string;

  @ApiProperty({ description: 'In the language negotiated from Accept-Language' })
  message!: string;

  @ApiProperty({ type: String, nullable: true, example: 'FR-2026-003' })
  ref!: string | null;
}

export class FrictionImportResultDto {
  @ApiProperty({ example: 38 })
  created!: number;

  @ApiProperty({ description: 'Existing refs whose fields, lines, status or root causes changed', example: 2 })
  updated!: number;

  @ApiProperty({ description: 'Existing refs that already matched', example: 0 })
  unchanged!: number;

  @ApiProperty({ type: [FrictionImportRejectionDto] })
  rejected!: FrictionImportRejectionDto[];
}

export class FrictionExportQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'json'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'json'])
  format?: 'csv' | 'json';
}
