import { bearerToken } from './bearer-token';
import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Actor } from './actor';
import { ApiKeysService } from './api-keys.service';

export interface AuthenticatedRequest extends FastifyRequest {
  actor?: Actor;
}

/**
 * Admits requests bearing an active provisioning key and records the key as the actor.
 * Missing, malformed, unknown and revoked keys are refused alike, so a caller learns nothing.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly apiKeys: ApiKeysService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const secret = bearerToken(request.headers);
    const key = secret === undefined ? null : await this.apiKeys.verify(secret);
    if (!key) throw new UnauthorizedException('A valid provisioning API key is required as a Bearer token.');
    request.actor = { kind: 'provisioning', keyId: key.id, keyName: key.name };
    return true;
  }
}
