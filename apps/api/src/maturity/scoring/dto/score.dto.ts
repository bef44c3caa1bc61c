import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { ANSWER_VALUE } from '../../assessments/dto/assessment.dto';

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
  @ApiProperty({ description: 'The question, in the negotiated language', example: '¿Hay un plan de seguridad aprobado?' })
  text!: string;

  @ApiProperty({ enum: ['scale', 'yes_no', 'percentage'] })
  type!: string;

  @ApiProperty({ enum: ['answered', 'not_applicable', 'unanswered'] })
  status!: string;

  @ApiProperty({ anyOf: ANSWER_VALUE, description: 'The answer as given (null when not applicable or unanswered)' })
  value!: number | boolean | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The answer as a person reads it, in the negotiated language: the option’s label, Sí/No (Yes/No), `75 %` (`75%`), No aplica (Not applicable); null when unanswered',
    example: 'Sí',
  })
  answerLabel!: string | null;
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
  @ApiProperty({ description: 'In the negotiated language', example: 'Infraestructura' })
  name!: string;

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
  @ApiProperty({ description: 'In the negotiated language', example: 'Tecnologías' })
  name!: string;

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

  @ApiProperty({ description: 'The question as the assessment’s own version words it, in the negotiated language' })
  questionText!: string;

  @ApiProperty({ enum: ['question-removed', 'type-changed', 'option-removed'] })
  reason!: string;

  @ApiProperty({ description: 'The reason, in the negotiated language' })
  message!: string;
}

export class RescoreResultDto extends AssessmentScoresDto {
  @ApiProperty({ type: [DroppedAnswerDto], description: 'Answers that could not be carried over, with the reason' })
  dropped!: DroppedAnswerDto[];
}

export class ScoresQueryDto {
  @ApiPropertyOptional({ default: false, description: 'Include questions with weights, normalised answers and contributions' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  explain?: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: 'A model version it was re-scored under (default: its own)' })
  @IsOptional()
  @IsUUID()
  modelVersionId?: string;
}

export const RESCORE_EXAMPLE = { modelVersionId: '0194c1f0-7a2b-7c3d-8e4f-5a6b7c8d9e0f' };

export class RescoreDto {
  @ApiProperty({ format: 'uuid', description: 'A newer published version of the same model', example: RESCORE_EXAMPLE.modelVersionId })
  @IsUUID()
  modelVersionId!: string;
}
