import { SCIM_BASE_PATH } from '../config/app-config';

/** RFC 7644 §3.1: SCIM messages use this media type; clients may also send application/json. */
export const SCIM_MEDIA_TYPE = 'application/scim+json';
export const SCIM_CONTENT_TYPE = `${SCIM_MEDIA_TYPE}; charset=utf-8`;

/** Whether a request addresses the SCIM API (its answers, errors included, speak SCIM). */
export function isScimUrl(url: string): boolean {
  return (
    url === SCIM_BASE_PATH || url.startsWith(`${SCIM_BASE_PATH}/`) || url.startsWith(`${SCIM_BASE_PATH}?`)
  );
}
