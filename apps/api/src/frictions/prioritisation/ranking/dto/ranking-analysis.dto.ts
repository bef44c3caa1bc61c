import { ApiProperty } from '@nestjs/swagger';
import { RankingModelDto } from './ranking.dto';

export class RankMoveDto {
  @ApiProperty({ format: 'uuid' })
  frictionId!: string;

  @ApiProperty({ example: 3 })
  from!: number;

  @ApiProperty({ example: 5 })
  to!: number;

  @ApiProperty({ enum: ['plus', 'minus'], description: 'Which perturbation moved it: weight × 1.1 or × 0.9' })
  direction!: 'plus' | 'minus';
}

export class CriterionSensitivityDto {
  @ApiProperty({ example: 'effort' })
  criterion!: string;

  @ApiProperty({ example: 2, description: 'Largest rank change in the top when this weight is raised by delta (then renormalised)' })
  plus!: number;

  @ApiProperty({ example: 1, description: 'The same when it is lowered by delta' })
  minus!: number;

  @ApiProperty({ type: [RankMoveDto], description: 'Frictions of the top whose rank changes' })
  moved!: RankMoveDto[];
}

export class SensitivityDto {
  @ApiProperty({ type: RankingModelDto })
  model!: RankingModelDto;

  @ApiProperty({ example: 0.1, description: 'Relative perturbation of each weight (±10 %)' })
  delta!: number;

  @ApiProperty({ example: 10, description: 'How many of the best-ranked are watched' })
  top!: number;

  @ApiProperty({ example: 2, description: 'The largest rank change in the top over every perturbation: 0 = a robust ranking' })
  largestRankChange!: number;

  @ApiProperty({ type: [CriterionSensitivityDto] })
  criteria!: CriterionSensitivityDto[];
}

export class RankShiftDto {
  @ApiProperty({ format: 'uuid' })
  frictionId!: string;

  @ApiProperty({ example: 'Cita previa presencial para el padrón' })
  title!: string;

  @ApiProperty({ example: 4, nullable: true, type: Number })
  rankA!: number | null;

  @ApiProperty({ example: 1, nullable: true, type: Number })
  rankB!: number | null;

  @ApiProperty({ example: 3, nullable: true, type: Number, description: 'rankA − rankB: positive = moves up under B' })
  shift!: number | null;
}

export class RankShiftsDto {
  @ApiProperty({ type: RankingModelDto })
  from!: RankingModelDto;

  @ApiProperty({ type: RankingModelDto })
  to!: RankingModelDto;

  @ApiProperty({ example: 240, description: 'Frictions in the backlog' })
  total!: number;

  @ApiProperty({ example: 35, description: 'Frictions whose rank differs' })
  changed!: number;

  @ApiProperty({ type: [RankShiftDto], description: 'The largest shifts first, then by rank under B' })
  data!: RankShiftDto[];
}

export const QUADRANTS = ['quick-win', 'major-project', 'fill-in', 'thankless'] as const;
export type Quadrant = (typeof QUADRANTS)[number];

export class ImpactEffortPointDto {
  @ApiProperty({ format: 'uuid' })
  frictionId!: string;

  @ApiProperty({ example: 'Cita previa presencial para el padrón' })
  title!: string;

  @ApiProperty({ example: 1 })
  rank!: number;

  @ApiProperty({ example: 125000 })
  annualCost!: number;

  @ApiProperty({ example: 81.5, description: 'Impact on 0–100' })
  impact!: number;

  @ApiProperty({ example: 20, nullable: true, type: Number, description: 'Effort on 0–100 (higher = more effort); null when unknown' })
  effort!: number | null;

  @ApiProperty({
    enum: QUADRANTS,
    enumName: 'ImpactEffortQuadrant',
    nullable: true,
    type: String,
    description: 'null when the effort is unknown',
  })
  quadrant!: Quadrant | null;
}

export class ImpactEffortAxisDto {
  @ApiProperty({ type: [String], example: ['cost', 'reach'], description: 'The criteria the axis is computed from' })
  criteria!: string[];

  @ApiProperty({ example: 50, description: 'The quadrant boundary on this axis' })
  threshold!: number;
}

export class ImpactEffortDto {
  @ApiProperty({ type: RankingModelDto })
  model!: RankingModelDto;

  @ApiProperty({ type: ImpactEffortAxisDto })
  impact!: ImpactEffortAxisDto;

  @ApiProperty({ type: ImpactEffortAxisDto })
  effort!: ImpactEffortAxisDto;

  @ApiProperty({ type: [ImpactEffortPointDto], description: 'The best-ranked frictions, in rank order' })
  data!: ImpactEffortPointDto[];
}
