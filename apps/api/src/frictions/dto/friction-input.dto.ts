import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { FRICTION_STATUSES, type FrictionStatus } from '../friction.entity';

export const AUDIENCE_VALUES = ['citizens', 'businesses', 'staff'] as const;
/** An area key: lower-case words joined by hyphens (`citizen-response`). */
export const AREA_KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** A number the shorthand accepts: finite, 0 or more, far beyond any real case. */
const LIMIT = 1e12;

export class EvidenceLinkDto {
  @ApiProperty({ example: 'https://sede.ayuntamiento.example/quejas/2026/0412' })
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] })
  @MaxLength(2000)
  url!: string;

  @ApiPropertyOptional({ example: 'Queja 412/2026' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  label?: string;
}

export class RootCauseRefDto {
  @ApiProperty({ format: 'uuid', description: 'A maturity model usable in this tenant (global, its own or an ancestor’s)' })
  @IsUUID()
  modelId!: string;

  @ApiProperty({ example: 'services' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  areaKey!: string;

  @ApiProperty({ example: 'digital-channels' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  dimensionKey!: string;
}

/** One burden line as entered (METHOD.md §3), checked by @rumbo/method's validateBurden. */
export class BurdenLineDto {
  @ApiProperty({ enum: AUDIENCE_VALUES })
  audience!: (typeof AUDIENCE_VALUES)[number];

  @ApiProperty({ minimum: 0, description: 'People or cases affected per year', example: 2000 })
  population!: number;

  @ApiProperty({ minimum: 0, description: 'Occurrences per member of the population per year', example: 4 })
  frequencyPerYear!: number;

  @ApiProperty({ minimum: 0, example: 90 })
  minutesPerOccurrence!: number;

  @ApiPropertyOptional({
    type: 'number',
    nullable: true,
    minimum: 0,
    description: 'Value of an hour; left out or null: the tenant’s default (staff, businesses), none for citizens',
  })
  tariffPerHour?: number | null;

  @ApiPropertyOptional({ type: 'number', nullable: true, minimum: 0, description: 'Fees, travel, copies; default 0', example: 3.5 })
  outOfPocketPerOccurrence?: number | null;
}

const SHORTHAND = 'Shorthand (one line, METHOD.md §3); not together with `burdens`';

/** What creating and changing a friction share: its texts, links and cost (either shape). */
export class FrictionFieldsDto {
  @ApiPropertyOptional({ type: 'string', nullable: true, description: 'External reference, unique in the tenant', example: 'FR-2026-001' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  ref?: string | null;

  @ApiPropertyOptional({ type: 'string', nullable: true, example: 'Hay que presentar el certificado en papel en tres oficinas' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string | null;

  @ApiPropertyOptional({ type: 'string', nullable: true, example: 'Licencia de obra menor' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  service?: string | null;

  @ApiPropertyOptional({ type: 'string', nullable: true, example: 'in-person' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  channel?: string | null;

  @ApiPropertyOptional({ type: 'string', format: 'uuid', nullable: true, description: 'A member of this tenant' })
  @IsOptional()
  @IsUUID()
  ownerId?: string | null;

  @ApiPropertyOptional({ type: [EvidenceLinkDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EvidenceLinkDto)
  evidence?: EvidenceLinkDto[];

  @ApiPropertyOptional({ type: [String], example: ['papel', 'presencial'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(60, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ type: [RootCauseRefDto], description: 'Dimensions of maturity models; replaces every root cause' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RootCauseRefDto)
  rootCauses?: RootCauseRefDto[];

  @ApiPropertyOptional({ type: [BurdenLineDto], description: 'One line per audience; replaces every line (checked by validateBurden)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @IsObject({ each: true })
  burdens?: BurdenLineDto[];

  @ApiPropertyOptional({ minimum: 0, description: `${SHORTHAND}: occurrences a year` })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(LIMIT)
  occurrencesPerYear?: number;

  @ApiPropertyOptional({ minimum: 0, description: `${SHORTHAND}: hours lost per occurrence (required with the shorthand)` })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(LIMIT)
  hoursLostPerOccurrence?: number;

  @ApiPropertyOptional({ type: 'number', nullable: true, minimum: 0, description: `${SHORTHAND}: value of an hour (null: the default)` })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(LIMIT)
  costPerHour?: number | null;

  @ApiPropertyOptional({ type: 'number', nullable: true, minimum: 0, description: `${SHORTHAND}: fees, travel… per occurrence` })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(LIMIT)
  directCostPerOccurrence?: number | null;

  @ApiPropertyOptional({
    minimum: 0,
    description: `${SHORTHAND}: people affected (with occurrencesPerPersonPerYear when occurrences are unknown)`,
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(LIMIT)
  affectedPeople?: number;

  @ApiPropertyOptional({ minimum: 0, description: `${SHORTHAND}: occurrences per person a year` })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(LIMIT)
  occurrencesPerPersonPerYear?: number;

  @ApiPropertyOptional({ enum: AUDIENCE_VALUES, description: `${SHORTHAND}: who loses the time (default citizens)` })
  @IsOptional()
  @IsIn(AUDIENCE_VALUES)
  audience?: (typeof AUDIENCE_VALUES)[number];
}

export class FrictionCreateDto extends FrictionFieldsDto {
  @ApiProperty({ example: 'Certificado de empadronamiento solo en papel' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title!: string;

  @ApiProperty({ description: 'A built-in area or one of the tenant’s own (GET friction-areas)', example: 'citizen-response' })
  @IsString()
  @Matches(AREA_KEY)
  @MaxLength(60)
  area!: string;

  @ApiPropertyOptional({ enum: FRICTION_STATUSES, default: 'identified' })
  @IsOptional()
  @IsIn(FRICTION_STATUSES)
  status?: FrictionStatus;
}

export class FrictionUpdateDto extends FrictionFieldsDto {
  @ApiPropertyOptional({ example: 'Certificado de empadronamiento solo en papel' })
  // Absent leaves it; null is refused (a friction always has a title and an area).
  @ValidateIf((_o, v) => v !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ example: 'citizen-response' })
  @ValidateIf((_o, v) => v !== undefined)
  @IsString()
  @Matches(AREA_KEY)
  @MaxLength(60)
  area?: string;
}

/** Shorthand example: 1,200 paper certificates a year, 2 hours lost each at 42 EUR/h plus 5 EUR travel. */
export const SHORTHAND_EXAMPLE: FrictionCreateDto = {
  title: 'Certificado de empadronamiento solo en papel',
  area: 'citizen-response',
  ref: 'FR-2026-001',
  occurrencesPerYear: 1200,
  hoursLostPerOccurrence: 2,
  costPerHour: 42,
  directCostPerOccurrence: 5,
  tags: ['papel'],
};

/** Burden-lines example: the METHOD.md §3 worked case, businesses and staff. */
export const BURDENS_EXAMPLE: FrictionCreateDto = {
  title: 'Informe trimestral de residuos en papel',
  area: 'internal-management',
  service: 'Licencias de actividad',
  channel: 'in-person',
  burdens: [
    {
      audience: 'businesses',
      population: 2000,
      frequencyPerYear: 4,
      minutesPerOccurrence: 90,
      tariffPerHour: 42,
      outOfPocketPerOccurrence: 3.5,
    },
    { audience: 'staff', population: 8000, frequencyPerYear: 1, minutesPerOccurrence: 12 },
  ],
};
