import { ScimError } from '../errors/scim-error';
import { AttributeDefinition } from '../schema/attribute-definition';
import { JsonObject, JsonValue, isJsonObject } from '../scim-resource';
import { ComplexPatch, findSubAttribute } from './coerce-value';
import { deepEqualJson, withKey } from './json';

/**
 * Element-level helpers for multi-valued complex attributes (RFC 7643 §2.4): identity, merging,
 * the single-primary rule. All copy-on-write: an element that does not change is returned as is.
 */

export function elementsOf(value: JsonValue | undefined): readonly JsonValue[] {
  return Array.isArray(value) ? value : [];
}

/** Applies a patch to one element or complex value: `null` removes a sub-attribute, anything else sets it. */
export function mergeInto(element: JsonObject, patch: ComplexPatch): JsonObject {
  return Object.entries(patch).reduce<JsonObject>(
    (merged, [name, value]) => withKey(merged, name, value === null ? undefined : value),
    element,
  );
}

/**
 * `type`, `primary` and `display` label a value (RFC 7643 §2.4) but are not one: an element left
 * with nothing else (after `remove emails[type eq "work"].value`, say) is dropped rather than kept
 * as an empty shell, and a new element made only of labels is refused.
 */
const LABELS: ReadonlySet<string> = new Set(['type', 'primary', 'display']);

export function hasData(element: JsonObject): boolean {
  return Object.keys(element).some((name) => !LABELS.has(name));
}

export function assertHasData(attribute: AttributeDefinition, element: JsonObject, label: string): void {
  if (!hasData(element)) {
    throw ScimError.badRequest(
      'invalidValue',
      `"${label}" would add an element of "${attribute.name}" with no value (only ${JSON.stringify(element)}).`,
    );
  }
}

/**
 * Whether `candidate` is a value `existing` already holds: same `value` (honouring `caseExact`)
 * and no conflicting `type` (one side may leave it out, as Entra's role JSON does), or, for
 * attributes without a `value` sub-attribute (addresses), equal elements.
 */
function sameElement(attribute: AttributeDefinition, existing: JsonValue, candidate: JsonObject): boolean {
  if (!isJsonObject(existing)) return false;
  const valueDefinition = findSubAttribute(attribute, 'value');
  if (valueDefinition === undefined || existing['value'] === undefined || candidate['value'] === undefined) {
    return deepEqualJson(existing, candidate);
  }
  const [existingType, candidateType] = [existing['type'], candidate['type']];
  return (
    sameScalar(existing['value'], candidate['value'], valueDefinition.caseExact) &&
    (existingType === undefined ||
      candidateType === undefined ||
      sameScalar(existingType, candidateType, false))
  );
}

/**
 * Whether `existing` is one of the values a client listed for removal: every sub-attribute the
 * client gave matches (Entra's `{"op":"Remove","path":"members","value":[{"value":"id"}]}`).
 */
export function matchesListed(
  attribute: AttributeDefinition,
  existing: JsonValue,
  listed: JsonObject,
): boolean {
  const entries = Object.entries(listed);
  if (!isJsonObject(existing) || entries.length === 0) return false;
  return entries.every(([name, value]) =>
    sameScalar(existing[name] ?? null, value, findSubAttribute(attribute, name)?.caseExact ?? false),
  );
}

/**
 * RFC 7644 §3.5.2.1: "If the target location specifies a multi-valued attribute, a new value is
 * added to the attribute." and "If the target location already contains the value specified, no
 * changes SHOULD be made to the resource". A value already present is merged into its element
 * (which is a no-op when the client sent the same thing), anything else is appended.
 */
export function appendElements(
  attribute: AttributeDefinition,
  current: readonly JsonValue[],
  added: readonly JsonObject[],
): readonly JsonValue[] {
  const next = [...current];
  const touched = new Set<number>();
  for (const element of added) {
    const duplicate = next.findIndex((existing) => sameElement(attribute, existing, element));
    if (duplicate === -1) {
      touched.add(next.push(element) - 1);
      continue;
    }
    const existing = next[duplicate];
    if (isJsonObject(existing)) next[duplicate] = mergeInto(existing, withoutIdentity(existing, element));
    touched.add(duplicate);
  }
  return keepOnePrimary(next, touched);
}

/**
 * What a duplicate adds to the element it duplicates: not its `value` and `type`, which matched
 * (possibly in another case), so the stored spelling stays; only the other sub-attributes.
 */
function withoutIdentity(existing: JsonObject, duplicate: JsonObject): JsonObject {
  return Object.fromEntries(
    Object.entries(duplicate).filter(
      ([name]) => name !== 'value' && !(name === 'type' && existing['type'] !== undefined),
    ),
  );
}

/**
 * RFC 7644 §3.5.2: "a PATCH operation that sets a value's "primary" sub-attribute to "true" SHALL
 * cause the server to automatically set "primary" to "false" for any other values in the array."
 * The last touched element that is primary wins; untouched elements keep what they had unless
 * they must give up `primary`.
 */
export function keepOnePrimary(
  elements: readonly JsonValue[],
  touched: ReadonlySet<number>,
): readonly JsonValue[] {
  const winner = [...touched].sort((a, b) => b - a).find((index) => isPrimary(elements[index]));
  if (winner === undefined) return elements;
  return elements.map((element, index) =>
    index !== winner && isJsonObject(element) && isPrimary(element)
      ? withKey(element, 'primary', false)
      : element,
  );
}

/** Returns `current` when `next` holds the very same elements, so no-ops stay reference-equal. */
export function unlessSame(current: readonly JsonValue[], next: readonly JsonValue[]): readonly JsonValue[] {
  return current.length === next.length && current.every((element, index) => element === next[index])
    ? current
    : next;
}

function isPrimary(element: JsonValue | undefined): boolean {
  return isJsonObject(element) && element['primary'] === true;
}

function sameScalar(a: JsonValue, b: JsonValue, caseExact: boolean): boolean {
  if (typeof a === 'string' && typeof b === 'string' && !caseExact)
    return a.toLowerCase() === b.toLowerCase();
  return deepEqualJson(a, b);
}
