import { MAX_BODY_BYTES } from '../../configure-app';
import { SERVICE_PROVIDER_CONFIG_SCHEMA } from '../schema/schema-urns';
import { JsonObject } from '../scim-resource';
import { CURSOR_TIMEOUT_SECONDS } from '../query/cursor';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../query/list-query';

/** RFC 7643 §5: what this server does, and nothing it doesn't. */
export function serviceProviderConfig(baseUrl: string): JsonObject {
  return {
    schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
    documentationUri: `${baseUrl.replace(/\/api\/public\/scim$/, '')}/docs`,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: MAX_BODY_BYTES },
    filter: { supported: true, maxResults: MAX_PAGE_SIZE },
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: true },
    // RFC 9865 §4: both paging methods, and how cursors behave.
    pagination: {
      cursor: true,
      index: true,
      defaultPaginationMethod: 'index',
      defaultPageSize: DEFAULT_PAGE_SIZE,
      maxPageSize: MAX_PAGE_SIZE,
      cursorTimeout: CURSOR_TIMEOUT_SECONDS,
    },
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
