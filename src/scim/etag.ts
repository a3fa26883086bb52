import { ScimError } from './errors/scim-error';

/** `*` matches any current version (RFC 7232 §3.1). */
export type VersionPrecondition = number | '*' | undefined;

/**
 * Reads the row version out of an If-Match / If-None-Match header holding our weak tags
 * (`W/"3"`). A tag we never issued can match nothing: it yields -1.
 */
export function parseVersionPrecondition(header: string | undefined): VersionPrecondition {
  if (header === undefined || header.trim() === '') return undefined;
  if (header.trim() === '*') return '*';
  const versions = header.split(',').map((tag) => /^\s*(?:W\/)?"(\d{1,15})"\s*$/.exec(tag)?.[1]);
  const first = versions.find((version) => version !== undefined);
  if (versions.length > 1 && new Set(versions).size > 1) {
    throw ScimError.badRequest('invalidValue', 'Send a single entity tag in If-Match.');
  }
  return first === undefined ? -1 : Number(first);
}

/** The version an update must find, or undefined for "whatever is current". */
export function expectedVersion(precondition: VersionPrecondition): number | undefined {
  return precondition === '*' ? undefined : precondition;
}
