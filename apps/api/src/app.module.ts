import { Module, type DynamicModule } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { FrictionsModule } from './frictions/frictions.module';
import { PrioritisationModule } from './frictions/prioritisation/prioritisation.module';
import { MaturityModule } from './maturity/maturity.module';
import { PlatformModule, type PlatformOptions } from './platform/platform.module';
import { TenancyModule } from './tenancy/tenancy.module';

/** The application: the platform plus the method's modules (tenancy, maturity, frictions, use cases, KPIs). */
@Module({})
export class AppModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot(options), AuditModule, TenancyModule, MaturityModule, FrictionsModule, PrioritisationModule],
    };
  }
}
