import { CompareOperator } from './ast';
import { FilterAttribute } from './filter-attribute';

/**
 * A filter whose paths are resolved against a schema and whose comparisons are type-checked:
 * what `validateFilter` returns and what both back ends (`matchesFilter`, `compileFilterSql`)
 * consume, so they cannot disagree about what a path or a value means.
 *
 * `attr eq null` and `attr ne null` are desugared into `not (attr pr)` and `attr pr`, so a
 * comparison's value is never null.
 */
export type ResolvedFilter =
  ResolvedCompare | ResolvedPresent | ResolvedLogical | ResolvedNot | ResolvedValuePath;

/**
 * A comparison; `value` has the type of the attribute: a string for string, reference and binary
 * attributes; for dateTime, the instant as `canonicalDateTime` text; a number; a boolean.
 */
export interface ResolvedCompare {
  readonly kind: 'compare';
  readonly target: FilterAttribute;
  readonly operator: CompareOperator;
  readonly value: string | number | boolean;
}

export interface ResolvedPresent {
  readonly kind: 'present';
  readonly target: FilterAttribute;
}

export interface ResolvedLogical {
  readonly kind: 'and' | 'or';
  readonly left: ResolvedFilter;
  readonly right: ResolvedFilter;
}

export interface ResolvedNot {
  readonly kind: 'not';
  readonly operand: ResolvedFilter;
}

/** `emails[…]`: `filter` is resolved against one element of `target`. */
export interface ResolvedValuePath {
  readonly kind: 'valuePath';
  readonly target: FilterAttribute;
  readonly filter: ResolvedFilter;
}
