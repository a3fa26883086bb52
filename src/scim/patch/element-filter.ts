import { ScimError } from '../errors/scim-error';
import { CompareNode, FilterNode, FilterValue } from '../filter/ast';
import { AttributeDefinition } from '../schema/attribute-definition';
import { JsonObject, JsonValue } from '../scim-resource';
import { findSubAttribute } from './coerce-value';
import { isJsonObject } from './json';
import { assertNever } from './patch-operation';

/**
 * Value filters inside a PATCH path (`emails[type eq "work"]`), applied to the elements of one
 * multi-valued attribute. The filter has been canonicalised by `resolvePatchPath`, so its paths are
 * the schema's sub-attribute names and its literals carry the schema's types.
 */

/** Whether one element of `attribute` satisfies `filter` (RFC 7644 §3.4.2.2 semantics). */
export function matchesElement(
  attribute: AttributeDefinition,
  element: JsonValue,
  filter: FilterNode,
): boolean {
  if (!isJsonObject(element)) return false;
  switch (filter.kind) {
    case 'compare':
      return compare(attribute, element, filter);
    case 'present':
      return isPresent(element[filter.path.attribute]);
    case 'and':
      return (
        matchesElement(attribute, element, filter.left) && matchesElement(attribute, element, filter.right)
      );
    case 'or':
      return (
        matchesElement(attribute, element, filter.left) || matchesElement(attribute, element, filter.right)
      );
    case 'not':
      return !matchesElement(attribute, element, filter.operand);
    case 'valuePath':
      return false; // rejected by resolvePatchPath; nested value filters name no sub-attribute
    default:
      return assertNever(filter);
  }
}

/**
 * The element a filter describes, when it can describe one: `type eq "work"` describes
 * `{type: "work"}`, `type eq "work" and primary eq true` describes `{type: "work", primary: true}`.
 * Only `eq` joined by `and` is constructive; anything else (`or`, `co`, `not`, …) returns undefined.
 * Entra relies on this: its `emails[type eq "work"].value` must create the work email when the
 * user has none (see the "Update User" samples in Microsoft's SCIM tutorial).
 */
export function elementDescribedBy(filter: FilterNode): JsonObject | undefined {
  switch (filter.kind) {
    case 'compare':
      return filter.operator === 'eq' && filter.value !== null
        ? { [filter.path.attribute]: filter.value }
        : undefined;
    case 'and': {
      const left = elementDescribedBy(filter.left);
      const right = elementDescribedBy(filter.right);
      return left === undefined || right === undefined ? undefined : { ...left, ...right };
    }
    case 'present':
    case 'or':
    case 'not':
    case 'valuePath':
      return undefined;
    default:
      return assertNever(filter);
  }
}

function isPresent(value: JsonValue | undefined): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  return !isJsonObject(value) || Object.keys(value).length > 0;
}

/** RFC 7644 §3.4.2.2: string comparisons honour the sub-attribute's `caseExact`. */
function compare(attribute: AttributeDefinition, element: JsonObject, node: CompareNode): boolean {
  const sub = findSubAttribute(attribute, node.path.attribute);
  const actual = element[node.path.attribute];
  if (actual === undefined || actual === null || isJsonObject(actual) || Array.isArray(actual)) {
    return node.operator === 'ne' && node.value !== null;
  }
  const caseExact = sub?.caseExact ?? false;
  const left = normaliseCase(actual, caseExact);
  const right = normaliseCase(node.value, caseExact);
  switch (node.operator) {
    case 'eq':
      return left === right;
    case 'ne':
      return left !== right;
    case 'co':
      return typeof left === 'string' && typeof right === 'string' && left.includes(right);
    case 'sw':
      return typeof left === 'string' && typeof right === 'string' && left.startsWith(right);
    case 'ew':
      return typeof left === 'string' && typeof right === 'string' && left.endsWith(right);
    case 'gt':
    case 'ge':
    case 'lt':
    case 'le':
      return order(node, left, right);
    default:
      return assertNever(node.operator);
  }
}

function order(node: CompareNode, left: FilterValue, right: FilterValue): boolean {
  const comparable =
    (typeof left === 'string' && typeof right === 'string') ||
    (typeof left === 'number' && typeof right === 'number');
  if (!comparable) {
    // RFC 7644 §3.4.2.2: ordering "Boolean and Binary attributes SHALL cause a failed response".
    throw ScimError.badRequest('invalidFilter', `"${node.operator}" needs a string or number on both sides.`);
  }
  switch (node.operator) {
    case 'gt':
      return left > right;
    case 'ge':
      return left >= right;
    case 'lt':
      return left < right;
    default:
      return left <= right;
  }
}

function normaliseCase(value: FilterValue, caseExact: boolean): FilterValue {
  return typeof value === 'string' && !caseExact ? value.toLowerCase() : value;
}
