import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatabaseModule } from '../database/database.module';
import { ApiKeyEntity } from './api-key.entity';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeysService } from './api-keys.service';
import { InitialApiKey } from './initial-api-key';

@Module({
  imports: [TypeOrmModule.forFeature([ApiKeyEntity]), DatabaseModule],
  providers: [ApiKeysService, ApiKeyGuard, InitialApiKey],
  exports: [ApiKeysService, ApiKeyGuard, InitialApiKey],
})
export class AuthModule {}
