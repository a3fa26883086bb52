/** JSON as it travels in SCIM bodies. */
export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** A SCIM resource as it appears on the wire (RFC 7643 §3): `schemas`, `id`, `meta` and attributes. */
export type ScimResource = JsonObject;
