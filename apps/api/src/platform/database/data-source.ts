import { DataSource } from 'typeorm';
import { entities } from './entities';
import { migrations } from '../../migrations';

/** A TypeORM data source for a connection string, with the application's entities and migrations. */
export function createDataSource(url: string, options: { poolSize?: number; applicationName?: string } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    migrationsRun: false,
    poolSize: options.poolSize ?? 10,
    applicationName: options.applicationName ?? 'rumbo',
    logging: false,
  });
}
