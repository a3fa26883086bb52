import { ScimError } from '../errors/scim-error';
import { attribute as defineAttribute, AttributeDefinition } from '../schema/attribute-definition';
import { ResourceSchema, resolveAttribute } from '../schema/resource-schema';
import { AttributePath } from './ast';
import { formatAttributePath } from './format-filter';

/**
 * An attribute path of a filter, resolved against a schema: where its values sit in a SCIM
 * resource (or in one element of a multi-valued attribute) and what type they have.
 */
export interface FilterAttribute {
  /**
   * JSON keys from the scope object to the attribute, in the schema's spelling: `['userName']`,
   * `['urn:…:enterprise:2.0:User', 'department']`, or `['type']` inside `emails[…]`.
   */
  readonly keys: readonly string[];
  /** The attribute at the end of `keys`; `multiValued` says whether it holds an array. */
  readonly attribute: AttributeDefinition;
  /** The sub-attribute read from it (or from each of its elements), if any. */
  readonly subAttribute?: AttributeDefinition;
  /**
   * The path in the schema's spelling, without the core schema's URN: `userName`,
   * `name.givenName`, `emails.value`, `urn:…:enterprise:2.0:User:department`. It keys column
   * bindings in `FilterSqlTarget`.
   */
  readonly canonicalPath: string;
}

/** The definition whose type and `caseExact` govern a comparison on this path. */
export const leafDefinition = (target: FilterAttribute): AttributeDefinition =>
  target.subAttribute ?? target.attribute;

/**
 * Where a filter's paths are resolved: a whole resource, or (inside a value filter
 * `emails[…]`) one element of a multi-valued complex attribute.
 */
export type FilterScope =
  | { readonly kind: 'resource'; readonly schema: ResourceSchema }
  | { readonly kind: 'element'; readonly parent: AttributeDefinition; readonly parentPath: string };

/** How the path is used, which decides whether a bare complex attribute means its `value`. */
export type PathUse = 'compare' | 'present' | 'valuePath';

/**
 * RFC 7643 §3: `schemas` is on every resource but in no schema's attribute list, and RFC 7644
 * §3.4.2.2 filters on it (`schemas eq "urn:…:enterprise:2.0:User"`). URIs are matched
 * case-insensitively so a client's spelling of the URN does not matter.
 */
const SCHEMAS_ATTRIBUTE = defineAttribute('schemas', 'reference', {
  multiValued: true,
  mutability: 'readOnly',
  returned: 'always',
  referenceTypes: ['uri'],
});

const invalidFilter = (detail: string) => ScimError.badRequest('invalidFilter', detail);

/** Resolves a path of a filter; throws 400 `invalidFilter` when it names nothing filterable. */
export function resolveFilterAttribute(
  scope: FilterScope,
  path: AttributePath,
  use: PathUse,
): FilterAttribute {
  const target =
    scope.kind === 'resource' ? resolveInResource(scope.schema, path) : resolveInElement(scope, path);
  assertFilterable(target, path);
  return use === 'compare' ? implyValueSubAttribute(target) : target;
}

function resolveInResource(schema: ResourceSchema, path: AttributePath): FilterAttribute {
  if (isSchemasAttribute(path)) {
    return { keys: [SCHEMAS_ATTRIBUTE.name], attribute: SCHEMAS_ATTRIBUTE, canonicalPath: 'schemas' };
  }
  const prefix = path.schemaUrn === undefined ? '' : `${path.schemaUrn}:`;
  const resolved = resolveAttribute(schema, `${prefix}${path.attribute}`);
  if (!resolved) throw invalidFilter(`Unknown attribute "${formatAttributePath(path)}" in the filter`);
  const { attribute, isExtension, schemaUrn } = resolved;
  const keys = isExtension ? [schemaUrn, attribute.name] : [attribute.name];
  const attributePath = isExtension ? `${schemaUrn}:${attribute.name}` : attribute.name;
  if (path.subAttribute === undefined) return { keys, attribute, canonicalPath: attributePath };
  const subAttribute = findSubAttribute(attribute, path.subAttribute, path);
  return { keys, attribute, subAttribute, canonicalPath: `${attributePath}.${subAttribute.name}` };
}

/** Inside `emails[…]`, names are the element's sub-attributes: `type`, `value`. */
function resolveInElement(
  scope: Extract<FilterScope, { kind: 'element' }>,
  path: AttributePath,
): FilterAttribute {
  if (path.schemaUrn !== undefined || path.subAttribute !== undefined) {
    throw invalidFilter(
      `"${formatAttributePath(path)}" is not a sub-attribute of "${scope.parentPath}"; inside "${scope.parentPath}[…]" name its sub-attributes only`,
    );
  }
  const attribute = findSubAttribute(scope.parent, path.attribute, { attribute: scope.parentPath });
  return {
    keys: [attribute.name],
    attribute,
    canonicalPath: `${scope.parentPath}.${attribute.name}`,
  };
}

function findSubAttribute(
  parent: AttributeDefinition,
  name: string,
  parentPath: AttributePath,
): AttributeDefinition {
  const parentName = formatAttributePath({ ...parentPath, subAttribute: undefined });
  if (parent.type !== 'complex') {
    throw invalidFilter(`"${parentName}" is not complex, so it has no sub-attribute "${name}"`);
  }
  const lower = name.toLowerCase();
  // RFC 7643 §2.1: attribute names are case-insensitive.
  const found = parent.subAttributes?.find((candidate) => candidate.name.toLowerCase() === lower);
  if (!found) throw invalidFilter(`Unknown attribute "${parentName}.${name}" in the filter`);
  return found;
}

/**
 * RFC 7643 §7: an attribute that is never returned (a password) must not be probed by filtering
 * either, or its value could be guessed one comparison at a time.
 */
function assertFilterable(target: FilterAttribute, path: AttributePath): void {
  const never = [target.attribute, target.subAttribute].some(
    (definition) => definition?.returned === 'never',
  );
  if (never) throw invalidFilter(`The attribute "${formatAttributePath(path)}" cannot be used in a filter`);
}

/**
 * RFC 7644 §3.4.2.2 compares `emails co "example.com"`: a multi-valued complex attribute compared
 * without a sub-attribute means its `value` sub-attribute (RFC 7643 §2.4 makes `value` the
 * primary field of such attributes).
 */
function implyValueSubAttribute(target: FilterAttribute): FilterAttribute {
  const { attribute } = target;
  if (target.subAttribute || attribute.type !== 'complex' || !attribute.multiValued) return target;
  const value = attribute.subAttributes?.find((candidate) => candidate.name === 'value');
  if (!value) return target;
  return { ...target, subAttribute: value, canonicalPath: `${target.canonicalPath}.value` };
}

function isSchemasAttribute(path: AttributePath): boolean {
  return (
    path.schemaUrn === undefined &&
    path.subAttribute === undefined &&
    path.attribute.toLowerCase() === SCHEMAS_ATTRIBUTE.name
  );
}
