import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { AuditModule } from '../audit/audit.module';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { AuthGuard } from './access/auth.guard';
import { BearerStrategy } from './access/bearer.strategy';
import { TenantAccessService } from './access/tenant-access.service';
import { UnitOfWorkOpener } from './access/unit-of-work.opener';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { LoginThrottle } from './auth/login-throttle';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { ApiKeysService } from './api-keys/api-keys.service';
import { TenantImportController } from './tenants/import/tenant-import.controller';
import { TenantImportRepository } from './tenants/import/tenant-import.repository';
import { TenantImportService } from './tenants/import/tenant-import.service';
import { TenantReader } from './tenants/tenant-reader';
import { TenantsController } from './tenants/tenants.controller';
import { TenantsService } from './tenants/tenants.service';
import { InvitationsService } from './users/invitations.service';
import { MemberReader } from './users/member-reader';
import { InvitationAcceptanceController, MembersController } from './users/members.controller';
import { MembersService } from './users/members.service';

/** Tenants, identity, roles, API keys: who may act where. Every other module builds on it. */
@Module({
  imports: [PassportModule, AuditModule],
  controllers: [
    AuthController,
    TenantsController,
    TenantImportController,
    ApiKeysController,
    MembersController,
    InvitationAcceptanceController,
  ],
  providers: [
    { provide: APP_GUARD, useClass: AuthGuard },
    UnitOfWorkOpener,
    {
      provide: LoginThrottle,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new LoginThrottle(config.auth.loginMaxAttempts, config.redis),
    },
    BearerStrategy,
    TenantAccessService,
    AuthService,
    TenantsService,
    TenantReader,
    TenantImportService,
    TenantImportRepository,
    ApiKeysService,
    MembersService,
    InvitationsService,
    MemberReader,
  ],
  // Other modules read tenants through TenantReader and members through MemberReader only (ARCHITECTURE.md §1).
  exports: [TenantsService, TenantReader, MemberReader],
})
export class TenancyModule {}
