import { Get } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { AdminController } from './admin-controller.decorator';
import type { PlatformInfo } from './admin-views';
import { PlatformService } from './platform.service';

/** Admin > Platform Info. */
@AdminController('platform')
export class PlatformController {
  constructor(private readonly platform: PlatformService) {}

  @Get()
  @ApiOperation({
    summary: 'CLIENT_ID, tenant URL, user counts and the time of the last provisioning request',
  })
  info(): Promise<PlatformInfo> {
    return this.platform.info();
  }
}
