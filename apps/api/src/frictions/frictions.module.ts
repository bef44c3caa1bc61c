import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { MaturityModule } from '../maturity/maturity.module';
import { TenancyModule } from '../tenancy/tenancy.module';
import { FrictionAreasService } from './areas/friction-areas.service';
import { BurdenLinesRepository } from './burdens/burden-lines.repository';
import { FrictionLifecycleService } from './friction-lifecycle.service';
import { FrictionListQuery } from './friction-list.query';
import { FrictionReader } from './friction.reader';
import { FrictionsController } from './frictions.controller';
import { FrictionsRepository } from './frictions.repository';
import { FrictionsService } from './frictions.service';
import { FrictionExportService } from './import/friction-export.service';
import { FrictionImportController } from './import/friction-import.controller';
import { FrictionImportRepository } from './import/friction-import.repository';
import { FrictionImportService } from './import/friction-import.service';
import { MethodController } from './method.controller';
import { GapCostsService } from './root-causes/gap-costs.service';
import { RootCausesService } from './root-causes/root-causes.service';
import { FrictionSettingsController } from './settings/friction-settings.controller';
import { FrictionSettingsRepository } from './settings/friction-settings.repository';
import { FrictionSettingsService } from './settings/friction-settings.service';

/**
 * Frictions (METHOD.md §3): friction points with burden lines costed by the Standard Cost Model
 * (@rumbo/method), root causes in maturity dimensions, the cost of each maturity gap, bulk import
 * and export. Reads maturity through MaturityGapReader, tenants and members through TenancyModule's
 * readers only. Exports FrictionReader for the prioritisation submodule.
 */
@Module({
  imports: [AuditModule, TenancyModule, MaturityModule],
  controllers: [MethodController, FrictionSettingsController, FrictionImportController, FrictionsController],
  providers: [
    FrictionReader,
    FrictionsRepository,
    FrictionListQuery,
    FrictionsService,
    FrictionLifecycleService,
    FrictionSettingsRepository,
    FrictionSettingsService,
    FrictionAreasService,
    BurdenLinesRepository,
    RootCausesService,
    GapCostsService,
    FrictionImportRepository,
    FrictionImportService,
    FrictionExportService,
  ],
  exports: [FrictionReader],
})
export class FrictionsModule {}
