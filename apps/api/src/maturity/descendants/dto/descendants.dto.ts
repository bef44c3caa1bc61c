import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { localisedMessage } from '../../../platform/errors/validation-messages';
import { PageQueryDto } from '../../../platform/http/pagination';
import { TENANT_KINDS, type TenantKind } from '../../../tenancy/tenants/tenant-reader';
import { ASSESSMENT_STATUSES, type AssessmentStatus } from '../../assessments/assessment.entity';
import { MATURITY_FIELD_MESSAGES } from '../../maturity.problems';

export const OVERVIEW_STATUSES = ['not_started', ...ASSESSMENT_STATUSES] as const;
export type OverviewStatus = (typeof OVERVIEW_STATUSES)[number];

export class DescendantsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    example: '2026',
    description: 'The year; default: the latest year any descendant has an assessment in (of `modelId`, when given), else the current year',
  })
  @IsOptional()
  @Matches(/^[0-9]{4}$/, localisedMessage(MATURITY_FIELD_MESSAGES.periodYear))
  period?: string;

  @ApiPropertyOptional({ enum: OVERVIEW_STATUSES, enumName: 'DescendantStatus', description: '`not_started`: no assessment in the period' })
  @IsOptional()
  @IsIn(OVERVIEW_STATUSES)
  status?: OverviewStatus;

  @ApiPropertyOptional({ enum: TENANT_KINDS, enumName: 'TenantKind' })
  @IsOptional()
  @IsIn(TENANT_KINDS)
  kind?: TenantKind;

  @ApiPropertyOptional({
    description: 'Part of the name or code; case and accents do not matter («avila» finds «Ávila»)',
    example: 'avila',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only assessments of this model (any version); default: any model' })
  @IsOptional()
  @IsUUID()
  modelId?: string;
}

export class DescendantAssessmentDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  modelVersionId!: string;

  @ApiProperty({ example: '2026' })
  period!: string;

  @ApiProperty({ nullable: true, type: String })
  title!: string | null;

  @ApiProperty({ enum: ASSESSMENT_STATUSES, enumName: 'AssessmentStatus' })
  status!: AssessmentStatus;

  @ApiProperty({ nullable: true, type: Number, description: 'Overall score 0–100 of its answers so far (null before any answer)' })
  score!: number | null;

  @ApiProperty({ nullable: true, type: Number })
  level!: number | null;

  @ApiProperty({ nullable: true, type: String, description: 'In the negotiated language' })
  levelName!: string | null;

  @ApiProperty({ description: 'Share of applicable question weight answered, 0–1' })
  coverage!: number;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  submittedAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class DescendantRowDto {
  @ApiProperty({ format: 'uuid' })
  tenantId!: string;

  @ApiProperty({ example: 'ES-AV-001' })
  code!: string;

  @ApiProperty({ example: 'Ávila' })
  name!: string;

  @ApiProperty({ enum: TENANT_KINDS, enumName: 'TenantKind' })
  kind!: TenantKind;

  @ApiProperty({ nullable: true, type: Number })
  population!: number | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  parentId!: string | null;

  @ApiProperty({ nullable: true, type: String })
  parentName!: string | null;

  @ApiProperty({
    type: DescendantAssessmentDto,
    nullable: true,
    description: 'Its assessment of the period (the latest updated, without modelId); null: not started',
  })
  assessment!: DescendantAssessmentDto | null;
}

export class DescendantsSummaryDto {
  @ApiProperty({ description: 'Descendants matching the filters' })
  total!: number;

  @ApiProperty({ description: 'Of them, without an assessment in the period' })
  notStarted!: number;

  @ApiProperty()
  draft!: number;

  @ApiProperty()
  submitted!: number;

  @ApiProperty()
  validated!: number;
}

export class DescendantsPageDto {
  @ApiProperty({ example: '2026', description: 'The period shown (the one asked for, or the default)' })
  period!: string;

  @ApiProperty({ type: DescendantsSummaryDto, description: 'Over every descendant matching the filters, not only this page' })
  summary!: DescendantsSummaryDto;

  @ApiProperty({ type: [DescendantRowDto], description: 'Every descendant at any depth, by name (case and accents aside) then id' })
  data!: DescendantRowDto[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor!: string | null;
}
