import { Module } from '@nestjs/common';
import { AssessmentInsightsController } from './assessments/assessment-insights.controller';
import { AssessmentInsightsService } from './assessments/assessment-insights.service';
import { AssessmentsController } from './assessments/assessments.controller';
import { AssessmentsService } from './assessments/assessments.service';
import { MaturityModelsController } from './models/maturity-models.controller';
import { MaturityModelsService } from './models/maturity-models.service';

/** Maturity: versioned models, assessments, explainable scores, history and peer benchmarks (METHOD.md §1–2). */
@Module({
  controllers: [MaturityModelsController, AssessmentsController, AssessmentInsightsController],
  providers: [MaturityModelsService, AssessmentsService, AssessmentInsightsService],
  exports: [MaturityModelsService],
})
export class MaturityModule {}
