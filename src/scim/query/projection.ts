import { ResourceSchema, resolveAttribute } from '../schema/resource-schema';
import { ScimError } from '../errors/scim-error';
import { JsonObject, JsonValue, ScimResource, isJsonObject } from '../scim-resource';

/** RFC 7644 §3.9: which attributes a response carries. */
export type Projection =
  | { readonly kind: 'default' }
  | { readonly kind: 'only'; readonly paths: readonly string[] }
  | { readonly kind: 'except'; readonly paths: readonly string[] };

export const DEFAULT_PROJECTION: Projection = { kind: 'default' };

/** Reads the `attributes` / `excludedAttributes` parameters (comma-separated attribute paths). */
export function parseProjection(attributes: string | undefined, excluded: string | undefined): Projection {
  const only = splitPaths(attributes);
  const except = splitPaths(excluded);
  if (only.length > 0 && except.length > 0) {
    throw ScimError.badRequest('invalidValue', 'Send either "attributes" or "excludedAttributes", not both.');
  }
  if (only.length > 0) return { kind: 'only', paths: only };
  if (except.length > 0) return { kind: 'except', paths: except };
  return DEFAULT_PROJECTION;
}

/** Keys every resource keeps whatever is asked: RFC 7643 §3 `schemas`, and `returned: always`. */
const ALWAYS = new Set(['schemas', 'id']);

/**
 * Applies a projection to a resource. `returned: always` attributes stay, `never` ones are
 * never there; unknown paths select nothing (RFC 7644 §3.9 does not make them an error).
 */
export function project(
  resource: ScimResource,
  projection: Projection,
  schema: ResourceSchema,
): ScimResource {
  switch (projection.kind) {
    case 'default':
      return resource;
    case 'only':
      return selectOnly(resource, selectionOf(projection.paths, schema));
    case 'except':
      return selectExcept(resource, selectionOf(projection.paths, schema));
  }
}

/** Top-level key (attribute name or extension URN) → the whole value, or some of its members. */
type Selection = Map<string, 'whole' | Selection>;

function selectionOf(paths: readonly string[], schema: ResourceSchema): Selection {
  const selection: Selection = new Map();
  for (const path of paths) {
    const extension = schema.extensions.find(
      (candidate) => candidate.id.toLowerCase() === path.toLowerCase(),
    );
    if (extension) {
      selection.set(extension.id, 'whole');
      continue;
    }
    const resolved = resolveAttribute(schema, path);
    if (!resolved || resolved.attribute.returned === 'always') continue;
    const keys = resolved.isExtension
      ? [resolved.schemaUrn, resolved.attribute.name]
      : [resolved.attribute.name];
    if (resolved.subAttribute) keys.push(resolved.subAttribute.name);
    addPath(selection, keys);
  }
  return selection;
}

function addPath(selection: Selection, [head, ...rest]: string[]): void {
  if (head === undefined) return;
  const current = selection.get(head);
  if (current === 'whole') return;
  if (rest.length === 0) {
    selection.set(head, 'whole');
    return;
  }
  const child = current ?? new Map<string, 'whole' | Selection>();
  selection.set(head, child);
  addPath(child, rest);
}

function selectOnly(resource: JsonObject, selection: Selection, top = true): JsonObject {
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(resource)) {
    const selected = selection.get(key);
    if (top && ALWAYS.has(key)) result[key] = value;
    else if (selected === 'whole') result[key] = value;
    else if (selected) {
      const narrowed = mapObjects(value, (object) => selectOnly(object, selected, false));
      if (narrowed !== undefined) result[key] = narrowed;
    }
  }
  return result;
}

function selectExcept(resource: JsonObject, selection: Selection, top = true): JsonObject {
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(resource)) {
    const selected = selection.get(key);
    if ((top && ALWAYS.has(key)) || selected === undefined) result[key] = value;
    else if (selected !== 'whole') {
      const narrowed = mapObjects(value, (object) => selectExcept(object, selected, false));
      if (narrowed !== undefined) result[key] = narrowed;
    }
  }
  return result;
}

/** Applies `narrow` to an object, or to each object of a multi-valued attribute; drops what ends empty. */
function mapObjects(value: JsonValue, narrow: (object: JsonObject) => JsonObject): JsonValue | undefined {
  if (Array.isArray(value)) {
    const items = value
      .filter(isJsonObject)
      .map(narrow)
      .filter((item) => Object.keys(item).length > 0);
    return items.length > 0 ? items : undefined;
  }
  if (!isJsonObject(value)) return undefined;
  const narrowed = narrow(value);
  return Object.keys(narrowed).length > 0 ? narrowed : undefined;
}

function splitPaths(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((path) => path.trim())
    .filter((path) => path !== '');
}
