/** RFC 7644 §3.1: SCIM messages use this media type; clients may also send application/json. */
export const SCIM_MEDIA_TYPE = 'application/scim+json';
export const SCIM_CONTENT_TYPE = `${SCIM_MEDIA_TYPE}; charset=utf-8`;
