import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ahp } from '@rumbo/method';
import { Authenticated } from '../../../platform/auth/auth.decorators';
import { ApiBodyExamples, ApiProblems } from '../../../platform/openapi/decorators';
import { AhpRequestDto, AhpResultDto, LEADER_MATRIX } from '../models/dto/ahp.dto';
import { pairwiseMatrixErrors } from '../models/scoring-model-definition';
import { PrioritisationProblem, prioritisationProblems } from '../prioritisation.problems';

@ApiTags('frictions')
@Controller('v1/method')
export class AhpController {
  /** Stateless: the same computation a scoring model stores, for integrators and auditors to check. */
  @Post('ahp')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({
    summary: 'AHP weights and consistency of a pairwise matrix',
    description:
      'Weights = principal eigenvector normalised (Σ = 1); CI = (λmax − n)/(n − 1); CR = CI / RI(n) with Saaty’s 1980 random ' +
      'index, named in `randomIndex`; `consistent` when CR ≤ 0.10; `mostInconsistentPair` is the entry farthest from w_i / w_j ' +
      'with the nearest Saaty-scale value. Nothing is stored. A matrix that is not square, not positive, not reciprocal or has ' +
      'a diagonal other than 1 is a 422 `invalid-pairwise-matrix` naming each cell in `errors[]` (`matrix[i][j]`).',
  })
  @ApiBodyExamples(AhpRequestDto, {
    leader: { summary: 'The “choosing a leader” example (weights .547/.127/.270/.056, CR 0.044)', value: { matrix: LEADER_MATRIX } },
  })
  @ApiOkResponse({ type: AhpResultDto, description: 'The weights, λmax, CI, CR, the random-index table and the most inconsistent pair' })
  @ApiProblems(PrioritisationProblem.InvalidPairwiseMatrix)
  computeAhp(@Body() body: AhpRequestDto): AhpResultDto {
    const errors = pairwiseMatrixErrors('matrix', body.matrix);
    if (errors.length > 0) throw prioritisationProblems.raise(PrioritisationProblem.InvalidPairwiseMatrix, { errors });
    return ahp(body.matrix as number[][]);
  }
}
