import { ScimError } from '../errors/scim-error';
import { AttributeDefinition, SchemaDefinition } from '../schema/attribute-definition';
import { ResourceSchema } from '../schema/resource-schema';
import { JsonObject, JsonValue, ScimResource } from '../scim-resource';
import {
  assertNotReadOnly,
  coerceComplex,
  coerceElement,
  coerceElements,
  coerceSimple,
  ComplexPatch,
  findSubAttribute,
  withoutNulls,
} from './coerce-value';
import { elementDescribedBy, matchesElement } from './element-filter';
import { isJsonObject } from './json';
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
import { assertNever, PatchOperation, PatchOpName } from './patch-operation';
import { AttributeLocation, PatchTarget, resolvePatchPath, schemaNamedBy } from './patch-path';
import {
  assertRequiredKept,
  readAttribute,
  syncExtensionSchemas,
  writeAttribute,
  writeExtension,
} from './resource-access';

type ElementsTarget = Extract<PatchTarget, { kind: 'elements' }>;

/**
 * Applies RFC 7644 §3.5.2 PATCH operations to a SCIM resource and returns the new resource.
 *
 * - Pure: `resource` is never mutated (it may be deep-frozen); unchanged parts of the result are
 *   shared with it (copy-on-write), never cloned.
 * - Atomic: RFC 7644 §3.5.2 "A patch request, regardless of the number of operations, SHALL be
 *   treated as atomic." Any failure throws a `ScimError` (400 with `scimType`) and, since nothing
 *   was mutated, the caller simply stores nothing.
 * - A patch that changes nothing returns a resource `deepEqualJson` to the input: the caller keeps
 *   `meta.version` and `meta.lastModified` then (RFC 7644 §3.5.2.1: such an operation "SHALL NOT
 *   change the modify timestamp of the resource"). `id` and `meta` are read-only, so no operation
 *   can change them.
 *
 * `operations` come from `normalizePatchRequest`; values are checked against `schema` here.
 */
export function applyPatch(
  resource: ScimResource,
  operations: readonly PatchOperation[],
  schema: ResourceSchema,
): ScimResource {
  const patched = operations.reduce(
    (current, operation, index) => applyOperation(current, operation, index, schema),
    resource,
  );
  const result = syncExtensionSchemas(resource, patched, schema);
  return result === resource ? { ...resource } : result;
}

function applyOperation(
  resource: ScimResource,
  operation: PatchOperation,
  index: number,
  schema: ResourceSchema,
): ScimResource {
  try {
    const target = resolvePatchPath(schema, operation.path);
    const next = applyToTarget(resource, operation.op, target, operation.value, schema);
    assertRequiredKept(resource, next, schema);
    return next;
  } catch (error) {
    if (!(error instanceof ScimError)) throw error;
    const where = operation.path === undefined ? operation.op : `${operation.op} "${operation.path}"`;
    throw new ScimError(error.status, error.scimType, `Operations[${index}] (${where}): ${error.detail}`);
  }
}

function applyToTarget(
  resource: ScimResource,
  op: PatchOpName,
  target: PatchTarget,
  value: JsonValue | undefined,
  schema: ResourceSchema,
): ScimResource {
  assertWritable(target);
  switch (op) {
    case 'add':
      return add(resource, target, value, schema);
    case 'replace':
      return replace(resource, target, value, schema);
    case 'remove':
      return remove(resource, target, value);
    default:
      return assertNever(op);
  }
}

/**
 * RFC 7644 §3.5.2.1 "add": "If omitted, the target location is assumed to be the resource itself.
 * The "value" parameter contains a set of attributes to be added to the resource." … "If the
 * target location specifies a single-valued attribute, the existing value is replaced." … "If the
 * target location specifies a multi-valued attribute, a new value is added to the attribute."
 */
function add(
  resource: ScimResource,
  target: PatchTarget,
  value: JsonValue | undefined,
  schema: ResourceSchema,
): ScimResource {
  switch (target.kind) {
    case 'resource':
    case 'extension':
      return applyEach(resource, 'add', target, value, schema);
    case 'attribute':
      return target.location.attribute.multiValued
        ? addElements(resource, target.location, value)
        : setAttribute(resource, target.location, value);
    case 'subAttribute':
      return setSubAttribute(resource, target.location, target.subAttribute, value);
    case 'elements':
      return updateElements(resource, 'add', target, value);
    default:
      return assertNever(target);
  }
}

/**
 * RFC 7644 §3.5.2.3 "replace": "If the "path" parameter is omitted, the target is assumed to be
 * the resource itself. In this case, the "value" attribute SHALL contain a list of one or more
 * attributes that are to be replaced." … "If the target location is a multi-valued attribute and
 * no filter is specified, the attribute and all values are replaced."
 */
