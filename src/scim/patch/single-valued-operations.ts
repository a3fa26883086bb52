import { ScimError } from '../errors/scim-error';
import { AttributeDefinition } from '../schema/attribute-definition';
import { JsonValue, ScimResource, isJsonObject } from '../scim-resource';
import { coerceComplex, coerceSimple, ComplexPatch, findSubAttribute } from './coerce-value';

import { mergeInto } from './multi-valued';
import { AttributeLocation } from './patch-path';
import { readAttribute, writeAttribute } from './resource-access';

/**
 * Add, replace and remove on single-valued attributes: simple ones (`title`, `active`) and
 * complex ones (`name`, `manager`) with their sub-attributes (`name.givenName`).
 */

/** A single-valued attribute, simple or complex: set, or cleared by `""`/null (Entra's null-update). */
export function setAttribute(
  resource: ScimResource,
  location: AttributeLocation,
  value: JsonValue | undefined,
): ScimResource {
  const { attribute } = location;
  if (attribute.type === 'complex') {
    const patch = coerceComplex(attribute, value, attribute.name);
    return patch === null
      ? writeAttribute(resource, location, undefined)
      : mergeComplex(resource, location, patch);
  }
  const simple = coerceSimple(attribute, value, attribute.name);
  return writeAttribute(resource, location, simple === null ? undefined : simple);
}

/** `name.givenName`, `manager.value`: one sub-attribute of a single-valued complex attribute. */
export function setSubAttribute(
  resource: ScimResource,
  location: AttributeLocation,
  sub: AttributeDefinition,
  value: JsonValue | undefined,
): ScimResource {
  const label = `${location.attribute.name}.${sub.name}`;
  return mergeComplex(resource, location, { [sub.name]: coerceSimple(sub, value, label) });
}

/**
 * RFC 7644 §3.5.2.3: "If the target location specifies a complex attribute, a set of
 * sub-attributes SHALL be specified in the "value" parameter, which replaces any existing values
 * or adds where an attribute did not previously exist. Sub-attributes that are not specified in
 * the "value" parameter are left unchanged." Add (§3.5.2.1) behaves the same way.
 *
 * One refinement for reference-like values (`manager`): when the patch changes `value`, the old
 * `$ref` and `displayName` described someone else and are dropped; and a patch that clears
 * `value` (Entra's `{"value": ""}`) removes the whole attribute.
 */
function mergeComplex(
  resource: ScimResource,
  location: AttributeLocation,
  patch: ComplexPatch,
): ScimResource {
  const { attribute } = location;
  const stored = readAttribute(resource, location);
  const current = isJsonObject(stored) ? stored : {};
  const identified = findSubAttribute(attribute, 'value') !== undefined;
  const newValue = patch['value'];
  const newIdentity =
    identified && newValue !== null && newValue !== undefined && current['value'] !== newValue;
  const merged = mergeInto(newIdentity ? {} : current, patch);
  if (!identified || merged['value'] !== undefined || Object.keys(merged).length === 0) {
    return writeAttribute(resource, location, merged);
  }
  if (patch['value'] === null) return writeAttribute(resource, location, undefined);
  throw ScimError.badRequest('invalidValue', `"${attribute.name}" needs a "value" sub-attribute.`);
}

/**
 * RFC 7644 §3.5.2.2: "Sub-attributes whose values have been removed SHALL be considered
 * unassigned." A complex attribute left empty is unassigned too.
 */
export function removeSubAttribute(
  resource: ScimResource,
  location: AttributeLocation,
  sub: AttributeDefinition,
): ScimResource {
  return mergeComplex(resource, location, { [sub.name]: null });
}
