import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { STANDARD_ACTIVITIES } from '@rumbo/method';
import { Authenticated } from '../platform/auth/auth.decorators';
import { ApiProblems } from '../platform/openapi/decorators';
import { StandardActivityListDto } from './dto/friction-actions.dto';

/** The method's reference tables, the same for every tenant. */
@ApiTags('frictions')
@Controller('v1/method')
export class MethodController {
  @Get('standard-activities')
  @Authenticated()
  @ApiOperation({
    summary: 'Standard activities for estimating minutes',
    description:
      'Minutes per occurrence of each standard activity at three complexities (simple, medium, complex), from Germany’s time-value table for businesses (METHOD.md §3): add up the activities of a procedure to estimate a burden line’s minutesPerOccurrence.',
  })
  @ApiOkResponse({ type: StandardActivityListDto, description: 'Every standard activity' })
  @ApiProblems()
  standardActivities(): StandardActivityListDto {
    return { data: STANDARD_ACTIVITIES.map((a) => ({ key: a.key, simple: a.simple, medium: a.medium, complex: a.complex })) };
  }
}
