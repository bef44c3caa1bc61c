import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { FRICTION_STATUSES, type FrictionStatus } from '../friction.entity';

export class StatusChangeDto {
  @ApiProperty({ enum: FRICTION_STATUSES, example: 'analysed' })
  @IsIn(FRICTION_STATUSES)
  status!: FrictionStatus;

  @ApiPropertyOptional({ example: 'Medido con los datos del registro de 2025', description: 'Kept in the audit trail' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class BulkStatusDto {
  @ApiProperty({ type: [String], format: 'uuid', maxItems: 1000 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  ids!: string[];

  @ApiProperty({ enum: FRICTION_STATUSES, example: 'prioritised' })
  @IsIn(FRICTION_STATUSES)
  status!: FrictionStatus;
}

export class BulkStatusRejectionDto {
  @ApiProperty({ description: 'Position in ids, from 1' })
  row!: number;

  @ApiProperty({ example: 'status' })
  field!: string;

  @ApiProperty({ example: 'friction-transition-invalid' })
  code!: string;

  @ApiProperty({ description: 'In the negotiated language' })
  message!: string;

  @ApiProperty({ format: 'uuid' })
  frictionId!: string;
}

export class BulkStatusResultDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Frictions now in the status asked (including those already there)' })
  updated!: string[];

  @ApiProperty({ type: [BulkStatusRejectionDto] })
  rejected!: BulkStatusRejectionDto[];
}

export class GapCostsQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Default: the model of the latest submitted assessment' })
  @IsOptional()
  @IsUUID()
  modelId?: string;
}

export class GapFrictionDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  annualCost!: number;
}

export class GapCostDto {
  @ApiProperty()
  areaKey!: string;

  @ApiProperty()
  dimensionKey!: string;

  @ApiProperty()
  dimensionName!: string;

  @ApiProperty({ type: 'number', nullable: true })
  score!: number | null;

  @ApiProperty({ type: 'integer', nullable: true })
  level!: number | null;

  @ApiProperty({ type: 'number', nullable: true })
  shortfall!: number | null;

  @ApiProperty()
  frictionCount!: number;

  @ApiProperty({ description: 'Σ annual cost of the frictions rooted in the dimension' })
  annualCost!: number;

  @ApiProperty()
  annualHours!: number;

  @ApiProperty({ type: [GapFrictionDto], description: 'Most expensive first' })
  frictions!: GapFrictionDto[];
}

export class GapCostsDto {
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'Null when no model was named and none was assessed' })
  modelId!: string | null;

  @ApiProperty({ type: 'string', format: 'uuid', nullable: true })
  assessmentId!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  period!: string | null;

  @ApiProperty({ type: [GapCostDto], description: 'Every dimension of the model, the most expensive first' })
  data!: GapCostDto[];
}

export class StandardActivityDto {
  @ApiProperty({ example: 'filling-in-forms' })
  key!: string;

  @ApiProperty({ description: 'Minutes, simple case', example: 3 })
  simple!: number;

  @ApiProperty({ example: 5 })
  medium!: number;

  @ApiProperty({ example: 30 })
  complex!: number;
}

export class StandardActivityListDto {
  @ApiProperty({ type: [StandardActivityDto] })
  data!: StandardActivityDto[];
}
