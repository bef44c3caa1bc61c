import { Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Registry } from 'prom-client';
import { ConfigModule } from './config/config.module';
import type { AppConfig } from './config/app-config';
import { runtimeConnectionOptions, type DatabaseSchema } from './database/data-source';
import { DbSession } from './database/db-session';
import { HealthController } from './health/health.controller';
import { ServerLifecycle } from './lifecycle/server-lifecycle';
import { MetricsController } from './metrics/metrics.controller';
import { METRICS_REGISTRY } from './metrics/metrics';

export interface PlatformOptions {
  config: AppConfig;
  /** Runtime (RLS-bound) connection string. */
  appUrl: string;
  metrics: Registry;
  schema: DatabaseSchema;
}

/** Cross-cutting services every feature module builds on. */
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      imports: [
        DiscoveryModule,
        ConfigModule.forRoot(options.config),
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: options.appUrl,
          entities: options.schema.entities,
          synchronize: false,
          migrationsRun: false,
          poolSize: options.config.database.poolSize,
          applicationName: 'rumbo-api',
          ...runtimeConnectionOptions(options.config.database),
          // Only the first connection at start is retried; requests never wait on retries.
          retryAttempts: 3,
          retryDelay: 1000,
          logging: false,
        }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [{ provide: METRICS_REGISTRY, useValue: options.metrics }, DbSession, ServerLifecycle],
      exports: [METRICS_REGISTRY, DbSession, ServerLifecycle],
    };
  }
}
