import { ApiProperty } from '@nestjs/swagger';
import { IsObject } from 'class-validator';
import { CRITERION_REJECTION_CODES } from '../criterion-values-rows';

const VALUES_SCHEMA = { type: 'object', additionalProperties: { type: 'number', nullable: true } } as const;

export const CRITERION_VALUES_EXAMPLE = { values: { effort: 3, confidence: 80, impact: null } };

export class CriterionValuesPutDto {
  @ApiProperty({
    ...VALUES_SCHEMA,
    example: CRITERION_VALUES_EXAMPLE.values,
    description:
      'By criterion key (a manual criterion of one of the tenant’s scoring models): a finite number between -10^12 and 10^12, or null to remove it. Keys not named are left as they are.',
  })
  // The entries are checked by hand (a 422 naming each key), not here.
  @IsObject()
  values!: Record<string, unknown>;
}

export class CriterionValuesDto {
  @ApiProperty({ format: 'uuid' })
  frictionId!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    example: { effort: 3, confidence: 80 },
    description: 'Every stored value',
  })
  values!: Record<string, number>;
}

export class CriterionImportRowDto {
  @ApiProperty({ example: 'FR-0012', description: 'The friction’s reference' })
  ref!: string;

  @ApiProperty({ example: 'effort', description: 'A manual criterion key' })
  criterion!: string;

  @ApiProperty({ example: 3, nullable: true, type: Number, description: 'The value; null or empty removes it' })
  value!: number | null;
}

export class CriterionImportRequestDto {
  @ApiProperty({ type: [CriterionImportRowDto], description: 'At most 100,000 rows' })
  rows!: CriterionImportRowDto[];
}

export class CriterionImportRejectionDto {
  @ApiProperty({ example: 4, description: 'Data row number, from 1' })
  row!: number;

  @ApiProperty({
    example: 'value',
    nullable: true,
    type: String,
    description: '`ref`, `criterion`, `value`, or null for the row as a whole',
  })
  field!: string | null;

  @ApiProperty({ enum: CRITERION_REJECTION_CODES, enumName: 'CriterionImportRejectionCode', example: 'unknown-ref' })
  code!: string;

  @ApiProperty({ example: 'Esta organización no tiene ninguna fricción con la referencia «FR-9999».' })
  message!: string;

  @ApiProperty({ example: 'FR-9999', nullable: true, type: String })
  ref!: string | null;

  @ApiProperty({ example: 'effort', nullable: true, type: String })
  criterion!: string | null;
}

export class CriterionImportResultDto {
  @ApiProperty({ example: 38, description: 'Values stored where there was none' })
  created!: number;

  @ApiProperty({ example: 2, description: 'Values changed or removed' })
  updated!: number;

  @ApiProperty({ example: 0, description: 'Rows equal to what is stored' })
  unchanged!: number;

  @ApiProperty({ type: [CriterionImportRejectionDto] })
  rejected!: CriterionImportRejectionDto[];
}
