import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../../../platform/http/pagination';
import { ASSESSMENT_STATUSES, type AssessmentStatus } from '../assessment.entity';

export class RespondentDto {
  @ApiProperty({ example: 'María López' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: 'Jefa de Servicio de Informática' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  role?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  email?: string;
}

export class AssessmentCreateDto {
  @ApiProperty({ format: 'uuid', description: 'A published model version usable in this tenant' })
  @IsUUID()
  modelVersionId!: string;

  @ApiProperty({ example: '2026', description: 'The year assessed; benchmarks compare assessments of the same year' })
  @Matches(/^(19|20|21)[0-9]{2}$/, { message: 'period must be a year such as 2026' })
  period!: string;

  @ApiPropertyOptional({ example: 'Autoevaluación anual' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ type: [RespondentDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RespondentDto)
  respondents?: RespondentDto[];
}

export class AssessmentDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  tenantId!: string;

  @ApiProperty({ format: 'uuid' })
  modelVersionId!: string;

  @ApiProperty({ example: '2026' })
  period!: string;

  @ApiProperty({ nullable: true, type: String })
  title!: string | null;

  @ApiProperty({ enum: ASSESSMENT_STATUSES, enumName: 'AssessmentStatus' })
  status!: AssessmentStatus;

  @ApiProperty({ type: [RespondentDto] })
  respondents!: RespondentDto[];

  @ApiProperty({ description: 'Share of applicable question weight answered, 0–1 (1 = ready to submit)' })
  coverage!: number;

  @ApiProperty({ description: 'Questions answered or marked not applicable' })
  answeredCount!: number;

  @ApiProperty()
  questionCount!: number;

  @ApiProperty({ nullable: true, type: Number, description: 'Overall score 0–100 once there are answers' })
  score!: number | null;

  @ApiProperty({ nullable: true, type: Number })
  level!: number | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  submittedAt!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  validatedAt!: string | null;

  @ApiProperty()
  version!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class AssessmentPageDto {
  @ApiProperty({ type: [AssessmentDto] })
  data!: AssessmentDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor!: string | null;
}

export class AssessmentListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '2026' })
  @IsOptional()
  @Matches(/^[0-9]{4}$/)
  period?: string;

  @ApiPropertyOptional({ enum: ASSESSMENT_STATUSES })
  @IsOptional()
  @IsIn(ASSESSMENT_STATUSES)
  status?: AssessmentStatus;
}

export class AnswerInputDto {
  @ApiProperty({ example: 'proc.eadmin.procedures-online' })
  questionKey!: string;

  @ApiPropertyOptional({
    oneOf: [{ type: 'number' }, { type: 'boolean' }],
    nullable: true,
    description: 'scale: one of the option values; yes_no: true/false (or 1/0); percentage: 0–100; null clears the answer',
  })
  value?: number | boolean | null;

  @ApiPropertyOptional({ enum: [true], description: 'The question does not apply (leaves the score’s numerator and denominator)' })
  notApplicable?: true;

  @ApiPropertyOptional({ maxLength: 4000 })
  comment?: string | null;

  @ApiPropertyOptional({ maxLength: 2000, description: 'A reference to the evidence: URL, document id…' })
  evidence?: string | null;
}

export class AnswersPutDto {
  @ApiProperty({ type: [AnswerInputDto], description: 'Answers to upsert; questions not listed keep their answers' })
  @IsArray()
  @ArrayMaxSize(5000)
  answers!: unknown[];
}

export class AnswerRejectionDto {
  @ApiProperty({ description: 'Position in the request’s answers array, from 0' })
  index!: number;

  @ApiProperty({ nullable: true, type: String })
  questionKey!: string | null;

  @ApiProperty({ example: 'invalid-value' })
  code!: string;

  @ApiProperty()
  message!: string;
}

export class AnswersResultDto {
  @ApiProperty({ description: 'Answers stored (created, changed or cleared)' })
  saved!: number;

  @ApiProperty({ type: [AnswerRejectionDto], description: 'Answers not stored, each with its reason; the others were stored' })
  rejected!: AnswerRejectionDto[];

  @ApiProperty()
  coverage!: number;

  @ApiProperty({ description: 'Applicable questions still unanswered' })
  missing!: number;
}

export class AnswerDto {
  @ApiProperty()
  questionKey!: string;

  @ApiProperty({ oneOf: [{ type: 'number' }, { type: 'boolean' }], nullable: true })
  value!: number | boolean | null;

  @ApiProperty()
  notApplicable!: boolean;

  @ApiProperty({ nullable: true, type: String })
  comment!: string | null;

  @ApiProperty({ nullable: true, type: String })
  evidence!: string | null;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class AnswerListDto {
  @ApiProperty({ type: [AnswerDto] })
  data!: AnswerDto[];
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

export class RescoreDto {
  @ApiProperty({ format: 'uuid', description: 'A newer published version of the same model' })
  @IsUUID()
  modelVersionId!: string;
}
