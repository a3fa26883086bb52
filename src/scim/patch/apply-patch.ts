import { ScimError } from '../errors/scim-error';
import { SchemaDefinition } from '../schema/attribute-definition';
import { ResourceSchema } from '../schema/resource-schema';
import { JsonValue, ScimResource, isJsonObject } from '../scim-resource';
import { assertNotReadOnly } from './coerce-value';

import {
  addElements,
  removeElements,
  removeListedElements,
  replaceElements,
  updateElements,
} from './multi-valued-operations';
import { assertNever } from '../../common/assert-never';
import { PatchOperation, PatchOpName } from './patch-operation';
import { PatchTarget, resolvePatchPath, schemaNamedBy } from './patch-path';
import { assertRequiredKept, syncExtensionSchemas, writeAttribute, writeExtension } from './resource-access';
import { removeSubAttribute, setAttribute, setSubAttribute } from './single-valued-operations';

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
      return removeSubAttribute(resource, target.location, target.subAttribute);
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
