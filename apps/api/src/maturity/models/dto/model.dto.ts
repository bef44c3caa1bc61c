import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';

export class LocalisedTextDto {
  @ApiProperty({ example: 'Tecnologías' })
  es!: string;

  @ApiProperty({ example: 'Technologies' })
  en!: string;
}

export class QuestionOptionDto {
  @ApiProperty({ example: 2 })
  value!: number;

  @ApiProperty({ type: LocalisedTextDto })
  label!: LocalisedTextDto;
}

export class QuestionSourceDto {
  @ApiProperty({ example: 'OECD-DGI', description: 'OECD-DGI, EU-DMAT, UN-LOSI, WB-GTMI…' })
  framework!: string;

  @ApiProperty({ example: 'Digital by design' })
  reference!: string;

  @ApiPropertyOptional({
    format: 'uri',
    description: 'An http:// or https:// link to the framework',
    example: 'https://www.oecd.org/en/topics/digital-government.html',
  })
  url?: string;
}

export class QuestionDto {
  @ApiProperty({ example: 'proc.eadmin.procedures-online', description: 'Stable across versions: answers and re-scoring match on it' })
  key!: string;

  @ApiProperty({ enum: ['scale', 'yes_no', 'percentage'], enumName: 'QuestionType' })
  type!: 'scale' | 'yes_no' | 'percentage';

  @ApiProperty({ example: 1, exclusiveMinimum: true, minimum: 0, description: 'Relative weight within its dimension' })
  weight!: number;

  @ApiPropertyOptional({ description: 'The answer needs evidence (a URL, a document reference) before the assessment is submitted' })
  evidenceRequired?: boolean;

  @ApiProperty({ type: LocalisedTextDto })
  text!: LocalisedTextDto;

  @ApiPropertyOptional({ type: LocalisedTextDto })
  guidance?: LocalisedTextDto;

  @ApiPropertyOptional({ type: [QuestionOptionDto], description: 'Scale questions only (at least two), values strictly increasing' })
  options?: QuestionOptionDto[];

  @ApiPropertyOptional({ type: [QuestionSourceDto] })
  sources?: QuestionSourceDto[];
}

export class DimensionDto {
  @ApiProperty({ example: 'tech.infra' })
  key!: string;

  @ApiProperty({ example: 1, description: 'Relative weight within its area, > 0' })
  weight!: number;

  @ApiProperty({ type: LocalisedTextDto })
  name!: LocalisedTextDto;

  @ApiPropertyOptional({ type: LocalisedTextDto })
  description?: LocalisedTextDto;

  @ApiProperty({ type: [QuestionDto] })
  questions!: QuestionDto[];
}

export class AreaDto {
  @ApiProperty({ example: 'technologies' })
  key!: string;

  @ApiProperty({ example: 1, description: 'Relative weight among the areas; omitted on import means 1 (and is stored as 1)' })
  weight!: number;

  @ApiProperty({ type: LocalisedTextDto })
  name!: LocalisedTextDto;

  @ApiPropertyOptional({ type: LocalisedTextDto })
  description?: LocalisedTextDto;

  @ApiProperty({ type: [DimensionDto] })
  dimensions!: DimensionDto[];
}

export class LevelDto {
  @ApiProperty({ example: 1, description: 'Numbered 1, 2, 3… in order' })
  level!: number;

  @ApiProperty({ type: LocalisedTextDto })
  name!: LocalisedTextDto;

  @ApiProperty({ example: 0, description: 'Lower bound on the 0–100 scale; the first level starts at 0, thresholds increase strictly' })
  minScore!: number;
}

/** The importable/exportable model document. */
export class ModelDefinitionDto {
  @ApiProperty({ example: 'rumbo-default' })
  key!: string;

  @ApiPropertyOptional({ description: 'Ignored on import: the server numbers versions' })
  version?: number;

  @ApiProperty({ type: LocalisedTextDto })
  name!: LocalisedTextDto;

