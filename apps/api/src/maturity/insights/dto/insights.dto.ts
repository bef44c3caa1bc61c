import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class QuartilesDto {
  @ApiProperty()
  q1!: number;

  @ApiProperty()
  median!: number;

  @ApiProperty()
  q3!: number;
}

export class HistoryQueryDto {
  @ApiPropertyOptional({ example: 'rumbo-default', description: 'Only assessments of this model (by key); default: all' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  modelKey?: string;
}

export class DimensionPointDto {
  @ApiProperty()
  areaKey!: string;

  @ApiProperty()
  dimensionKey!: string;

  @ApiProperty({ nullable: true, type: Number })
  score!: number | null;

  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Change since the previous period (points); null for the first or when either is unscored',
  })
  delta!: number | null;
}

export class HistoryPointDto {
  @ApiProperty({ format: 'uuid' })
  assessmentId!: string;

  @ApiProperty({ example: '2026' })
  period!: string;

  @ApiProperty({ enum: ['submitted', 'validated'] })
  status!: string;

  @ApiProperty({ format: 'uuid' })
  modelVersionId!: string;

  @ApiProperty()
  modelKey!: string;

  @ApiProperty({ nullable: true, type: Number })
  score!: number | null;

  @ApiProperty({ nullable: true, type: Number })
  level!: number | null;

  @ApiProperty({ nullable: true, type: Number, description: 'Change of the overall score since the previous period' })
  delta!: number | null;

  @ApiProperty({ type: [DimensionPointDto] })
  dimensions!: DimensionPointDto[];
}

export class HistoryDto {
  @ApiProperty({
    type: [HistoryPointDto],
    description: 'Submitted or validated assessments, oldest period first, the latest submitted per period and model',
  })
  data!: HistoryPointDto[];
}

export class CompareSideDto {
  @ApiProperty({ format: 'uuid' })
  assessmentId!: string;

  @ApiProperty()
  period!: string;

  @ApiProperty({ format: 'uuid' })
  modelVersionId!: string;

  @ApiProperty({ nullable: true, type: Number })
  score!: number | null;

  @ApiProperty({ nullable: true, type: Number })
  level!: number | null;
}

export class CompareDimensionDto {
  @ApiProperty()
  areaKey!: string;

  @ApiProperty()
  dimensionKey!: string;

  @ApiProperty({ nullable: true, type: Number })
  a!: number | null;

  @ApiProperty({ nullable: true, type: Number })
  b!: number | null;

  @ApiProperty({ nullable: true, type: Number, description: 'b − a in points' })
  delta!: number | null;
}

export class CompareDto {
  @ApiProperty({ type: CompareSideDto })
  a!: CompareSideDto;

  @ApiProperty({ type: CompareSideDto })
  b!: CompareSideDto;

  @ApiProperty({ nullable: true, type: Number, description: 'b − a overall, in points' })
  delta!: number | null;

  @ApiProperty({ type: [CompareDimensionDto], description: 'Dimensions matched by key (present in either assessment)' })
  dimensions!: CompareDimensionDto[];
}

export class GapsQueryDto {
  @ApiPropertyOptional({ default: 5, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class GapDto {
  @ApiProperty()
  areaKey!: string;

  @ApiProperty()
  dimensionKey!: string;

  @ApiProperty({ description: '0–100' })
  score!: number;

  @ApiProperty({ description: 'Share of the overall score this dimension carries' })
  weightInOverall!: number;

  @ApiProperty()
  level!: number;

  @ApiProperty({ nullable: true, type: Number })
  nextLevel!: number | null;

  @ApiProperty({ nullable: true, type: Number, description: 'Points to the next level’s threshold' })
  shortfall!: number | null;
}

export class GapsDto {
  @ApiProperty({ format: 'uuid' })
  assessmentId!: string;

  @ApiProperty({
    type: [GapDto],
    description: 'Weakest dimensions first (ties: the larger weight in the overall score); ready to link from frictions',
  })
  data!: GapDto[];
}

export class DistributionQueryDto {
  @ApiPropertyOptional({ example: '2026', description: 'The year; default: the current year' })
  @IsOptional()
  @Matches(/^[0-9]{4}$/)
  period?: string;
}

export class LevelCountDto {
  @ApiProperty()
  level!: number;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  minScore!: number;

  @ApiProperty()
  count!: number;
}

export class DistributionDto {
  @ApiProperty({ description: 'Descendants with a submitted assessment of that version and year' })
  cohortSize!: number;

  @ApiProperty()
  available!: boolean;

  @ApiPropertyOptional({ example: 'cohort-too-small' })
  reason?: string;

  @ApiProperty({ type: [LevelCountDto] })
  levels!: LevelCountDto[];

  @ApiProperty({ type: QuartilesDto, nullable: true })
  quartiles!: QuartilesDto | null;
}

export class DimensionBenchmarkDto {
  @ApiProperty()
  areaKey!: string;

  @ApiProperty()
  dimensionKey!: string;

  @ApiProperty({ nullable: true, type: Number })
  score!: number | null;

  @ApiProperty({ nullable: true, type: Number })
  percentile!: number | null;

  @ApiProperty({ type: QuartilesDto, nullable: true })
  quartiles!: QuartilesDto | null;
}

export class CohortDto {
  @ApiProperty({ format: 'uuid' })
  modelVersionId!: string;

  @ApiProperty({ example: '2026' })
  period!: string;

  @ApiProperty({ description: 'The kind of tenant compared (municipality, province…)', example: 'municipality' })
  kind!: string;

  @ApiProperty({ nullable: true, type: String, example: '5k-20k', description: 'Population band (null when the population is unknown)' })
  populationBand!: string | null;
}

export class BenchmarkDto {
  @ApiProperty({ description: 'Peers in the cohort besides this tenant' })
  cohortSize!: number;

  @ApiProperty({ description: 'Whether figures are given (at least 5 peers)' })
  available!: boolean;

  @ApiPropertyOptional({ description: 'Why there are no figures', example: 'cohort-too-small' })
  reason?: string;

  @ApiProperty({ type: CohortDto, description: 'The cohort: same model version, year, tenant kind and population band' })
  cohort!: CohortDto;

  @ApiProperty({ nullable: true, type: Number, description: 'Mid-rank percentile of the overall score among peers, 0–100' })
  percentile!: number | null;

  @ApiProperty({ type: QuartilesDto, nullable: true })
  quartiles!: QuartilesDto | null;

  @ApiProperty({ type: [DimensionBenchmarkDto] })
  dimensions!: DimensionBenchmarkDto[];
}
