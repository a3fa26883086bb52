import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatabaseModule } from '../database/database.module';
import { FailedRequestRecorder } from './failed-request-recorder';
import { ProvisioningEventEntity } from './provisioning-event.entity';
import { ProvisioningEventsService } from './provisioning-events.service';

/** The provisioning activity: every user write and every failed SCIM request. */
@Module({
  imports: [TypeOrmModule.forFeature([ProvisioningEventEntity]), DatabaseModule],
  providers: [ProvisioningEventsService, FailedRequestRecorder],
  exports: [ProvisioningEventsService, FailedRequestRecorder],
})
export class AuditModule {}
