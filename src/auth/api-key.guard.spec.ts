import { ExecutionContext, UnauthorizedException } from '@nestjs/common';
import type { ApiKeyEntity } from './api-key.entity';
import { hashApiKeySecret } from './api-key-secret';
import { ApiKeyGuard, AuthenticatedRequest } from './api-key.guard';
import type { ApiKeysService } from './api-keys.service';

const ACTIVE_SECRET = 'bfk_3q2-7wEjRk1vN0XyZaBcDeFgHiJkLmNoPqRsTuVwXy_';
const REVOKED_SECRET = 'bfk_revokedRevokedRevokedRevokedRevokedRev0';
const UNKNOWN_SECRET = 'bfk_unknownUnknownUnknownUnknownUnknownUnkn0';
const REFUSAL = 'A valid provisioning API key is required as a Bearer token.';

/** The columns the guard reads; the store's other columns play no part in admission. */
function key(id: string, name: string, secret: string, revokedAt: Date | null): ApiKeyEntity {
  return { id, name, hash: hashApiKeySecret(secret), revokedAt } as ApiKeyEntity;
}

/** ApiKeysService.verify's contract: the active key whose secret this is, or null (unknown or revoked). */
class FakeApiKeys {
  readonly verified: string[] = [];
  private readonly keys = [
    key('key-1', 'entra-prod', ACTIVE_SECRET, null),
    key('key-2', 'entra-old', REVOKED_SECRET, new Date('2025-03-01T00:00:00.000Z')),
  ];

  verify(secret: string): Promise<ApiKeyEntity | null> {
    this.verified.push(secret);
    const hash = hashApiKeySecret(secret);
    const found = this.keys.find((candidate) => candidate.hash === hash);
    return Promise.resolve(found && found.revokedAt === null ? found : null);
  }
}

function setUp(authorization: string | undefined) {
  const apiKeys = new FakeApiKeys();
  const guard = new ApiKeyGuard(apiKeys as unknown as ApiKeysService);
  const request = {
    headers: authorization === undefined ? {} : { authorization },
  } as unknown as AuthenticatedRequest;
  const context = {
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
  return { apiKeys, guard, request, context };
}

describe('ApiKeyGuard', () => {
  interface RefusalCase {
    readonly name: string;
    readonly authorization: string | undefined;
    /** What reached ApiKeysService.verify: nothing for a header that is not a Bearer token. */
    readonly verified: readonly string[];
  }

  const refusals: readonly RefusalCase[] = [
    {
      name: 'should refuse a request without an Authorization header',
      authorization: undefined,
      verified: [],
    },
    { name: 'should refuse an empty Authorization header', authorization: '', verified: [] },
    {
      name: 'should refuse the Basic scheme',
      authorization: `Basic ${Buffer.from(`user:${ACTIVE_SECRET}`).toString('base64')}`,
      verified: [],
    },
    { name: 'should refuse the bare secret without a scheme', authorization: ACTIVE_SECRET, verified: [] },
    { name: 'should refuse a Bearer scheme without a token', authorization: 'Bearer ', verified: [] },
    {
      name: 'should refuse a scheme glued to its token',
      authorization: `Bearer${ACTIVE_SECRET}`,
      verified: [],
    },
    {
      name: 'should refuse a token with a space inside',
      authorization: `Bearer ${ACTIVE_SECRET} extra`,
      verified: [],
    },
    {
      name: 'should refuse a token with characters outside b64token (RFC 6750 §2.1)',
      authorization: `Bearer ${ACTIVE_SECRET}!`,
      verified: [],
    },
    {
      name: 'should refuse padding in the middle of a token',
      authorization: 'Bearer bfk_ab=cd',
      verified: [],
    },
    {
      name: 'should refuse an unknown key',
      authorization: `Bearer ${UNKNOWN_SECRET}`,
      verified: [UNKNOWN_SECRET],
    },
    {
      name: 'should refuse a revoked key',
      authorization: `Bearer ${REVOKED_SECRET}`,
      verified: [REVOKED_SECRET],
    },
  ];

  it.each(refusals)('$name', async ({ authorization, verified }) => {
    const { apiKeys, guard, request, context } = setUp(authorization);

    const outcome = guard.canActivate(context);

    await expect(outcome).rejects.toBeInstanceOf(UnauthorizedException);
    await expect(outcome).rejects.toMatchObject({ message: REFUSAL });
    expect(request.actor).toBeUndefined();
    expect(apiKeys.verified).toEqual(verified);
  });

  interface AdmissionCase {
    readonly name: string;
    readonly authorization: string;
  }

  const admissions: readonly AdmissionCase[] = [
    { name: 'should admit an active key as a Bearer token', authorization: `Bearer ${ACTIVE_SECRET}` },
    { name: 'should accept the scheme in lower case', authorization: `bearer ${ACTIVE_SECRET}` },
    { name: 'should accept the scheme in upper case', authorization: `BEARER ${ACTIVE_SECRET}` },
    {
      name: 'should accept several spaces after the scheme and trailing spaces',
      authorization: `Bearer   ${ACTIVE_SECRET}  `,
    },
  ];

  it.each(admissions)('$name', async ({ authorization }) => {
    const { apiKeys, guard, request, context } = setUp(authorization);

    await expect(guard.canActivate(context)).resolves.toBe(true);
    expect(request.actor).toEqual({ kind: 'provisioning', keyId: 'key-1', keyName: 'entra-prod' });
    expect(apiKeys.verified).toEqual([ACTIVE_SECRET]);
  });

  it('should hand the token to the service with its base64 padding', async () => {
    const { apiKeys, guard, context } = setUp('Bearer bfk_abc+/==');

    await expect(guard.canActivate(context)).rejects.toMatchObject({ message: REFUSAL });
    expect(apiKeys.verified).toEqual(['bfk_abc+/==']);
  });
});
