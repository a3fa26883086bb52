import { booleanFromString } from './boolean-string';
import { AttributeDefinition, SchemaDefinition } from './attribute-definition';
import { commonAttributes } from './common-attributes';
import { ResourceSchema, findExtension } from './resource-schema';
import { ScimError } from '../errors/scim-error';
import { JsonObject, JsonValue, isJsonObject } from '../scim-resource';

/**
 * Reads a client's resource body (POST, PUT) into the canonical shape this server stores:
 * schema spelling of attribute names, typed values (Entra sends booleans as "True"/"False"),
 * and nothing the client may not write. RFC 7644 §3.3/§3.5.1: read-only attributes (`id`,
 * `meta`, `groups`) are ignored, as are attributes this server does not know; write-only
 * ones (`password`) are never stored.
 */
export function coerceResource(body: unknown, resource: ResourceSchema): JsonObject {
  if (!isJsonObject(body))
    throw ScimError.badRequest('invalidSyntax', 'The request body must be a JSON object.');
  const schemas = body.schemas;
  if (!Array.isArray(schemas) || !schemas.some((urn) => sameUrn(urn, resource.core.id))) {
    throw ScimError.badRequest('invalidSyntax', `"schemas" must contain "${resource.core.id}".`);
  }
  const coreAttributes = [...commonAttributes, ...resource.core.attributes];
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(body)) {
    const extension = findExtension(resource, key);
    if (extension) {
      const attributes = coerceExtension(extension, value);
      if (attributes) result[extension.id] = attributes;
      continue;
    }
    Object.assign(result, coerceMember(coreAttributes, key, value, key));
  }
  return result;
}

function coerceExtension(extension: SchemaDefinition, value: unknown): JsonObject | undefined {
  if (value === null || value === undefined) return undefined;
  if (!isJsonObject(value)) {
    throw ScimError.badRequest('invalidValue', `"${extension.id}" must be an object of attributes.`);
  }
  const result: JsonObject = {};
  for (const [key, member] of Object.entries(value)) {
    Object.assign(result, coerceMember(extension.attributes, key, member, `${extension.id}:${key}`));
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

/** `{ canonicalName: value }` for a writable, known attribute with a value; `{}` otherwise. */
function coerceMember(
  definitions: readonly AttributeDefinition[],
  key: string,
  value: unknown,
  path: string,
): JsonObject {
  const definition = findDefinition(definitions, key);
  if (!definition || !isWritable(definition)) return {};
  const coerced = coerceAttributeValue(definition, value, path);
  return coerced === undefined ? {} : { [definition.name]: coerced };
}

/** A value typed per its definition, or undefined when it is empty (null, "", [] or {}). */
function coerceAttributeValue(
  definition: AttributeDefinition,
  value: unknown,
  path: string,
): JsonValue | undefined {
  if (value === null || value === undefined) return undefined;
  if (definition.multiValued) {
    if (!Array.isArray(value)) throw invalid(path, 'an array');
    const items = value.flatMap((item: unknown, index) => {
      const coerced = coerceSingle(definition, item, `${path}[${index}]`);
      return coerced === undefined ? [] : [coerced];
    });
    return items.length > 0 ? items : undefined;
  }
  return coerceSingle(definition, value, path);
}

function coerceSingle(definition: AttributeDefinition, value: unknown, path: string): JsonValue | undefined {
  if (value === null || value === undefined) return undefined;
  switch (definition.type) {
    case 'string':
    case 'reference':
    case 'binary':
    case 'dateTime':
      if (typeof value !== 'string') throw invalid(path, 'a string');
      return value === '' ? undefined : value;
    case 'boolean':
      return coerceBoolean(value, path);
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw invalid(path, 'an integer');
      return value;
    case 'decimal':
      if (typeof value !== 'number') throw invalid(path, 'a number');
      return value;
    case 'complex':
      return coerceComplex(definition, value, path);
  }
}

function coerceBoolean(value: unknown, path: string): boolean {
  if (typeof value === 'boolean') return value;
  const parsed = typeof value === 'string' ? booleanFromString(value) : undefined;
  if (parsed === undefined) throw invalid(path, 'a boolean');
  return parsed;
}

function coerceComplex(
  definition: AttributeDefinition,
  value: unknown,
  path: string,
): JsonObject | undefined {
  if (!isJsonObject(value)) throw invalid(path, 'an object');
  const result: JsonObject = {};
  for (const [key, member] of Object.entries(value)) {
    Object.assign(result, coerceMember(definition.subAttributes ?? [], key, member, `${path}.${key}`));
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

function findDefinition(
  definitions: readonly AttributeDefinition[],
  name: string,
): AttributeDefinition | undefined {
  const lower = name.toLowerCase();
  // RFC 7643 §2.1: attribute names are case-insensitive.
  return definitions.find((definition) => definition.name.toLowerCase() === lower);
}

function isWritable(definition: AttributeDefinition): boolean {
  return definition.mutability !== 'readOnly' && definition.returned !== 'never';
}

function invalid(path: string, expected: string): ScimError {
  return ScimError.badRequest('invalidValue', `Attribute "${path}" must be ${expected}.`);
}

function sameUrn(candidate: unknown, urn: string): boolean {
  return typeof candidate === 'string' && candidate.toLowerCase() === urn.toLowerCase();
}
