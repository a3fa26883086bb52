import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppSettingEntity } from './app-setting.entity';
import { SharedSecretsService } from './shared-secrets.service';

@Module({
  imports: [TypeOrmModule.forFeature([AppSettingEntity])],
  providers: [SharedSecretsService],
  exports: [SharedSecretsService],
})
export class SettingsModule {}
