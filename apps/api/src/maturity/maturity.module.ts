import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { TenancyModule } from '../tenancy/tenancy.module';
import { AnswersRepository } from './assessments/answers/answers.repository';
import { AnswersService } from './assessments/answers/answers.service';
import { AssessmentLifecycleService } from './assessments/assessment-lifecycle.service';
import { AssessmentsController } from './assessments/assessments.controller';
import { AssessmentsRepository } from './assessments/assessments.repository';
import { AssessmentsService } from './assessments/assessments.service';
import { DescendantsController } from './descendants/descendants.controller';
import { DescendantsRepository } from './descendants/descendants.repository';
import { DescendantsService } from './descendants/descendants.service';
import { BenchmarksService } from './insights/benchmarks.service';
import { MaturityGapReader } from './insights/dimension-gaps.reader';
import { InsightsController } from './insights/insights.controller';
import { InsightsRepository } from './insights/insights.repository';
import { InsightsService } from './insights/insights.service';
import { MaturityModelsController } from './models/maturity-models.controller';
import { MaturityModelsRepository } from './models/maturity-models.repository';
import { MaturityModelsService } from './models/maturity-models.service';
import { ScoresController } from './scoring/scores.controller';
import { ScoresService } from './scoring/scores.service';
import { ScoringModels } from './scoring/scoring-models';

/**
 * Maturity (METHOD.md §1–2): versioned models, assessments with a lifecycle, explainable scores,
 * history, gaps, peer benchmarks and a parent's overview of its descendants. Controllers are thin;
 * services orchestrate; repositories hold the SQL; tenants are read through TenancyModule's reader.
 */
@Module({
  imports: [AuditModule, TenancyModule],
  controllers: [MaturityModelsController, DescendantsController, InsightsController, AssessmentsController, ScoresController],
  providers: [
    MaturityModelsRepository,
    MaturityModelsService,
    ScoringModels,
    AssessmentsRepository,
    AnswersRepository,
    AssessmentsService,
    AnswersService,
    AssessmentLifecycleService,
    ScoresService,
    InsightsRepository,
    InsightsService,
    BenchmarksService,
    DescendantsRepository,
    DescendantsService,
    MaturityGapReader,
  ],
  // Frictions read maturity gaps through MaturityGapReader only.
  exports: [MaturityModelsService, MaturityGapReader],
})
export class MaturityModule {}
