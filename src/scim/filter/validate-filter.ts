import { ScimError } from '../errors/scim-error';
import { AttributeDefinition, AttributeType } from '../schema/attribute-definition';
import { ResourceSchema } from '../schema/resource-schema';
import { CompareNode, CompareOperator, FilterNode, ValuePathNode } from './ast';
import { assertNever } from '../../common/assert-never';
import { canonicalDateTime, parseDateTime } from './date-time';
import { FilterAttribute, FilterScope, leafDefinition, resolveFilterAttribute } from './filter-attribute';
import { formatFilterValue } from './format-filter';
import { ResolvedFilter } from './resolved-filter';

/**
 * Resolves every path of a filter against a resource type and type-checks every comparison.
 * Call it once per request; `matchesFilter` and `compileFilterSql` call it for you.
 *
 * @throws ScimError 400 `invalidFilter` for an unknown attribute, one never returned (RFC 7643
 * §7), a sub-attribute of a simple attribute, a value filter on an attribute that is not
 * multi-valued and complex, or an operator or value the attribute's type does not admit
 * (RFC 7644 §3.4.2.2).
 */
export function validateFilter(node: FilterNode, schema: ResourceSchema): ResolvedFilter {
  return resolveNode(node, { kind: 'resource', schema });
}

/**
 * The same, for the filter inside a value path (`type eq "work"` of `emails[type eq "work"]`),
 * whose paths name sub-attributes of `attribute`. The PATCH engine uses it for its path filters.
 *
 * @param parentPath how messages name the attribute; defaults to its name.
 */
export function validateValueFilter(
  node: FilterNode,
  attribute: AttributeDefinition,
  parentPath: string = attribute.name,
): ResolvedFilter {
  assertValuePathTarget(attribute, parentPath);
  return resolveNode(node, { kind: 'element', parent: attribute, parentPath });
}

const invalidFilter = (detail: string) => ScimError.badRequest('invalidFilter', detail);

function resolveNode(node: FilterNode, scope: FilterScope): ResolvedFilter {
  switch (node.kind) {
    case 'compare':
      return resolveCompare(node, scope);
    case 'present':
      return { kind: 'present', target: resolveFilterAttribute(scope, node.path, 'present') };
    case 'and':
    case 'or':
      return { kind: node.kind, left: resolveNode(node.left, scope), right: resolveNode(node.right, scope) };
    case 'not':
      return { kind: 'not', operand: resolveNode(node.operand, scope) };
    case 'valuePath':
      return resolveValuePath(node, scope);
    default:
      return assertNever(node);
  }
}

/** valuePath = attrPath "[" valFilter "]" */
function resolveValuePath(node: ValuePathNode, scope: FilterScope): ResolvedFilter {
  if (scope.kind === 'element') {
    // RFC 7644 errata 4690: valFilter cannot hold another valuePath.
    throw invalidFilter(`A value filter cannot contain another value filter ("${scope.parentPath}[…]")`);
  }
  const target = resolveFilterAttribute(scope, node.path, 'valuePath');
  if (target.subAttribute) assertValuePathTarget(target.subAttribute, target.canonicalPath);
  assertValuePathTarget(target.attribute, target.canonicalPath);
  const elementScope: FilterScope = {
    kind: 'element',
    parent: target.attribute,
    parentPath: target.canonicalPath,
  };
  return { kind: 'valuePath', target, filter: resolveNode(node.filter, elementScope) };
}

function assertValuePathTarget(attribute: AttributeDefinition, path: string): void {
  if (attribute.type !== 'complex' || !attribute.multiValued) {
    throw invalidFilter(
      `"${path}" is not a multi-valued complex attribute, so it cannot take a value filter`,
    );
  }
}

/**
 * attrExp = attrPath SP compareOp SP compValue. `null` is only meaningful as "absent": RFC 7644
 * §3.4.2.2 treats null and unassigned alike, so `eq null` is `not pr` and `ne null` is `pr`.
 */
function resolveCompare(node: CompareNode, scope: FilterScope): ResolvedFilter {
  const target = resolveFilterAttribute(scope, node.path, 'compare');
  const { operator, value } = node;
  if (value === null) {
    if (operator === 'eq') return { kind: 'not', operand: { kind: 'present', target } };
    if (operator === 'ne') return { kind: 'present', target };
    throw invalidFilter(
      `Only "eq" and "ne" can compare "${target.canonicalPath}" with null, not "${operator}"`,
    );
  }
  const definition = leafDefinition(target);
  assertOperatorApplies(target, definition.type, operator);
  return { kind: 'compare', target, operator, value: checkValue(target, definition.type, value) };
}

/**
 * RFC 7644 §3.4.2.2: "gt", "ge", "lt", "le" on boolean or binary attributes SHALL be a 400
 * invalidFilter; "co", "sw", "ew" are defined for strings; a complex attribute has no value.
 */
const OPERATORS_BY_TYPE: Readonly<Record<AttributeType, readonly CompareOperator[]>> = {
  string: ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'],
  reference: ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'],
  binary: ['eq', 'ne', 'co', 'sw', 'ew'],
  boolean: ['eq', 'ne'],
  dateTime: ['eq', 'ne', 'gt', 'ge', 'lt', 'le'],
  integer: ['eq', 'ne', 'gt', 'ge', 'lt', 'le'],
  decimal: ['eq', 'ne', 'gt', 'ge', 'lt', 'le'],
  complex: [],
};

function assertOperatorApplies(
  target: FilterAttribute,
  type: AttributeType,
  operator: CompareOperator,
): void {
  if (type === 'complex') {
    throw invalidFilter(
      `"${target.canonicalPath}" is complex; compare one of its sub-attributes, e.g. "${target.canonicalPath}.${target.attribute.subAttributes?.[0]?.name ?? 'value'}"`,
    );
  }
  if (!OPERATORS_BY_TYPE[type].includes(operator)) {
    throw invalidFilter(
      `The operator "${operator}" does not apply to the ${type} attribute "${target.canonicalPath}"`,
    );
  }
}

/** Checks that the literal has the attribute's type; dateTimes come back as canonical UTC text. */
function checkValue(
  target: FilterAttribute,
  type: AttributeType,
  value: string | number | boolean,
): string | number | boolean {
  const mismatch = (expected: string) =>
    invalidFilter(
      `"${target.canonicalPath}" is a ${type} attribute; compare it with ${expected}, not ${formatFilterValue(value)}`,
    );
  switch (type) {
    case 'string':
    case 'reference':
    case 'binary':
      if (typeof value !== 'string') throw mismatch('a quoted string');
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw mismatch('true or false');
      return value;
    case 'integer':
    case 'decimal':
      if (typeof value !== 'number') throw mismatch('a number');
      return value;
    case 'dateTime':
      return checkDateTime(value, mismatch);
    case 'complex':
      throw mismatch('nothing');
    default:
      return assertNever(type);
  }
}

function checkDateTime(value: string | number | boolean, mismatch: (expected: string) => ScimError): string {
  const instant = typeof value === 'string' ? parseDateTime(value) : Number.NaN;
  if (Number.isNaN(instant)) throw mismatch('a quoted xsd:dateTime such as "2011-05-13T04:42:34Z"');
  return canonicalDateTime(instant);
}
