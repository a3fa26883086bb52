import { booleanFromString } from '../schema/boolean-string';
import { ScimError } from '../errors/scim-error';
import { AttributeDefinition } from '../schema/attribute-definition';
import { JsonObject, JsonPrimitive, JsonValue, isJsonObject } from '../scim-resource';
import { assertSafeName } from './json';
import { assertNever } from '../../common/assert-never';

/**
 * Turns a client's `value` into the shape the schema declares, once per operation, before any
 * branch of the engine looks at it. This is where Entra's dialect is absorbed:
 *
 * - booleans sent as strings, `"True"`/`"False"` in any case, also inside objects
 *   (Microsoft, "Known issues … SCIM 2.0 protocol compliance": `{"op":"Replace","path":"active","value":"False"}`);
 * - the empty string as "no value" (`""` and `{"value":""}` clear an attribute: the SCIM
 *   Validator's null-update, and Entra's way of removing a manager);
 * - `manager` as a bare id, as `{"value": id}` or as `[{"$ref": …, "value": id}]`
 *   (Microsoft's SCIM tutorial, "Example 5. Request … to update a user");
 * - `roles` elements whose `value` is a JSON-encoded object (Microsoft, "Provisioning a role to a
 *   SCIM app": `{"value": "{\"id\":…,\"value\":\"Admin\",\"displayName\":\"Admin\"}"}`);
 * - attribute names in any case, rewritten to the schema's spelling (RFC 7643 §2.1).
 *
 * Clearing is represented by `null` (RFC 7643 §2.5: null is "unassigned"); the engine reads a
 * `null` sub-attribute in a patch as "remove this sub-attribute".
 */

/** A simple attribute's value, or null for "clear it". */
export type SimpleValue = JsonPrimitive;

/** Sub-attributes by canonical name; null means "clear this sub-attribute". */
export type ComplexPatch = JsonObject;

/** Attributes whose elements Entra may send as JSON-encoded strings (AppRoleAssignmentsComplex). */
const JSON_ENCODED_ELEMENT_ATTRIBUTES: ReadonlySet<string> = new Set(['roles', 'entitlements']);

/** Entra's role JSON spells RFC 7643 §4.1.2's `display` as `displayName`; its `id` has no SCIM slot. */
const ENTRA_ROLE_ALIASES: ReadonlyMap<string, string | undefined> = new Map([
  ['displayname', 'display'],
  ['id', undefined],
]);

export function coerceSimple(
  definition: AttributeDefinition,
  raw: JsonValue | undefined,
  label: string,
): SimpleValue {
  if (raw === undefined || raw === null || raw === '') return null;
  if (Array.isArray(raw) || isJsonObject(raw)) {
    throw ScimError.badRequest(
      'invalidValue',
      `"${label}" must be a single ${definition.type}, not ${describe(raw)}.`,
    );
  }
  switch (definition.type) {
    case 'boolean':
      return coerceBoolean(raw, label);
    case 'integer':
    case 'decimal':
      return coerceNumber(definition.type, raw, label);
    case 'dateTime':
      return coerceDateTime(raw, label);
    case 'string':
    case 'reference':
    case 'binary':
      return expectString(definition.type, raw, label);
    case 'complex':
      throw ScimError.badRequest(
        'invalidValue',
        `"${label}" is complex and needs an object of sub-attributes.`,
      );
    default:
      return assertNever(definition.type);
  }
}

/**
 * The value for a single-valued complex attribute: its sub-attributes by canonical name. A bare
 * primitive is read as `{value: …}` and a one-element array is unwrapped, which are the forms
 * Entra uses for `manager`.
 */
export function coerceComplex(
  definition: AttributeDefinition,
  raw: JsonValue | undefined,
  label: string,
): ComplexPatch | null {
  if (raw === undefined || raw === null || raw === '') return null;
  if (Array.isArray(raw)) {
    const [only, ...rest] = raw;
    if (only === undefined || rest.length > 0) {
      throw ScimError.badRequest(
        'invalidValue',
        `"${label}" is single-valued; send one object, not ${describe(raw)}.`,
      );
    }
    return coerceComplex(definition, only, label);
  }
  if (!isJsonObject(raw)) return primitiveAsValue(definition, raw, label);
  return coerceSubAttributes(definition, raw, label);
}

/**
 * The values for a multi-valued complex attribute. A single object or primitive counts as a
 * one-element list (Entra and others send `"value": {…}` for one email); `null`, `""` and `[]`
 * mean "no values".
 */
export function coerceElements(
  definition: AttributeDefinition,
  raw: JsonValue | undefined,
  label: string,
): JsonObject[] {
  if (raw === undefined || raw === null || raw === '') return [];
  const items = Array.isArray(raw) ? raw : [raw];
  return items.map((item, index) => coerceElement(definition, item, `${label}[${index}]`));
}

/** One element of a multi-valued complex attribute, as a patch (null sub-attributes = clear). */
export function coerceElement(definition: AttributeDefinition, raw: JsonValue, label: string): ComplexPatch {
  const decoded = decodeJsonElement(definition, raw, label);
  if (decoded !== undefined) return coerceSubAttributes(definition, decoded, label, ENTRA_ROLE_ALIASES);
  if (!isJsonObject(raw)) return primitiveAsValue(definition, raw, label);
  return coerceSubAttributes(definition, raw, label);
}

