import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
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
import { localisedMessage } from '../../../platform/errors/validation-messages';
import { PageQueryDto } from '../../../platform/http/pagination';
import { MATURITY_FIELD_MESSAGES } from '../../maturity.problems';
import { ASSESSMENT_STATUSES, type AssessmentStatus } from '../assessment.entity';

/** A nullable number or a boolean, as OpenAPI 3.0 can say it (`nullable` needs a `type` beside it). */
export const ANSWER_VALUE = [{ type: 'number', nullable: true }, { type: 'boolean' }];

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

  @ApiPropertyOptional({ example: 'maria.lopez@ayuntamiento.example' })
  @IsOptional()
  @IsEmail()
  email?: string;
}

export const ASSESSMENT_CREATE_EXAMPLE = {
  modelVersionId: '0194c1f0-7a2b-7c3d-8e4f-5a6b7c8d9e0f',
  period: '2026',
  title: 'Autoevaluación anual',
  respondents: [{ name: 'María López', role: 'Jefa de Servicio de Informática' }],
};

export class AssessmentCreateDto {
  @ApiProperty({
    format: 'uuid',
    description: 'A published model version usable in this tenant',
    example: ASSESSMENT_CREATE_EXAMPLE.modelVersionId,
  })
  @IsUUID()
  modelVersionId!: string;

  @ApiProperty({ example: '2026', description: 'The year assessed; benchmarks compare assessments of the same year' })
  @Matches(/^(19|20|21)[0-9]{2}$/, localisedMessage(MATURITY_FIELD_MESSAGES.periodYear))
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

  @ApiProperty({ format: 'uuid', description: 'The model (any of its versions): a tenant has one assessment per model and period' })
  modelId!: string;

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

  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description:
      'Only on assessments that repeated another one’s model and period before one per period was the rule: the one kept. Null for every other.',
  })
  duplicateOf!: string | null;

  @ApiProperty({ description: 'Changes with every write (answers, lifecycle)' })
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
    anyOf: ANSWER_VALUE,
    description:
      'scale: one of the option values; yes_no: true/false (or 1/0); percentage: 0–100. Null (or absent, without notApplicable) clears the answer.',
    example: 3,
  })
  value?: number | boolean | null;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'true: the question does not apply (it leaves the score’s numerator and denominator)',
  })
  notApplicable?: boolean;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 4000,
    description: 'A note on the answer',
    example: 'Migración en curso',
  })
  comment?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 2000,
    description: 'A reference to the evidence: a URL, a document id… Required before submitting on questions with evidenceRequired.',
    example: 'https://sede.ayuntamiento.example/plan-seguridad.pdf',
  })
  evidence?: string | null;
}

export const ANSWERS_EXAMPLE = {
  answers: [
    { questionKey: 'tech.infra.cloud', value: 3, comment: 'Migración en curso' },
    { questionKey: 'tech.infra.backup', value: true, evidence: 'https://sede.ayuntamiento.example/copias.pdf' },
    { questionKey: 'tech.data.open', notApplicable: true },
    { questionKey: 'people.skills.trained', value: null },
  ],
};

export class AnswersPutDto {
  @ApiProperty({
    type: [AnswerInputDto],
    description: 'Answers to store, each replacing that question’s answer (value, comment and evidence); questions not listed keep theirs',
  })
  @IsArray()
  @ArrayMaxSize(5000)
  answers!: unknown[];
}

export class AnswerRejectionDto {
  @ApiProperty({ description: 'Position of the answer in the request’s answers, from 1', example: 2 })
  row!: number;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The offending field (null when the answer as a whole is wrong)',
    example: 'value',
  })
  field!: string | null;

  @ApiProperty({
    description: 'Stable reason',
    enum: [
      'not-an-object',
      'missing-question-key',
      'unknown-question',
      'duplicate-answer',
      'unknown-field',
      'invalid-not-applicable',
      'value-and-not-applicable',
      'invalid-value',
      'invalid-text',
      'text-too-long',
    ],
    example: 'invalid-value',
  })
  code!: string;

  @ApiProperty({ description: 'The reason in the negotiated language', example: 'la respuesta es uno de los valores 0, 1, 2, 3, 4' })
  message!: string;

  @ApiProperty({ nullable: true, type: String, description: 'The answer’s question key, when it has one', example: 'tech.infra.cloud' })
  questionKey!: string | null;
}

export class AnswersResultDto {
  @ApiProperty({ description: 'Answers stored: created + updated + cleared' })
  saved!: number;

  @ApiProperty({ description: 'Answers to questions that had none' })
  created!: number;

  @ApiProperty({ description: 'Answers that replaced a different one' })
  updated!: number;

  @ApiProperty({ description: 'Answers sent exactly as they were stored (nothing written)' })
  unchanged!: number;

  @ApiProperty({ description: 'Answers removed (no value, not applicable, comment or evidence left)' })
  cleared!: number;

  @ApiProperty({ type: [AnswerRejectionDto], description: 'Answers not stored, each with its reason; the others were stored' })
  rejected!: AnswerRejectionDto[];

  @ApiProperty({ description: 'Share of applicable question weight answered, 0–1' })
  coverage!: number;

  @ApiProperty({ description: 'Applicable questions still unanswered' })
  missing!: number;

  @ApiProperty({ description: 'Questions that require evidence and have none (not counting those marked not applicable)' })
  evidenceMissing!: number;
}

export class AnswerDto {
  @ApiProperty({ example: 'tech.infra.cloud' })
  questionKey!: string;

  @ApiProperty({ anyOf: ANSWER_VALUE })
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