function replace(
  resource: ScimResource,
  target: PatchTarget,
  value: JsonValue | undefined,
  schema: ResourceSchema,
): ScimResource {
  switch (target.kind) {
    case 'resource':
    case 'extension':
      return applyEach(resource, 'replace', target, value, schema);
    case 'attribute':
      return target.location.attribute.multiValued
        ? replaceElements(resource, target.location, value)
        : setAttribute(resource, target.location, value);
    case 'subAttribute':
      return setSubAttribute(resource, target.location, target.subAttribute, value);
    case 'elements':
      return updateElements(resource, 'replace', target, value);
    default:
      return assertNever(target);
  }
}

/**
 * RFC 7644 §3.5.2.2 "remove": "If "path" is unspecified, the operation fails with HTTP status code
 * 400 and a "scimType" error code of "noTarget"." … "If the target location is a single-value
 * attribute, the attribute and its associated value is removed, and the attribute SHALL be
 * considered unassigned."
 */
function remove(resource: ScimResource, target: PatchTarget, value: JsonValue | undefined): ScimResource {
  switch (target.kind) {
    case 'resource':
      throw ScimError.badRequest(
        'noTarget',
        '"remove" needs a "path" naming what to remove (RFC 7644 §3.5.2.2).',
      );
    case 'extension':
      return writeExtension(resource, target.extension, () => undefined);
    case 'attribute':
      return target.location.attribute.multiValued && value !== undefined && value !== null
        ? removeListedElements(resource, target.location, value)
        : writeAttribute(resource, target.location, undefined);
    case 'subAttribute':
      return mergeComplex(resource, target.location, { [target.subAttribute.name]: null });
    case 'elements':
      return removeElements(resource, target);
    default:
      return assertNever(target);
  }
}

/**
 * A path-less add or replace (or one whose path is a schema URN): each attribute of `value` is
 * its own operation, in order. Keys may be attribute names, dotted sub-attribute paths
 * (`"name.givenName"`), fully qualified paths (`"urn:…:enterprise:2.0:User:employeeNumber"`) or an
 * extension URN holding an object of that extension's attributes; Entra sends all of these (the
 * "With feature flag" sample of "Requests to replace multiple attributes").
 */
function applyEach(
  resource: ScimResource,
  op: 'add' | 'replace',
  target: Extract<PatchTarget, { kind: 'resource' | 'extension' }>,
  value: JsonValue | undefined,
  schema: ResourceSchema,
): ScimResource {
  const owner = target.kind === 'extension' ? target.extension : schema.core;
  if (!isJsonObject(value)) {
    throw ScimError.badRequest(
      'invalidValue',
      `Without a path, "${op}" needs an object of attributes as its value.`,
    );
  }
  return Object.entries(value).reduce(
    (current, [key, attributeValue]) => applyKey(current, op, owner, key, attributeValue, schema),
    resource,
  );
}

function applyKey(
  resource: ScimResource,
  op: 'add' | 'replace',
  owner: SchemaDefinition,
  key: string,
  value: JsonValue,
  schema: ResourceSchema,
): ScimResource {
  // RFC 7643 §3: the server derives "schemas" from the attributes present; a client copy is ignored.
  if (owner === schema.core && key.toLowerCase() === 'schemas') return resource;
  const named = schemaNamedBy(schema, key);
  if (named !== undefined) {
    const nested: PatchTarget =
      named === schema.core ? { kind: 'resource' } : { kind: 'extension', extension: named };
    return applyToTarget(resource, op, nested, value, schema);
  }
  const path = owner === schema.core || key.toLowerCase().startsWith('urn:') ? key : `${owner.id}:${key}`;
  return applyToTarget(resource, op, resolvePatchPath(schema, path), value, schema);
}

/** RFC 7644 §3.5.2: operations MUST respect mutability; `id`, `meta` and `groups` are read-only. */
function assertWritable(target: PatchTarget): void {
  switch (target.kind) {
    case 'resource':
    case 'extension':
      return;
    case 'attribute':
      return assertNotReadOnly(target.location.attribute, target.location.attribute.name);
    case 'subAttribute':
    case 'elements':
      assertNotReadOnly(target.location.attribute, target.location.attribute.name);
      if (target.subAttribute !== undefined) {
        assertNotReadOnly(
          target.subAttribute,
          `${target.location.attribute.name}.${target.subAttribute.name}`,
        );
      }
      return;
    default:
      return assertNever(target);
  }
}

/** A single-valued attribute, simple or complex: set, or cleared by `""`/null (Entra's null-update). */
function setAttribute(
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

function setSubAttribute(
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

/** New elements for add/replace, as objects without clear markers and each carrying a value. */
function newElements(attribute: AttributeDefinition, value: JsonValue | undefined): JsonObject[] {
  return coerceElements(attribute, value, attribute.name).map((patch, index) => {
    const element = withoutNulls(patch);
    assertHasData(attribute, element, `${attribute.name}[${index}]`);
    return element;
  });
}

function addElements(
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
function replaceElements(
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
function removeListedElements(
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
function updateElements(
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
function removeElements(resource: ScimResource, target: ElementsTarget): ScimResource {
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
