import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import type { DataSourceOptions } from 'typeorm';
import { ProvisioningEventEntity } from '../audit/provisioning-event.entity';
import { ApiKeyEntity } from '../auth/api-key.entity';
import { UserEntity } from '../users/user.entity';
import { AppSettingEntity } from '../settings/app-setting.entity';
import { DatabaseConfig } from '../config/app-config';
import { registerSqliteFilterFunctions } from '../scim/filter/filter-sql-functions';
import { migrations } from './migrations';

export const entities = [UserEntity, ApiKeyEntity, AppSettingEntity, ProvisioningEventEntity];

/** One definition of the connection for the app, the migration CLI (ormconfig.ts) and the tests. */
export function dataSourceOptions(database: DatabaseConfig): DataSourceOptions {
  const common = { entities, migrations, migrationsRun: false, synchronize: false } as const;
  switch (database.type) {
    case 'sqlite':
      if (database.path !== ':memory:') mkdirSync(dirname(database.path), { recursive: true });
      return {
        ...common,
        type: 'better-sqlite3',
        database: database.path,
        // WAL lets readers run beside the single writer; the busy timeout queues writers
        // instead of failing them with SQLITE_BUSY.
        enableWAL: true,
        timeout: 5000,
        prepareDatabase: (db: Database.Database) => {
          db.pragma('busy_timeout = 5000');
          db.pragma('foreign_keys = ON');
          registerSqliteFilterFunctions(db);
        },
      };
    case 'postgres':
      return {
        ...common,
        type: 'postgres',
        url: database.url,
        extra: { max: 10 },
      };
  }
}
