import { ApiProperty } from '@nestjs/swagger';
import { IsArray } from 'class-validator';

/** The leader example of METHOD.md §4 (criteria: experience, education, charisma, age). */
export const LEADER_MATRIX = [
  [1, 4, 3, 7],
  [1 / 4, 1, 1 / 3, 3],
  [1 / 3, 3, 1, 5],
  [1 / 7, 1 / 3, 1 / 5, 1],
];

const MATRIX_SCHEMA = { type: 'array', items: { type: 'array', items: { type: 'number' } } } as const;

export class AhpRequestDto {
  @ApiProperty({
    ...MATRIX_SCHEMA,
    description:
      'Reciprocal pairwise matrix on Saaty’s 1–9 scale, row over column: a_ij says how much more important criterion i is than j; a_ji = 1/a_ij, a_ii = 1. From 1×1 to 10×10.',
    example: LEADER_MATRIX,
  })
  // The cells are checked by @rumbo/method's pairwiseIssues (a 422 naming each cell), not here.
  @IsArray()
  matrix!: unknown[];
}

export class RandomIndexDto {
  @ApiProperty({ enum: ['saaty-1980'], description: 'The published random-index table used (others differ: Saaty 2005, Donegan & Dodd)' })
  table!: 'saaty-1980';

  @ApiProperty({ example: 4, description: 'Matrix size' })
  n!: number;

  @ApiProperty({ example: 0.9, description: 'RI(n) in that table' })
  value!: number;
}

export class InconsistentPairDto {
  @ApiProperty({ example: 1, description: 'Row of the entry, from 0' })
  i!: number;

  @ApiProperty({ example: 3, description: 'Column of the entry, from 0' })
  j!: number;

  @ApiProperty({ example: 3, description: 'The entry a_ij as given' })
  value!: number;

  @ApiProperty({ example: 2.26, description: 'w_i / w_j: the value that would agree with the weights' })
  consistentValue!: number;

  @ApiProperty({ example: 2, description: 'The nearest Saaty-scale value (1…9 or 1/9…1) to w_i / w_j' })
  suggestedValue!: number;
}

export class AhpResultDto {
  @ApiProperty({ type: [Number], example: [0.5476, 0.1266, 0.2699, 0.0559], description: 'Principal eigenvector, normalised (Σ = 1)' })
  weights!: number[];

  @ApiProperty({ example: 4.118, description: 'Principal eigenvalue λmax' })
  lambdaMax!: number;

  @ApiProperty({ example: 0.039, description: 'Consistency index (λmax − n)/(n − 1)' })
  ci!: number;

  @ApiProperty({ example: 0.044, description: 'Consistency ratio CI / RI(n); 0 for n ≤ 2' })
  cr!: number;

  @ApiProperty({ example: true, description: 'CR ≤ 0.10: a model with these comparisons can be activated' })
  consistent!: boolean;

  @ApiProperty({ type: RandomIndexDto })
  randomIndex!: RandomIndexDto;

  @ApiProperty({
    type: InconsistentPairDto,
    nullable: true,
    description: 'The entry farthest from w_i / w_j (null when the matrix is perfectly consistent)',
  })
  mostInconsistentPair!: InconsistentPairDto | null;
}
