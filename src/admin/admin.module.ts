import { Module } from '@nestjs/common';
import { AdminKeyGuard } from './admin-key.guard';
import { PlatformController } from './platform.controller';

/** The admin side of Bloomflow; its API and panel grow in their own issue. */
@Module({
  controllers: [PlatformController],
  providers: [AdminKeyGuard],
})
export class AdminModule {}
