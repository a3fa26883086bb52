import { MAX_BODY_BYTES } from '../../configure-app';
import { SERVICE_PROVIDER_CONFIG_SCHEMA } from '../schema/schema-urns';
import { JsonObject } from '../scim-resource';
import { MAX_PAGE_SIZE } from '../users/list-query';

/** RFC 7643 §5: what this server does, and nothing it doesn't. */
export function serviceProviderConfig(baseUrl: string): JsonObject {
  return {
    schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
    documentationUri: `${baseUrl.replace(/\/api\/public\/scim$/, '')}/docs`,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: MAX_BODY_BYTES },
    filter: { supported: true, maxResults: MAX_PAGE_SIZE },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'Bloomflow provisioning API key',
        description: 'Send a Bloomflow provisioning API key as "Authorization: Bearer <key>".',
        primary: true,
      },
    ],
    meta: {
      resourceType: 'ServiceProviderConfig',
      location: `${baseUrl}/ServiceProviderConfig`,
    },
  };
}
