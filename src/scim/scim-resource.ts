/** JSON as it travels in SCIM bodies. */
export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** A SCIM resource as it appears on the wire (RFC 7643 §3): `schemas`, `id`, `meta` and attributes. */
export type ScimResource = JsonObject;

/** A JSON object (not an array, not null): the shape of a resource and of a complex value. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A stored JSON object (the SCIM profile of a user). The mapper writes it, so it parses; should
 * one be damaged, it reads as empty and the Bloomflow columns still give the user's attributes.
 */
export function parseJsonObject(json: string): JsonObject {
  try {
    const value: unknown = JSON.parse(json);
    return isJsonObject(value) ? value : {};
  } catch {
    return {};
  }
}
