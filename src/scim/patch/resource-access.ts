import { ScimError } from '../errors/scim-error';
import { AttributeDefinition, SchemaDefinition } from '../schema/attribute-definition';
import { commonAttributes } from '../schema/common-attributes';
import { ResourceSchema } from '../schema/resource-schema';
import { JsonObject, JsonValue, ScimResource, isJsonObject } from '../scim-resource';
import { deepEqualJson, withKey } from './json';
import { AttributeLocation } from './patch-path';

/**
 * Reading and writing one attribute of a resource. Extension attributes live under their schema
 * URN (RFC 7643 §3.3: `"urn:…:enterprise:2.0:User": {"department": …}`); core and common
 * attributes at the top. Writes copy only the objects on the way to the attribute.
 */

export function readAttribute(resource: ScimResource, location: AttributeLocation): JsonValue | undefined {
  const container = location.extension === undefined ? resource : resource[location.extension.id];
  return isJsonObject(container) ? container[location.attribute.name] : undefined;
}

/**
 * Sets an attribute, or unassigns it when `value` is undefined, an empty list or an empty object
 * (RFC 7643 §2.5: unassigned, null and empty are the same state). An extension left empty is
 * removed with it.
 */
export function writeAttribute(
  resource: ScimResource,
  location: AttributeLocation,
  value: JsonValue | undefined,
): ScimResource {
  const next = isEmpty(value) ? undefined : value;
  assertImmutableKept(location.attribute, readAttribute(resource, location), next);
  if (location.extension === undefined) return withKey(resource, location.attribute.name, next);
  return writeExtension(resource, location.extension, (extension) =>
    withKey(extension, location.attribute.name, next),
  );
}

/** Rewrites an extension's object; an extension with no attributes left is removed (RFC 7643 §3.3). */
export function writeExtension(
  resource: ScimResource,
  extension: SchemaDefinition,
  update: (current: JsonObject) => JsonObject | undefined,
): ScimResource {
  const stored = resource[extension.id];
  const current = isJsonObject(stored) ? stored : {};
  const next = update(current);
  if (next === current) return resource;
  return withKey(
    resource,
    extension.id,
    next === undefined || Object.keys(next).length === 0 ? undefined : next,
  );
}

/**
 * RFC 7643 §3: "schemas" lists the schemas the resource's attributes come from. An extension the
 * patch filled in is added; one the patch emptied is removed. Extensions the patch did not touch
 * are left as they were, so a no-op patch returns an equal resource.
 */
export function syncExtensionSchemas(
  before: ScimResource,
  after: ScimResource,
  schema: ResourceSchema,
): ScimResource {
  return schema.extensions.reduce((resource, extension) => {
    if (before[extension.id] === resource[extension.id]) return resource;
    const listed = schemaUrns(resource);
    const present = isJsonObject(resource[extension.id]);
    const urn = extension.id.toLowerCase();
    const alreadyListed = listed.some((candidate) => candidate.toLowerCase() === urn);
    if (present && !alreadyListed) {
      return withKey(resource, 'schemas', [...(listed.length > 0 ? listed : [schema.core.id]), extension.id]);
    }
    if (!present && alreadyListed) {
      return withKey(
        resource,
        'schemas',
        listed.filter((candidate) => candidate.toLowerCase() !== urn),
      );
    }
    return resource;
  }, after);
}

/**
 * RFC 7644 §3.5.2.2: "If an attribute is removed or becomes unassigned and is defined as a
 * required attribute or a read-only attribute, the server SHALL return … a "scimType" error code
 * of "mutability"." Checked after each operation, whichever way the attribute went (remove,
 * replace with "", a path-less replace with null).
 */
export function assertRequiredKept(before: ScimResource, after: ScimResource, schema: ResourceSchema): void {
  for (const location of requiredLocations(schema)) {
    const had = readAttribute(before, location);
    if (!isEmpty(had) && isEmpty(readAttribute(after, location))) {
      throw ScimError.badRequest(
        'mutability',
        `"${location.attribute.name}" is required and cannot be removed or emptied (RFC 7644 §3.5.2.2).`,
      );
    }
  }
}

function requiredLocations(schema: ResourceSchema): AttributeLocation[] {
  const core = [...commonAttributes, ...schema.core.attributes]
    .filter((attribute) => attribute.required)
    .map((attribute) => ({ attribute }));
  const extensions = schema.extensions.flatMap((extension) =>
    extension.attributes
      .filter((attribute) => attribute.required)
      .map((attribute) => ({ extension, attribute })),
  );
  return [...core, ...extensions];
}

/**
 * RFC 7644 §3.5.2: "a client MUST NOT modify an attribute that has mutability "readOnly" or
 * "immutable". However, a client MAY "add" a value to an "immutable" attribute if the attribute
 * had no previous value."
 */
function assertImmutableKept(
  attribute: AttributeDefinition,
  current: JsonValue | undefined,
  next: JsonValue | undefined,
): void {
  if (attribute.mutability === 'immutable' && !isEmpty(current) && !deepEqualJson(current, next)) {
    throw ScimError.badRequest('mutability', `"${attribute.name}" is immutable once set (RFC 7643 §2.2).`);
  }
}

function schemaUrns(resource: ScimResource): string[] {
  const schemas = resource['schemas'];
  return Array.isArray(schemas) ? schemas.filter((urn): urn is string => typeof urn === 'string') : [];
}

function isEmpty(value: JsonValue | undefined): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return isJsonObject(value) && Object.keys(value).length === 0;
}
