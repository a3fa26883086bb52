import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { UserEntity } from '../users/user.entity';
import { UsersModule } from '../users/users.module';
import { AdminApiKeysController } from './admin-api-keys.controller';
import { AdminApiKeysService } from './admin-api-keys.service';
import { AdminKeyGuard } from './admin-key.guard';
import { AdminPage } from './admin-page';
import { AdminUsersController } from './admin-users.controller';
import { AdminUsersService } from './admin-users.service';
import { PlatformController } from './platform.controller';
import { PlatformService } from './platform.service';
import { ProvisioningEventsController } from './provisioning-events.controller';

/** The admin API under /api/admin, behind ADMIN_API_KEY, and the admin page at /admin. */
@Module({
  imports: [TypeOrmModule.forFeature([UserEntity]), AuthModule, UsersModule, AuditModule],
  controllers: [
    AdminUsersController,
    PlatformController,
    AdminApiKeysController,
    ProvisioningEventsController,
  ],
  providers: [AdminKeyGuard, AdminUsersService, PlatformService, AdminApiKeysService, AdminPage],
})
export class AdminModule {}
