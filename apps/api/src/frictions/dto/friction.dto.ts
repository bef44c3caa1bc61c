import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../../platform/http/pagination';
import { FRICTION_STATUSES, type FrictionStatus } from '../friction.entity';
import { AREA_KEY, AUDIENCE_VALUES, EvidenceLinkDto } from './friction-input.dto';

export class BurdenCostDto {
  @ApiProperty({ enum: AUDIENCE_VALUES })
  audience!: (typeof AUDIENCE_VALUES)[number];

  @ApiProperty()
  population!: number;

  @ApiProperty()
  frequencyPerYear!: number;

  @ApiProperty()
  minutesPerOccurrence!: number;

  @ApiProperty({
    type: 'number',
    nullable: true,
    description: 'The tariff the cost used (explicit or the tenant’s default), null when none',
  })
  tariffPerHour!: number | null;

  @ApiProperty({ enum: ['explicit', 'tenant-default', 'none'] })
  tariffSource!: 'explicit' | 'tenant-default' | 'none';

  @ApiProperty()
  outOfPocketPerOccurrence!: number;

  @ApiProperty({ description: 'population × frequencyPerYear' })
  occurrences!: number;

  @ApiProperty({ description: 'occurrences × minutes / 60' })
  annualHours!: number;

  @ApiProperty({ description: 'occurrences × (minutes / 60 × tariff + out-of-pocket)' })
  annualCost!: number;
}

export class AudienceTotalsDto {
  @ApiProperty()
  occurrences!: number;

  @ApiProperty()
  annualHours!: number;

  @ApiProperty()
  annualCost!: number;
}

export class ByAudienceDto {
  @ApiProperty({ type: AudienceTotalsDto })
  citizens!: AudienceTotalsDto;

  @ApiProperty({ type: AudienceTotalsDto })
  businesses!: AudienceTotalsDto;

  @ApiProperty({ type: AudienceTotalsDto })
  staff!: AudienceTotalsDto;
}

export class RootCauseDto {
  @ApiProperty({ format: 'uuid' })
  modelId!: string;

  @ApiProperty({ example: 'rumbo-digital-maturity' })
  modelKey!: string;

  @ApiProperty()
  areaKey!: string;

  @ApiProperty()
  dimensionKey!: string;

  @ApiProperty({ description: 'The dimension’s name in the negotiated language' })
  dimensionName!: string;

  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'The latest submitted assessment of the model' })
  assessmentId!: string | null;

  @ApiProperty({ type: 'string', nullable: true, example: '2026' })
  period!: string | null;

  @ApiProperty({ type: 'number', nullable: true, description: 'The dimension’s score there (0–100)' })
  score!: number | null;

  @ApiProperty({ type: 'integer', nullable: true })
  level!: number | null;

  @ApiProperty({ type: 'integer', nullable: true })
  nextLevel!: number | null;

  @ApiProperty({ type: 'number', nullable: true, description: 'Points to the next level’s minimum score' })
  shortfall!: number | null;
}

export class FrictionDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: 'string', nullable: true })
  ref!: string | null;

  @ApiProperty()
  title!: string;

  @ApiProperty({ type: 'string', nullable: true })
  description!: string | null;

  @ApiProperty()
  area!: string;

  @ApiProperty({ type: 'string', nullable: true })
  service!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  channel!: string | null;

  @ApiProperty({ enum: FRICTION_STATUSES })
  status!: FrictionStatus;

  @ApiProperty({ type: 'string', format: 'uuid', nullable: true })
  ownerId!: string | null;

  @ApiProperty({ type: [EvidenceLinkDto] })
  evidence!: EvidenceLinkDto[];

  @ApiProperty({ type: [String] })
  tags!: string[];

  @ApiProperty({ type: [BurdenCostDto] })
  burdens!: BurdenCostDto[];

  @ApiProperty({ type: ByAudienceDto })
  byAudience!: ByAudienceDto;

  @ApiProperty()
  annualHours!: number;

  @ApiProperty()
  annualCost!: number;

  @ApiProperty({ example: 'EUR' })
  currency!: string;

  @ApiProperty({ type: [RootCauseDto] })
  rootCauses!: RootCauseDto[];

  @ApiProperty({ enum: FRICTION_STATUSES, isArray: true, description: 'The statuses it may move to now' })
  allowedStatuses!: FrictionStatus[];

  @ApiProperty({ format: 'date-time' })
  statusChangedAt!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiProperty({ description: 'Increments on every change; the ETag is W/"<version>"' })
  version!: number;
}

export class FrictionPageDto {
  @ApiProperty({ type: [FrictionDto] })
  data!: FrictionDto[];

  @ApiProperty({ type: 'string', nullable: true })
  nextCursor!: string | null;
}

export const FRICTION_SORTS = [
  '-annualCost',
  'annualCost',
  '-annualHours',
  'annualHours',
  'title',
  '-title',
  '-updatedAt',
  'updatedAt',
] as const;
export type FrictionSort = (typeof FRICTION_SORTS)[number];

export class FrictionListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: FRICTION_STATUSES })
  @IsOptional()
  @IsIn(FRICTION_STATUSES)
  status?: FrictionStatus;

  @ApiPropertyOptional({ example: 'citizen-response' })
  @IsOptional()
  @IsString()
  @Matches(AREA_KEY)
  @MaxLength(60)
  area?: string;

  @ApiPropertyOptional({ example: 'papel' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  tag?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional({ description: 'Words in the title, description, service or ref (case and accents ignored)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: FRICTION_SORTS, default: '-annualCost', description: 'Ties by id' })
  @IsOptional()
  @IsIn(FRICTION_SORTS)
  sort?: FrictionSort;
}
