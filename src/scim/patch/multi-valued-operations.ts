import { ScimError } from '../errors/scim-error';
import { AttributeDefinition } from '../schema/attribute-definition';
import { JsonObject, JsonValue, ScimResource, isJsonObject } from '../scim-resource';
import { coerceElement, coerceElements, coerceSimple, ComplexPatch, withoutNulls } from './coerce-value';
import { elementDescribedBy, matchesElement } from './element-filter';

import {
  appendElements,
  assertHasData,
  elementsOf,
  hasData,
  keepOnePrimary,
  matchesListed,
  mergeInto,
  unlessSame,
} from './multi-valued';
import { AttributeLocation, PatchTarget } from './patch-path';
import { readAttribute, writeAttribute } from './resource-access';

/**
 * Add, replace and remove on multi-valued complex attributes (`emails`, `members`), whole or
 * through a value filter (`emails[type eq "work"].value`).
 */

type ElementsTarget = Extract<PatchTarget, { kind: 'elements' }>;

/** New elements for add/replace, as objects without clear markers and each carrying a value. */
function newElements(attribute: AttributeDefinition, value: JsonValue | undefined): JsonObject[] {
  return coerceElements(attribute, value, attribute.name).map((patch, index) => {
    const element = withoutNulls(patch);
    assertHasData(attribute, element, `${attribute.name}[${index}]`);
    return element;
  });
}

export function addElements(
  resource: ScimResource,
  location: AttributeLocation,
  value: JsonValue | undefined,
): ScimResource {
  const current = elementsOf(readAttribute(resource, location));
  const next = appendElements(location.attribute, current, newElements(location.attribute, value));
  return writeElements(resource, location, current, next);
}

/**
 * RFC 7644 §3.5.2.3: "If the target location is a multi-valued attribute and no filter is
 * specified, the attribute and all values are replaced." Duplicates in the new list collapse and
 * at most one stays primary.
 */
export function replaceElements(
  resource: ScimResource,
  location: AttributeLocation,
  value: JsonValue | undefined,
): ScimResource {
  const next = appendElements(location.attribute, [], newElements(location.attribute, value));
  return writeAttribute(resource, location, [...next]);
}

/**
 * RFC 7644 §3.5.2.2: "If the target location is a multi-valued attribute and a complex filter is
 * specified comparing a "value", the values matched by the filter are removed." Entra's default
 * dialect sends the values to remove in `value` instead of a filter
 * (`{"op":"Remove","path":"members","value":[{"value":"id"}]}`): only those listed are removed.
 */
export function removeListedElements(
  resource: ScimResource,
  location: AttributeLocation,
  value: JsonValue,
): ScimResource {
  const { attribute } = location;
  const listed = coerceElements(attribute, value, attribute.name).map(withoutNulls);
  const current = elementsOf(readAttribute(resource, location));
  const kept = current.filter((element) => !listed.some((item) => matchesListed(attribute, element, item)));
  return writeElements(resource, location, current, kept);
}

/**
 * RFC 7644 §3.5.2.3: "If the target location is a multi-valued attribute and a value selection
 * ("valuePath") filter is specified that matches one or more values of the multi-valued attribute,
 * then all matching record values SHALL be replaced." and "If the target location is a complex
 * multi-valued attribute with a value selection filter ("valuePath") and a specific sub-attribute
 * (e.g., "addresses[type eq "work"].streetAddress"), the matching sub-attribute of all matching
 * records is replaced." Add merges into the matching records instead.
 */
export function updateElements(
  resource: ScimResource,
  op: 'add' | 'replace',
  target: ElementsTarget,
  value: JsonValue | undefined,
): ScimResource {
  const { location, filter, subAttribute } = target;
  const patch = elementPatch(target, value);
  const current = elementsOf(readAttribute(resource, location));
  const matched = matchingIndexes(target, current);
  if (matched.size === 0)
    return writeElements(resource, location, current, createElement(target, current, patch));
  const described = filter === undefined ? {} : (elementDescribedBy(filter) ?? {});
  const updated = current.map((element, index) => {
    if (!matched.has(index) || !isJsonObject(element)) return element;
    if (op === 'add' || subAttribute !== undefined) return mergeInto(element, patch);
    return { ...described, ...withoutNulls(patch) };
  });
  const kept = keepOnePrimary(updated, matched).filter(
    (element, index) => !matched.has(index) || !isJsonObject(element) || hasData(element),
  );
  return writeElements(resource, location, current, kept);
}

