import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { SettingsModule } from '../settings/settings.module';
import { SharedSecretsService } from '../settings/shared-secrets.service';
import { UsersModule } from '../users/users.module';
import { DiscoveryController } from './discovery/discovery.controller';
import { CursorCodec } from './query/cursor';
import { RootSearchController } from './users/root-search.controller';
import { ScimUsersController } from './users/scim-users.controller';
import { ScimUsersService } from './users/scim-users.service';

/** The SCIM 2.0 protocol (RFC 7643/7644) at /api/public/scim, over the users store. */
@Module({
  imports: [AuthModule, UsersModule, SettingsModule],
  controllers: [ScimUsersController, RootSearchController, DiscoveryController],
  providers: [
    ScimUsersService,
    {
      // Read once at boot: every instance signs and checks cursors with the same database-held key.
      provide: CursorCodec,
      inject: [SharedSecretsService],
      useFactory: async (secrets: SharedSecretsService) =>
        new CursorCodec(await secrets.secret('scim-cursor')),
    },
  ],
})
export class ScimModule {}
