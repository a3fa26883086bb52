import { evaluateFilter, ResolvedFilter } from '../filter';
import { JsonObject, JsonValue, isJsonObject } from '../scim-resource';

import { assertNever } from '../../common/assert-never';

/**
 * Value filters inside a PATCH path (`emails[type eq "work"]`), applied to the elements of one
 * multi-valued attribute. Matching is the filter module's in-memory evaluator, so a PATCH path
 * and a GET filter can never disagree about what `type eq "Work"` matches.
 */

/** Whether one element satisfies the (already resolved) value filter. */
export function matchesElement(filter: ResolvedFilter, element: JsonValue): boolean {
  return isJsonObject(element) && evaluateFilter(filter, element);
}

/**
 * The element a filter describes, when it can describe one: `type eq "work"` describes
 * `{type: "work"}`, `type eq "work" and primary eq true` describes `{type: "work", primary: true}`.
 * Only `eq` joined by `and` is constructive; anything else (`or`, `co`, `not`, `pr`) returns
 * undefined. Entra relies on this: its `emails[type eq "work"].value` must create the work email
 * when the user has none. Names and values come from the resolved filter, so they are the
 * schema's spelling and type.
 */
export function elementDescribedBy(filter: ResolvedFilter): JsonObject | undefined {
  switch (filter.kind) {
    case 'compare':
      return filter.operator === 'eq' ? { [filter.target.attribute.name]: filter.value } : undefined;
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
