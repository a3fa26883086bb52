import { applyDecorators, Controller, UseFilters, UseGuards, UsePipes } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AdminExceptionFilter } from './admin-exception.filter';
import { AdminKeyGuard } from './admin-key.guard';
import { adminValidationPipe } from './admin-validation.pipe';

export const ADMIN_SECURITY_SCHEME = 'admin-key';
export const ADMIN_API_TAG = 'Admin';
export const ADMIN_API_PATH = 'api/admin';

/**
 * A controller of the admin API: the admin key, class-validator DTOs, JSON errors and one
 * Swagger tag and security scheme, joined in one place.
 */
export function AdminController(path: string): ClassDecorator {
  return applyDecorators(
    Controller(`${ADMIN_API_PATH}/${path}`),
    UseGuards(AdminKeyGuard),
    UsePipes(adminValidationPipe()),
    UseFilters(AdminExceptionFilter),
    ApiTags(ADMIN_API_TAG),
    ApiBearerAuth(ADMIN_SECURITY_SCHEME),
    ApiUnauthorizedResponse({ description: 'Missing or wrong admin API key (ADMIN_API_KEY).' }),
  );
}
