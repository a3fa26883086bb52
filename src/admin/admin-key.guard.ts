import { bearerToken } from '../auth/bearer-token';
import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { hashApiKeySecret, hashesEqual } from '../auth/api-key-secret';
import { AuthenticatedRequest } from '../auth/api-key.guard';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** The actor id of whoever holds ADMIN_API_KEY; stored in audit fields as `admin:admin`. */
export const ADMIN_KEY_ACTOR_ID = 'admin';

/**
 * Admits the bearer of ADMIN_API_KEY; provisioning keys are not admin keys (and the admin key
 * is not a provisioning key: it is never stored, so ApiKeyGuard refuses it on SCIM).
 */
@Injectable()
export class AdminKeyGuard implements CanActivate {
  private readonly adminKeyHash: string | undefined;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.adminKeyHash = config.adminApiKey === undefined ? undefined : hashApiKeySecret(config.adminApiKey);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const secret = bearerToken(request.headers);
    if (
      this.adminKeyHash === undefined ||
      secret === undefined ||
      !hashesEqual(hashApiKeySecret(secret), this.adminKeyHash)
    ) {
      throw new UnauthorizedException('A valid admin API key is required as a Bearer token.');
    }
    request.actor = { kind: 'admin', adminId: ADMIN_KEY_ACTOR_ID };
    return true;
  }
}
