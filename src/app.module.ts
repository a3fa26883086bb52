import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminModule } from './admin/admin.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source-options';
import { HealthModule } from './health/health.module';
import { ScimExceptionFilter } from './scim/errors/scim-exception.filter';
import { ScimModule } from './scim/scim.module';
import { UsersModule } from './users/users.module';

/** The application for one configuration: main.ts passes the environment's, tests their own. */
@Module({})
export class AppModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        // Migrations, never synchronize: the schema only changes through reviewed migrations.
        TypeOrmModule.forRoot({ ...dataSourceOptions(config.database), migrationsRun: true }),
        AuthModule,
        AuditModule,
        UsersModule,
        ScimModule,
        AdminModule,
        HealthModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ScimExceptionFilter }],
    };
  }
}
