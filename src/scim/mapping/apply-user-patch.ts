import { ScimError } from '../errors/scim-error';
import { JsonObject } from '../scim-resource';

/** Interim until the PATCH engine lands. */
export function applyUserPatch(_attributes: JsonObject, _body: unknown): JsonObject {
  throw new ScimError(501, undefined, 'PATCH is not available yet.');
}
