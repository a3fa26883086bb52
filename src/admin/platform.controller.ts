import { Controller, Get, Inject, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AdminKeyGuard } from './admin-key.guard';

export const ADMIN_SECURITY_SCHEME = 'admin-key';

/** Admin > Platform Info: what the customer pastes into Entra. */
@ApiTags('admin')
@ApiBearerAuth(ADMIN_SECURITY_SCHEME)
@UseGuards(AdminKeyGuard)
@Controller('api/admin/platform')
export class PlatformController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get()
  platformInfo(): { clientId: string; tenantUrl: string } {
    return { clientId: this.config.clientId, tenantUrl: this.config.tenantUrl };
  }
}
