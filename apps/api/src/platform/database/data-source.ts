import { DataSource, type DataSourceOptions } from 'typeorm';

/** Entities and migrations, provided by the application's composition root (src/schema.ts). */
export interface DatabaseSchema {
  entities: NonNullable<DataSourceOptions['entities']>;
  migrations: NonNullable<DataSourceOptions['migrations']>;
}

/** A TypeORM data source for a connection string with the application's schema. Never synchronises. */
export function createDataSource(
  url: string,
  schema: DatabaseSchema,
  options: { poolSize?: number; applicationName?: string } = {},
): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: schema.entities,
    migrations: schema.migrations,
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    migrationsRun: false,
    poolSize: options.poolSize ?? 10,
    applicationName: options.applicationName ?? 'rumbo',
    logging: false,
  });
}
