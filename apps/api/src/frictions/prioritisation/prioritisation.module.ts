import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { FrictionsModule } from '../frictions.module';
import { CriterionValuesController } from './criteria/criterion-values.controller';
import { CriterionValuesRepository } from './criteria/criterion-values.repository';
import { CriterionValuesService } from './criteria/criterion-values.service';
import { AhpController } from './method/ahp.controller';
import { ScoringModelsController } from './models/scoring-models.controller';
import { ScoringModelsRepository } from './models/scoring-models.repository';
import { ScoringModelsService } from './models/scoring-models.service';
import { RankingAnalysisService } from './ranking/ranking-analysis.service';
import { RankingCache } from './ranking/ranking-cache';
import { RankingController } from './ranking/ranking.controller';
import { RankingRepository } from './ranking/ranking.repository';
import { RankingService } from './ranking/ranking.service';

/**
 * Prioritisation (METHOD.md §4): a tenant's scoring models (weighted, RICE, WSJF, AHP), manual
 * criterion values per friction, the ranked backlog (computed in SQL), its sensitivity, rank shifts
 * between models, the impact/effort matrix, and the stateless AHP method endpoint. Reads frictions
 * only through FrictionsModule's FrictionReader; the maths come from @rumbo/method.
 */
@Module({
  imports: [AuditModule, FrictionsModule],
  // `/frictions/ranking` and `/frictions/criteria/import` beside FrictionsModule's `/frictions/:frictionId`: Fastify's router
  // prefers static segments, whatever the registration order.
  controllers: [AhpController, ScoringModelsController, RankingController, CriterionValuesController],
  providers: [
    ScoringModelsRepository,
    ScoringModelsService,
    CriterionValuesRepository,
    CriterionValuesService,
    RankingRepository,
    RankingCache,
    RankingService,
    RankingAnalysisService,
  ],
})
export class PrioritisationModule {}
