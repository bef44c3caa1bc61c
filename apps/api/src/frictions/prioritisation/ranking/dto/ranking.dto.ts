import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { FRICTION_STATUSES, type FrictionStatus } from '../../../friction.entity';
import { PageQueryDto } from '../../../../platform/http/pagination';
import { SCORING_METHODS, SCORING_MODEL_STATUSES, type ScoringMethod, type ScoringModelStatus } from '../../models/scoring-model.entity';

export class RankingQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Rank by this model of the tenant (a draft: what-if) instead of the active one' })
  @IsOptional()
  @IsUUID()
  modelId?: string;
}

export class ModelQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'This model of the tenant (any status) instead of the active one' })
  @IsOptional()
  @IsUUID()
  modelId?: string;
}

export class ImpactEffortQueryDto extends ModelQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 200, description: 'The best-ranked frictions plotted' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class ShiftsQueryDto {
  @ApiProperty({ format: 'uuid', description: 'Model A' })
  @IsUUID()
  from!: string;

  @ApiProperty({ format: 'uuid', description: 'Model B' })
  @IsUUID()
  to!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 50, description: 'The largest shifts listed' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class RankingModelDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Prioridades 2026' })
  name!: string;

  @ApiProperty({ example: 1 })
  version!: number;

  @ApiProperty({ enum: SCORING_METHODS, enumName: 'ScoringMethod' })
  method!: ScoringMethod;

  @ApiProperty({ enum: SCORING_MODEL_STATUSES, enumName: 'ScoringModelStatus' })
  status!: ScoringModelStatus;
}

export class ContributionDto {
  @ApiProperty({ example: 'effort' })
  criterion!: string;

  @ApiProperty({
    example: 21.3,
    description: 'Points this criterion adds to the score (weighted, AHP); the factor itself for RICE and WSJF',
  })
  value!: number;

  @ApiProperty({ example: 3, nullable: true, type: Number, description: 'The raw value (field or manual); null when missing' })
  raw!: number | null;

  @ApiProperty({
    example: 0.75,
    nullable: true,
    type: Number,
    description: 'Min–max normalised over the backlog, inverted when lower is better',
  })
  normalised!: number | null;

  @ApiProperty({ example: 0.284, nullable: true, type: Number, description: 'The effective weight (Σ = 1); null for RICE and WSJF' })
  weight!: number | null;
}

export class RankedFrictionDto {
  @ApiProperty({ format: 'uuid' })
  frictionId!: string;

  @ApiProperty({ example: 1, description: 'Position in the backlog, from 1' })
  rank!: number;

  @ApiProperty({
    example: 72.4,
    nullable: true,
    type: Number,
    description: 'The model’s score; null without a model (ordered by annual cost)',
  })
  score!: number | null;

  @ApiProperty({ type: [ContributionDto], description: 'Per criterion, in the model’s order (empty without a model)' })
  contributions!: ContributionDto[];

  @ApiProperty({ example: 'Cita previa presencial para el padrón' })
  title!: string;

  @ApiProperty({ example: 'FR-0012', nullable: true, type: String })
  ref!: string | null;

  @ApiProperty({ example: 'citizen-response' })
  area!: string;

  @ApiProperty({ enum: FRICTION_STATUSES, enumName: 'FrictionStatus' })
  status!: FrictionStatus;

  @ApiProperty({ example: 125000, description: 'Annual cost (the tie-breaker: higher first)' })
  annualCost!: number;
}

export class RankingPageDto {
  @ApiProperty({ type: RankingModelDto, nullable: true, description: 'The model used; null when the tenant has no active model' })
  model!: RankingModelDto | null;

  @ApiProperty({ type: [RankedFrictionDto] })
  data!: RankedFrictionDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Cursor of the next page, null on the last' })
  nextCursor!: string | null;
}
