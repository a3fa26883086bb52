import { ScimError } from '../errors/scim-error';
import { PATCH_OP_SCHEMA } from '../schema/schema-urns';
import { JsonObject, JsonValue, isJsonObject } from '../scim-resource';
import { assertSafeName } from './json';
import { PatchOperation, PatchOpName } from './patch-operation';

/** Guards the engine against pathological bodies; Entra batches far fewer operations than this. */
export const MAX_PATCH_OPERATIONS = 1000;

const OP_NAMES: readonly PatchOpName[] = ['add', 'remove', 'replace'];

/**
 * The edge step: validates an RFC 7644 §3.5.2 PatchOp body and returns its operations in one
 * spelling, so the engine never branches on a client's dialect. Only syntax is checked here;
 * value types need the resource schema and are checked by `applyPatch`.
 *
 * Accepts Entra's spellings: `"op": "Replace"` (Microsoft's SCIM tutorial: "Microsoft Entra ID
 * emits the values of op as Add, Replace, and Remove") and any case of the member names, since
 * RFC 7643 §2.1 makes attribute names case-insensitive.
 */
export function normalizePatchRequest(request: unknown): PatchOperation[] {
  if (!isJsonObject(request)) {
    throw ScimError.badRequest('invalidSyntax', 'The PATCH body must be a JSON object (RFC 7644 §3.5.2).');
  }
  assertPatchOpSchema(member(request, 'schemas'));
  const operations = member(request, 'Operations');
  if (!Array.isArray(operations) || operations.length === 0) {
    throw ScimError.badRequest(
      'invalidSyntax',
      'The PATCH body must contain "Operations", an array of one or more operations (RFC 7644 §3.5.2).',
    );
  }
  if (operations.length > MAX_PATCH_OPERATIONS) {
    throw ScimError.badRequest(
      'invalidSyntax',
      `A PATCH request may carry at most ${MAX_PATCH_OPERATIONS} operations; this one has ${operations.length}.`,
    );
  }
  return operations.map((operation, index) => normalizeOperation(operation, index));
}

/** RFC 7644 §3.5.2: the body's "schemas" MUST contain the PatchOp message URN. */
function assertPatchOpSchema(schemas: JsonValue | undefined): void {
  const expected = PATCH_OP_SCHEMA.toLowerCase();
  const found =
    Array.isArray(schemas) &&
    schemas.some((urn) => typeof urn === 'string' && urn.toLowerCase() === expected);
  if (!found) {
    throw ScimError.badRequest(
      'invalidSyntax',
      `The PATCH body's "schemas" must contain "${PATCH_OP_SCHEMA}".`,
    );
  }
}

/**
 * RFC 7644 §3.5.2: "Each PATCH operation object MUST have exactly one "op" member, whose value
 * indicates the operation to perform and MAY be one of "add", "remove", or "replace"."
 */
function normalizeOperation(operation: JsonValue, index: number): PatchOperation {
  const where = `Operations[${index}]`;
  if (!isJsonObject(operation)) {
    throw ScimError.badRequest('invalidSyntax', `${where} must be an object with "op", "path" and "value".`);
  }
  const op = normalizeOpName(member(operation, 'op'), where);
  const path = normalizePath(member(operation, 'path'), where);
  const value = member(operation, 'value');
  // RFC 7644 §3.5.2.1 and §3.5.2.3: add and replace "MUST contain a "value" member".
  if (op !== 'remove' && value === undefined) {
    throw ScimError.badRequest('invalidValue', `${where}: "${op}" requires a "value" (RFC 7644 §3.5.2).`);
  }
  if (value !== undefined) assertNoPrototypeKeys(value, where);
  return {
    op,
    ...(path === undefined ? {} : { path }),
    ...(value === undefined ? {} : { value }),
  };
}

function normalizeOpName(op: JsonValue | undefined, where: string): PatchOpName {
  const name =
    typeof op === 'string' ? OP_NAMES.find((candidate) => candidate === op.toLowerCase()) : undefined;
  if (name === undefined) {
    throw ScimError.badRequest(
      'invalidSyntax',
      `${where}: "op" must be one of "add", "remove" or "replace" (in any case), got ${JSON.stringify(op ?? null)}.`,
    );
  }
  return name;
}

/** An empty or blank path means "no path", i.e. the resource itself (RFC 7644 §3.5.2.1). */
function normalizePath(path: JsonValue | undefined, where: string): string | undefined {
  if (path === undefined || path === null) return undefined;
  if (typeof path !== 'string') {
    throw ScimError.badRequest('invalidPath', `${where}: "path" must be a string.`);
  }
  const trimmed = path.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * Refuses `__proto__`, `constructor` and `prototype` as keys anywhere in a value, even where an
 * operation would ignore the value (`remove` of a simple attribute), so such a body is always a
 * 400 and never reaches code that might use the key. Iterative, so deep nesting cannot overflow
 * the stack.
 */
function assertNoPrototypeKeys(value: JsonValue, where: string): void {
  const pending: JsonValue[] = [value];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (Array.isArray(next)) {
      for (const item of next) pending.push(item);
    } else if (isJsonObject(next)) {
      for (const [key, child] of Object.entries(next)) {
        assertSafeName(key, `${where}, in "value"`);
        pending.push(child);
      }
    }
  }
}

/** Reads a message member by name, case-insensitively, from the object's own keys only. */
function member(object: JsonObject, name: string): JsonValue | undefined {
  const lower = name.toLowerCase();
  const key = Object.keys(object).find((candidate) => candidate.toLowerCase() === lower);
  return key === undefined ? undefined : object[key];
}