  @ApiPropertyOptional({ type: LocalisedTextDto })
  description?: LocalisedTextDto;

  @ApiProperty({ type: [LevelDto] })
  levels!: LevelDto[];

  @ApiProperty({ type: [AreaDto] })
  areas!: AreaDto[];
}

export class ModelVersionDto extends ModelDefinitionDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  modelId!: string;

  @ApiProperty({ example: 1, required: true, description: 'Numbered by the server from 1 per model' })
  declare version: number;

  @ApiProperty({ enum: ['draft', 'published'] })
  status!: 'draft' | 'published';

  @ApiProperty({ enum: ['global', 'tenant'] })
  scope!: 'global' | 'tenant';

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  publishedAt!: string | null;

  @ApiProperty({ description: 'Number of questions' })
  questionCount!: number;
}

export class ModelVersionRefDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  version!: number;

  @ApiProperty({ enum: ['draft', 'published'] })
  status!: 'draft' | 'published';
}

export class MaturityModelDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  key!: string;

  @ApiProperty({ type: LocalisedTextDto })
  name!: LocalisedTextDto;

  @ApiProperty({ type: LocalisedTextDto, nullable: true })
  description!: LocalisedTextDto | null;

  @ApiProperty({ enum: ['global', 'tenant'], description: '`global`: published by the platform; `tenant`: owned by an administration' })
  scope!: 'global' | 'tenant';

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  ownerTenantId!: string | null;

  @ApiProperty({ type: ModelVersionRefDto, nullable: true, description: 'The newest published version (null if none is published yet)' })
  latestVersion!: ModelVersionRefDto | null;

  @ApiProperty({ type: [ModelVersionRefDto], description: 'Every version, newest first' })
  versions!: ModelVersionRefDto[];
}

export class MaturityModelListDto {
  @ApiProperty({ type: [MaturityModelDto] })
  data!: MaturityModelDto[];
}

export class ModelImportQueryDto {
  @ApiPropertyOptional({ default: false, description: 'Publish the imported version at once (otherwise it stays a draft)' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  publish?: boolean;
}

const t = (es: string, en: string) => ({ es, en });

/** A complete small model document, as the import's example in the contract. */
export const MODEL_IMPORT_EXAMPLE = {
  key: 'town-hall-basics',
  name: t('Madurez digital básica', 'Basic digital maturity'),
  levels: [
    { level: 1, name: t('Inicial', 'Initial'), minScore: 0 },
    { level: 2, name: t('En desarrollo', 'Developing'), minScore: 40 },
    { level: 3, name: t('Gestionado', 'Managed'), minScore: 70 },
  ],
  areas: [
    {
      key: 'technologies',
      weight: 1,
      name: t('Tecnologías', 'Technologies'),
      dimensions: [
        {
          key: 'tech.eoffice',
          weight: 1,
          name: t('Sede electrónica', 'E-office'),
          questions: [
            {
              key: 'tech.eoffice.procedures-online',
              type: 'scale',
              weight: 2,
              text: t('¿Cuántos procedimientos se pueden iniciar en línea?', 'How many procedures can be started online?'),
              options: [
                { value: 0, label: t('Ninguno', 'None') },
                { value: 1, label: t('Algunos', 'Some') },
                { value: 2, label: t('Todos', 'All') },
              ],
              sources: [{ framework: 'EU-DMAT', reference: 'Digital public services', url: 'https://interoperable-europe.ec.europa.eu/' }],
            },
            {
              key: 'tech.eoffice.security-plan',
              type: 'yes_no',
              weight: 1,
              evidenceRequired: true,
              text: t('¿Hay un plan de seguridad aprobado?', 'Is there an approved security plan?'),
            },
            {
              key: 'tech.eoffice.notifications',
              type: 'percentage',
              weight: 1,
              text: t('¿Qué porcentaje de las notificaciones es electrónico?', 'What share of notifications is electronic?'),
            },
          ],
        },
      ],
    },
  ],
};