/** Drops the `null` (clear) markers: what a new element looks like once created. */
export function withoutNulls(patch: ComplexPatch): JsonObject {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== null));
}

/** Finds a sub-attribute by name, case-insensitively (RFC 7643 §2.1). */
export function findSubAttribute(
  definition: AttributeDefinition,
  name: string,
): AttributeDefinition | undefined {
  const lower = name.toLowerCase();
  return definition.subAttributes?.find((candidate) => candidate.name.toLowerCase() === lower);
}

/**
 * RFC 7644 §3.5.2: "Each operation against an attribute MUST be compatible with the attribute's
 * mutability and schema as defined in Sections 2.2 and 2.3 of [RFC7643]. For example, a client
 * MUST NOT modify an attribute that has mutability "readOnly" or "immutable"."
 */
export function assertNotReadOnly(definition: AttributeDefinition, label: string): void {
  if (definition.mutability === 'readOnly') {
    throw ScimError.badRequest(
      'mutability',
      `"${label}" is read-only and cannot be modified (RFC 7643 §2.2).`,
    );
  }
}

function coerceSubAttributes(
  definition: AttributeDefinition,
  raw: JsonObject,
  label: string,
  aliases: ReadonlyMap<string, string | undefined> = new Map(),
): ComplexPatch {
  const entries: [string, SimpleValue][] = [];
  for (const [key, value] of Object.entries(raw)) {
    assertSafeName(key, `in the value of "${label}"`);
    const alias = aliases.has(key.toLowerCase()) ? aliases.get(key.toLowerCase()) : key;
    if (alias === undefined) continue;
    const sub = findSubAttribute(definition, alias);
    if (sub === undefined) {
      throw ScimError.badRequest('invalidPath', `"${key}" is not a sub-attribute of "${definition.name}".`);
    }
    const subLabel = `${definition.name}.${sub.name}`;
    assertNotReadOnly(sub, subLabel);
    entries.push([sub.name, coerceSimple(sub, value, subLabel)]);
  }
  return Object.fromEntries(entries);
}

/** Entra item 8: `roles` elements sent as `{"value": "{\"id\":…,\"value\":…}"}` or as the bare string. */
function decodeJsonElement(
  definition: AttributeDefinition,
  raw: JsonValue,
  label: string,
): JsonObject | undefined {
  if (!JSON_ENCODED_ELEMENT_ATTRIBUTES.has(definition.name)) return undefined;
  const encoded = isJsonObject(raw) && Object.keys(raw).length === 1 ? raw['value'] : raw;
  if (typeof encoded !== 'string' || !encoded.trimStart().startsWith('{')) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(encoded);
  } catch {
    throw ScimError.badRequest('invalidValue', `"${label}.value" looks like JSON but does not parse.`);
  }
  if (!isJsonObject(decoded)) {
    throw ScimError.badRequest('invalidValue', `"${label}.value" must encode a JSON object.`);
  }
  return decoded;
}

/** RFC 7643 §2.4: `value` is the element's significant value, so a bare primitive means `{value: …}`. */
function primitiveAsValue(definition: AttributeDefinition, raw: JsonValue, label: string): ComplexPatch {
  const value = findSubAttribute(definition, 'value');
  if (value === undefined) {
    throw ScimError.badRequest(
      'invalidValue',
      `"${label}" needs an object of sub-attributes, not ${describe(raw)}.`,
    );
  }
  return { [value.name]: coerceSimple(value, raw, `${label}.value`) };
}

function coerceBoolean(raw: JsonPrimitive, label: string): boolean {
  if (typeof raw === 'boolean') return raw;
  const parsed = typeof raw === 'string' ? booleanFromString(raw) : undefined;
  if (parsed === undefined) {
    throw ScimError.badRequest('invalidValue', `"${label}" must be a boolean, got ${describe(raw)}.`);
  }
  return parsed;
}

function coerceNumber(type: 'integer' | 'decimal', raw: JsonPrimitive, label: string): number {
  if (typeof raw === 'number' && Number.isFinite(raw) && (type === 'decimal' || Number.isInteger(raw)))
    return raw;
  throw ScimError.badRequest(
    'invalidValue',
    `"${label}" must be ${type === 'integer' ? 'an integer' : 'a number'}, got ${describe(raw)}.`,
  );
}

/** RFC 7643 §2.3.5: an xsd:dateTime, e.g. "2008-01-23T04:56:22Z". */
function coerceDateTime(raw: JsonPrimitive, label: string): string {
  if (typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(raw) && !Number.isNaN(Date.parse(raw)))
    return raw;
  throw ScimError.badRequest(
    'invalidValue',
    `"${label}" must be a dateTime such as "2008-01-23T04:56:22Z", got ${describe(raw)}.`,
  );
}

function expectString(type: string, raw: JsonPrimitive, label: string): string {
  if (typeof raw === 'string') return raw;
  throw ScimError.badRequest(
    'invalidValue',
    `"${label}" must be a ${type} (a JSON string), got ${describe(raw)}.`,
  );
}

function describe(raw: JsonValue): string {
  if (Array.isArray(raw)) return 'an array';
  if (isJsonObject(raw)) return 'an object';
  return JSON.stringify(raw);
}
