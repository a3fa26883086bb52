import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { UsersModule } from '../users/users.module';
import { DiscoveryController } from './discovery/discovery.controller';
import { ScimUsersController } from './users/scim-users.controller';
import { ScimUsersService } from './users/scim-users.service';

/** The SCIM 2.0 protocol (RFC 7643/7644) at /api/public/scim, over the users store. */
@Module({
  imports: [AuthModule, UsersModule],
  controllers: [ScimUsersController, DiscoveryController],
  providers: [ScimUsersService],
})
export class ScimModule {}
