import { applyDecorators, createParamDecorator, ExecutionContext, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Actor } from './actor';
import { ApiKeyGuard, AuthenticatedRequest } from './api-key.guard';

export const PROVISIONING_SECURITY_SCHEME = 'provisioning-key';

/** Guards a controller with the provisioning key and tells Swagger so, in one place. */
export function ProvisioningAuthenticated(): ClassDecorator & MethodDecorator {
  return applyDecorators(
    UseGuards(ApiKeyGuard),
    ApiBearerAuth(PROVISIONING_SECURITY_SCHEME),
    ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked provisioning API key.' }),
  );
}

/** The authenticated caller, set by the guard. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without an authentication guard');
  return actor;
});
