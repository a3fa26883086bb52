import { AttributeDefinition } from '../schema/attribute-definition';
import { ResourceSchema } from '../schema/resource-schema';
import { JsonObject, JsonValue, isJsonObject } from '../scim-resource';
import { CompareOperator, FilterNode } from './ast';
import { assertNever } from '../../common/assert-never';
import { parseDateTime } from './date-time';
import { FilterAttribute, leafDefinition } from './filter-attribute';
import { compareCodePoints, foldCase } from './fold-case';
import { ResolvedCompare, ResolvedFilter } from './resolved-filter';
import { validateFilter, validateValueFilter } from './validate-filter';

/**
 * The in-memory back end of the filter language: the oracle the SQL compiler is tested against,
 * and what the PATCH engine matches value paths with. Semantics (RFC 7644 §3.4.2.2):
 *
 * - Attribute names are case-insensitive; values are read from the schema's spelling of the key
 *   first (as stored JSON has it), then from any key that matches case-insensitively.
 * - Strings compare after `foldCase` unless the attribute is `caseExact`; order is by code point.
 * - dateTimes compare as instants (millisecond precision); booleans only by `eq`/`ne`.
 * - A multi-valued attribute matches when any of its values matches.
 * - `pr`: some value is not null, "", [] or {}.
 * - `ne` compares values like the other operators, so an absent attribute (no value) never
 *   matches `ne`, exactly as SQL's `NULL <> x` is not true. `not (title eq "x")` also matches
 *   users without a title.
 */

/** Validates `node` once and returns a predicate over resources of `schema`. */
export function filterPredicate(node: FilterNode, schema: ResourceSchema): (resource: JsonObject) => boolean {
  const resolved = validateFilter(node, schema);
  return (resource) => evaluateFilter(resolved, resource);
}

/** Whether `resource` matches `node`; validates the filter on every call (see `filterPredicate`). */
export function matchesFilter(node: FilterNode, resource: JsonObject, schema: ResourceSchema): boolean {
  return filterPredicate(node, schema)(resource);
}

/**
 * A predicate over the elements of a multi-valued complex attribute, for the filter of a value
 * path (`type eq "work"` in `emails[type eq "work"]`), whose paths name sub-attributes.
 */
export function elementPredicate(
  filter: FilterNode,
  attribute: AttributeDefinition,
): (element: JsonValue) => boolean {
  const resolved = validateValueFilter(filter, attribute);
  return (element) => isJsonObject(element) && evaluateFilter(resolved, element);
}

/** Whether one element of `attribute` (e.g. one email) matches a value filter. */
export function elementMatches(
  filter: FilterNode,
  element: JsonValue,
  attribute: AttributeDefinition,
): boolean {
  return elementPredicate(filter, attribute)(element);
}

/** Evaluates a resolved filter against its scope: a resource, or one element inside a value path. */
export function evaluateFilter(filter: ResolvedFilter, scope: JsonObject): boolean {
  switch (filter.kind) {
    case 'compare':
      return valuesAt(scope, filter.target).some((value) => compareValue(value, filter));
    case 'present':
      return valuesAt(scope, filter.target).some(isPresent);
    case 'and':
      return evaluateFilter(filter.left, scope) && evaluateFilter(filter.right, scope);
    case 'or':
      return evaluateFilter(filter.left, scope) || evaluateFilter(filter.right, scope);
    case 'not':
      return !evaluateFilter(filter.operand, scope);
    case 'valuePath':
      return valuesAt(scope, filter.target).some(
        (element) => isJsonObject(element) && evaluateFilter(filter.filter, element),
      );
    default:
      return assertNever(filter);
  }
}

/**
 * The values a path denotes: none when absent, the array's elements for a multi-valued attribute
 * (nothing if it is not an array), and each element's sub-attribute when one is named.
 */
function valuesAt(scope: JsonObject, target: FilterAttribute): JsonValue[] {
  const value = readPath(scope, target.keys);
  const items = target.attribute.multiValued
    ? Array.isArray(value)
      ? value
      : []
    : value === undefined
      ? []
      : [value];
  const { subAttribute } = target;
  if (!subAttribute) return items;
  return items.flatMap((item) => {
    const member = isJsonObject(item) ? readMember(item, subAttribute.name) : undefined;
    return member === undefined ? [] : [member];
  });
}

function readPath(scope: JsonObject, keys: readonly string[]): JsonValue | undefined {
  let current: JsonValue | undefined = scope;
  for (const key of keys) {
    current = isJsonObject(current) ? readMember(current, key) : undefined;
  }
  return current;
}

/** RFC 7643 §2.1: attribute names are case-insensitive; the schema's spelling is tried first. */
function readMember(object: JsonObject, key: string): JsonValue | undefined {
  if (Object.hasOwn(object, key)) return object[key];
  const lower = key.toLowerCase();
  const found = Object.keys(object).find((candidate) => candidate.toLowerCase() === lower);
  return found === undefined ? undefined : object[found];
}

/** RFC 7644 §3.4.2.2 "pr": "If the attribute has a non-empty value, or if it contains a non-empty node for complex attributes, there is a match." */
export function isPresent(value: JsonValue): boolean {
  if (value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isJsonObject(value)) return Object.keys(value).length > 0;
  return true;
}

function compareValue(actual: JsonValue, filter: ResolvedCompare): boolean {
  const definition = leafDefinition(filter.target);
  const expected = filter.value;
  switch (definition.type) {
    case 'string':
    case 'reference':
    case 'binary':
      return (
        typeof actual === 'string' &&
        typeof expected === 'string' &&
        compareStrings(actual, expected, filter.operator, definition)
      );
    case 'boolean':
      return typeof actual === 'boolean' && applyOrder(filter.operator, actual === expected ? 0 : 1);
    case 'integer':
    case 'decimal':
      return (
        typeof actual === 'number' &&
        typeof expected === 'number' &&
        applyOrder(filter.operator, Math.sign(actual - expected))
      );
    case 'dateTime':
      return (
        typeof actual === 'string' &&
        typeof expected === 'string' &&
        compareInstants(actual, expected, filter.operator)
      );
    case 'complex':
      return false;
    default:
      return assertNever(definition.type);
  }
}

function compareStrings(
  actual: string,
  expected: string,
  operator: CompareOperator,
  definition: AttributeDefinition,
): boolean {
  const left = definition.caseExact ? actual : foldCase(actual);
  const right = definition.caseExact ? expected : foldCase(expected);
  switch (operator) {
    case 'co':
      return left.includes(right);
    case 'sw':
      return left.startsWith(right);
    case 'ew':
      return left.endsWith(right);
    default:
      return applyOrder(operator, compareCodePoints(left, right));
  }
}

function compareInstants(actual: string, expected: string, operator: CompareOperator): boolean {
  const instant = parseDateTime(actual);
  return !Number.isNaN(instant) && applyOrder(operator, Math.sign(instant - Date.parse(expected)));
}

/** Applies an ordering operator to a three-way comparison; substring operators never match here. */
function applyOrder(operator: CompareOperator, order: number): boolean {
  switch (operator) {
    case 'eq':
      return order === 0;
    case 'ne':
      return order !== 0;
    case 'gt':
      return order > 0;
    case 'ge':
      return order >= 0;
    case 'lt':
      return order < 0;
    case 'le':
      return order <= 0;
    case 'co':
    case 'sw':
    case 'ew':
      return false;
    default:
      return assertNever(operator);
  }
}
