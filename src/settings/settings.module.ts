import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { SharedSecretsService } from './shared-secrets.service';

@Module({
  imports: [DatabaseModule],
  providers: [SharedSecretsService],
  exports: [SharedSecretsService],
})
export class SettingsModule {}
