import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class ExplainedNodeDto {
  @ApiProperty()
  key!: string;

  @ApiProperty({ description: 'Weight as defined in the model' })
  weight!: number;

  @ApiProperty({ description: 'weight / Σ weight of the scored siblings (0 when this node has no score)' })
  normalisedWeight!: number;

  @ApiProperty({ description: 'Product of normalised weights from the overall score down to this node' })
  weightInOverall!: number;

  @ApiProperty({ nullable: true, type: Number, description: '0–1' })
  unitScore!: number | null;

  @ApiProperty({ nullable: true, type: Number, description: '0–100' })
  score!: number | null;

  @ApiProperty({ description: 'Points of the parent’s score (normalisedWeight × score); they add up to the parent’s score' })
  contribution!: number;

  @ApiProperty({ description: 'Points of the overall score; they add up to the overall score' })
  contributionToOverall!: number;
}

export class QuestionScoreDto extends ExplainedNodeDto {
  @ApiProperty({ enum: ['scale', 'yes_no', 'percentage'] })
  type!: string;

  @ApiProperty({ enum: ['answered', 'not_applicable', 'unanswered'] })
  status!: string;

  @ApiProperty({ oneOf: [{ type: 'number' }, { type: 'boolean' }], nullable: true, description: 'The answer as given' })
  value!: number | boolean | null;
}

class CountsDto {
  @ApiProperty()
  total!: number;

  @ApiProperty()
  answered!: number;

  @ApiProperty()
  notApplicable!: number;

  @ApiProperty()
  unanswered!: number;
}

export class DimensionScoreDto extends ExplainedNodeDto {
  @ApiProperty({ nullable: true, type: Number })
  level!: number | null;

  @ApiProperty({ nullable: true, type: String, description: 'In the negotiated language (Accept-Language: es or en)' })
  levelName!: string | null;

  @ApiProperty()
  coverage!: number;

  @ApiProperty({ type: CountsDto })
  counts!: CountsDto;

  @ApiPropertyOptional({ type: [QuestionScoreDto], description: 'With explain=true' })
  questions?: QuestionScoreDto[];
}

export class AreaScoreDto extends ExplainedNodeDto {
  @ApiProperty({ nullable: true, type: Number })
  level!: number | null;

  @ApiProperty({ nullable: true, type: String, description: 'In the negotiated language (Accept-Language: es or en)' })
  levelName!: string | null;

  @ApiProperty()
  coverage!: number;

  @ApiProperty({ type: CountsDto })
  counts!: CountsDto;

  @ApiProperty({ type: [DimensionScoreDto] })
  dimensions!: DimensionScoreDto[];
}

export class OverallScoreDto {
  @ApiProperty({ nullable: true, type: Number, description: '0–100; null before any answer' })
  score!: number | null;

  @ApiProperty({ nullable: true, type: Number, description: 'Level 1–5 (highest whose minScore ≤ score)' })
  level!: number | null;

  @ApiProperty({ nullable: true, type: String, description: 'In the negotiated language (Accept-Language: es or en)' })
  levelName!: string | null;

  @ApiProperty()
  coverage!: number;

  @ApiProperty({ type: CountsDto })
  counts!: CountsDto;
}

export class ScoreLevelDto {
  @ApiProperty()
  level!: number;

  @ApiProperty({ description: 'In the negotiated language (Accept-Language: es or en)' })
  name!: string;

  @ApiProperty()
  minScore!: number;
}

export class AssessmentScoresDto {
  @ApiProperty({ format: 'uuid' })
  assessmentId!: string;

  @ApiProperty({ format: 'uuid', description: 'Provenance: the model version the score was computed with' })
  modelVersionId!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When it was stored (null: computed live for a draft)' })
  computedAt!: string | null;

  @ApiProperty({ type: OverallScoreDto })
  overall!: OverallScoreDto;

  @ApiProperty({ type: [ScoreLevelDto] })
  levels!: ScoreLevelDto[];

  @ApiProperty({ type: [AreaScoreDto] })
  areas!: AreaScoreDto[];
}

export class DroppedAnswerDto {
  @ApiProperty()
  questionKey!: string;

  @ApiProperty({ enum: ['question-removed', 'type-changed', 'option-removed'] })
  reason!: string;

  @ApiProperty()
  message!: string;
}

export class RescoreResultDto extends AssessmentScoresDto {
  @ApiProperty({ type: [DroppedAnswerDto], description: 'Answers that could not be carried over, with the reason' })
  dropped!: DroppedAnswerDto[];
}

export class QuartilesDto {
  @ApiProperty()
  q1!: number;

  @ApiProperty()
  median!: number;

  @ApiProperty()
  q3!: number;
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

export class BenchmarkDto {
  @ApiProperty({ description: 'Peers in the cohort besides this tenant' })
  cohortSize!: number;

  @ApiProperty({ description: 'Whether figures are given (at least 5 peers)' })
  available!: boolean;

  @ApiPropertyOptional({ description: 'Why there are no figures', example: 'cohort-too-small' })
  reason?: string;

  @ApiProperty({ description: 'The cohort: same model version, year, tenant kind and population band' })
  cohort!: { modelVersionId: string; period: string; kind: string; populationBand: string | null };

  @ApiProperty({ nullable: true, type: Number, description: 'Mid-rank percentile of the overall score among peers, 0–100' })
  percentile!: number | null;

  @ApiProperty({ type: QuartilesDto, nullable: true })
  quartiles!: QuartilesDto | null;

  @ApiProperty({ type: [DimensionBenchmarkDto] })
  dimensions!: DimensionBenchmarkDto[];
}