/**
 * RFC 7644 §3.5.2.3: "If the target location is a multi-valued attribute for which a value
 * selection filter ("valuePath") has been supplied and no record match was made, the service
 * provider SHALL indicate failure by returning HTTP status code 400 and a "scimType" error code of
 * "noTarget"." Entra, though, adds a user's first work email or fax number with exactly that
 * request (`replace emails[type eq "work"].value` on a user without one), so when the filter
 * describes an element (`type eq "work"`) that element is created; only filters that cannot
 * describe one (`value co "@"`, `or`) fail with noTarget.
 */
function createElement(
  target: ElementsTarget,
  current: readonly JsonValue[],
  patch: ComplexPatch,
): readonly JsonValue[] {
  const { location, filter } = target;
  const { attribute } = location;
  if (Object.values(patch).every((value) => value === null)) return current; // clearing what is not there
  const described = filter === undefined ? {} : elementDescribedBy(filter);
  if (described === undefined) {
    throw ScimError.badRequest('noTarget', `No value of "${attribute.name}" matches the filter.`);
  }
  const element = withoutNulls({ ...described, ...patch });
  if (filter !== undefined && !matchesElement(filter, element)) {
    throw ScimError.badRequest(
      'invalidValue',
      `The value contradicts the path's filter: ${JSON.stringify(element)}.`,
    );
  }
  if (!hasData(element)) {
    throw ScimError.badRequest('noTarget', `No value of "${attribute.name}" matches the filter to update.`);
  }
  return appendElements(attribute, current, [element]);
}

/**
 * RFC 7644 §3.5.2.2: "If the target location is a complex multi-valued attribute and a complex
 * filter is specified based on the attribute's sub-attributes, the matching records are removed.
 * Sub-attributes whose values have been removed SHALL be considered unassigned. If the complex
 * multi-valued attribute has no remaining records, the attribute SHALL be considered unassigned."
 * Removing a record that is not there is a no-op, so Entra's retries stay harmless.
 */
export function removeElements(resource: ScimResource, target: ElementsTarget): ScimResource {
  const { location, subAttribute } = target;
  const current = elementsOf(readAttribute(resource, location));
  const matched = matchingIndexes(target, current);
  const kept = current.flatMap((element, index) => {
    if (!matched.has(index)) return [element];
    if (subAttribute === undefined || !isJsonObject(element)) return [];
    const trimmed = mergeInto(element, { [subAttribute.name]: null });
    return hasData(trimmed) ? [trimmed] : [];
  });
  return writeElements(resource, location, current, kept);
}

/** The patch an elements operation applies to each matching record. */
function elementPatch(target: ElementsTarget, value: JsonValue | undefined): ComplexPatch {
  const { attribute } = target.location;
  if (target.subAttribute === undefined) return coerceElement(attribute, value ?? null, attribute.name);
  const label = `${attribute.name}.${target.subAttribute.name}`;
  return { [target.subAttribute.name]: coerceSimple(target.subAttribute, value, label) };
}

function matchingIndexes(target: ElementsTarget, elements: readonly JsonValue[]): ReadonlySet<number> {
  const { filter } = target;
  const indexes = elements.flatMap((element, index) =>
    isJsonObject(element) && (filter === undefined || matchesElement(filter, element)) ? [index] : [],
  );
  return new Set(indexes);
}

function writeElements(
  resource: ScimResource,
  location: AttributeLocation,
  current: readonly JsonValue[],
  next: readonly JsonValue[],
): ScimResource {
  const same = unlessSame(current, next);
  if (same === current) return resource;
  return writeAttribute(resource, location, next.length === 0 ? undefined : [...next]);
}
