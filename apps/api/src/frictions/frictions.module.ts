import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { MaturityModule } from '../maturity/maturity.module';
import { TenancyModule } from '../tenancy/tenancy.module';
import { FrictionReader } from './friction.reader';

/**
 * Frictions (METHOD.md §3): friction points with burden lines costed by the Standard Cost Model
 * (@rumbo/method), root causes in maturity dimensions, the cost of each maturity gap, bulk import
 * and export. Reads maturity through MaturityGapReader and tenants through TenantReader only.
 * Exports FrictionReader for the prioritisation submodule.
 */
@Module({
  imports: [AuditModule, TenancyModule, MaturityModule],
  controllers: [],
  providers: [FrictionReader],
  exports: [FrictionReader],
})
export class FrictionsModule {}
