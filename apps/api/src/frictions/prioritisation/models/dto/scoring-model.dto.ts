import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type { Direction } from '@rumbo/method';
import { SCORING_METHODS, SCORING_MODEL_STATUSES, type ScoringMethod, type ScoringModelStatus } from '../scoring-model.entity';
import { DIRECTIONS, FRICTION_FIELDS, type FrictionField } from '../scoring-model-definition';
import { AhpResultDto, LEADER_MATRIX } from './ahp.dto';

export const CRITERION_KEY = /^[a-zA-Z][a-zA-Z0-9_-]{0,63}$/;
const MATRIX_SCHEMA = { type: 'array', items: { type: 'array', items: { type: 'number' } } } as const;

export class CriterionDto {
  @ApiProperty({ example: 'effort', pattern: CRITERION_KEY.source, description: 'Unique in the model; manual values are stored under it' })
  @Matches(CRITERION_KEY)
  key!: string;

  @ApiPropertyOptional({
    enum: FRICTION_FIELDS,
    enumName: 'FrictionCriterionField',
    nullable: true,
    type: String,
    description: 'The friction field the value comes from (or manual: true); an unknown field is a 422',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  field?: string | null;

  @ApiPropertyOptional({ example: true, nullable: true, type: Boolean, description: 'The value is entered per friction (PUT …/criteria)' })
  @IsOptional()
  @IsBoolean()
  manual?: boolean | null;

  @ApiProperty({
    enum: DIRECTIONS,
    enumName: 'CriterionDirection',
    description: '`lower_is_better` criteria (effort, job size) are inverted',
  })
  @IsIn(DIRECTIONS)
  direction!: Direction;

  @ApiPropertyOptional({
    example: 3,
    nullable: true,
    type: Number,
    description: 'Weighted models only: > 0, normalised to Σ = 1. AHP computes weights from the matrix; RICE and WSJF take none.',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Max(1_000_000)
  weight?: number | null;
}

export const SCORING_MODEL_EXAMPLES = {
  weighted: {
    name: 'Coste y esfuerzo',
    method: 'weighted' as const,
    criteria: [
      { key: 'cost', field: 'annualCost', direction: 'higher_is_better' as const, weight: 3 },
      { key: 'reach', field: 'population', direction: 'higher_is_better' as const, weight: 1 },
      { key: 'effort', manual: true, direction: 'lower_is_better' as const, weight: 2 },
    ],
  },
  ahp: {
    name: 'Líder (AHP)',
    method: 'ahp' as const,
    criteria: [
      { key: 'cost', field: 'annualCost', direction: 'higher_is_better' as const },
      { key: 'hours', field: 'annualHours', direction: 'higher_is_better' as const },
      { key: 'reach', field: 'population', direction: 'higher_is_better' as const },
      { key: 'effort', manual: true, direction: 'lower_is_better' as const },
    ],
    pairwise: LEADER_MATRIX,
  },
  rice: { name: 'RICE', method: 'rice' as const },
};

export class ScoringModelCreateDto {
  @ApiProperty({ example: 'Coste y esfuerzo', description: 'A second model with the same name is its next version' })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name!: string;

  @ApiProperty({ enum: SCORING_METHODS, enumName: 'ScoringMethod' })
  @IsIn(SCORING_METHODS)
  method!: ScoringMethod;

  @ApiPropertyOptional({
    type: [CriterionDto],
    description: 'Required for weighted and AHP (in the matrix’s order). RICE and WSJF default to their built-in criteria.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CriterionDto)
  criteria?: CriterionDto[];

  @ApiPropertyOptional({ ...MATRIX_SCHEMA, nullable: true, description: 'AHP only: the pairwise matrix, one row per criterion' })
  @IsOptional()
  @IsArray()
  pairwise?: unknown[] | null;
}

/** Only a draft changes; its name (the version line) stays. The result is checked as a whole. */
export class ScoringModelUpdateDto {
  @ApiPropertyOptional({ enum: SCORING_METHODS, enumName: 'ScoringMethod' })
  @IsOptional()
  @IsIn(SCORING_METHODS)
  method?: ScoringMethod;

  @ApiPropertyOptional({ type: [CriterionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CriterionDto)
  criteria?: CriterionDto[];

  @ApiPropertyOptional({ ...MATRIX_SCHEMA, nullable: true, description: 'null removes it (a model no longer AHP)' })
  @IsOptional()
  @IsArray()
  pairwise?: unknown[] | null;
}

export class StoredCriterionDto {
  @ApiProperty({ example: 'effort' })
  key!: string;

  @ApiProperty({ enum: FRICTION_FIELDS, enumName: 'FrictionCriterionField', nullable: true, type: String })
  field!: FrictionField | null;

  @ApiProperty({ example: true })
  manual!: boolean;

  @ApiProperty({ enum: DIRECTIONS, enumName: 'CriterionDirection' })
  direction!: Direction;

  @ApiProperty({ example: 2, nullable: true, type: Number, description: 'The weight as given (weighted models), else null' })
  givenWeight!: number | null;

  @ApiProperty({
    example: 0.333,
    nullable: true,
    type: Number,
    description: 'The weight the score uses (Σ = 1): normalised given weights or AHP’s eigenvector; null for RICE and WSJF',
  })
  weight!: number | null;
}

export class ScoringModelDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Coste y esfuerzo' })
  name!: string;

  @ApiProperty({ example: 2, description: 'Number within its name, from 1' })
  version!: number;

  @ApiProperty({ enum: SCORING_METHODS, enumName: 'ScoringMethod' })
  method!: ScoringMethod;

  @ApiProperty({ enum: SCORING_MODEL_STATUSES, enumName: 'ScoringModelStatus' })
  status!: ScoringModelStatus;

  @ApiProperty({ type: [StoredCriterionDto] })
  criteria!: StoredCriterionDto[];

  @ApiProperty({ ...MATRIX_SCHEMA, nullable: true })
  pairwise!: number[][] | null;

  @ApiProperty({ type: AhpResultDto, nullable: true, description: 'AHP models: weights, λmax, CI, CR and the random-index table' })
  ahp!: AhpResultDto | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  activatedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  retiredAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: string;
}

export class ScoringModelListDto {
  @ApiProperty({ type: [ScoringModelDto], description: 'By name, then version (newest first)' })
  data!: ScoringModelDto[];
}
