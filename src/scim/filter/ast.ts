/**
 * The SCIM filter AST (RFC 7644 §3.4.2.2). Names are kept as written; resolving them against a
 * resource schema (case-insensitively, with URN prefixes) is a separate step.
 */

/** `[URN ":"] attrName ["." subAttr]` */
export interface AttributePath {
  /** The schema URN prefix as written, if the path was fully qualified. */
  readonly schemaUrn?: string;
  readonly attribute: string;
  readonly subAttribute?: string;
}

export type CompareOperator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

/** RFC 7644 §3.4.2.2 compValue: false / null / true / number / string. */
export type FilterValue = string | number | boolean | null;

export interface CompareNode {
  readonly kind: 'compare';
  readonly path: AttributePath;
  readonly operator: CompareOperator;
  readonly value: FilterValue;
}

export interface PresentNode {
  readonly kind: 'present';
  readonly path: AttributePath;
}

export interface LogicalNode {
  readonly kind: 'and' | 'or';
  readonly left: FilterNode;
  readonly right: FilterNode;
}

export interface NotNode {
  readonly kind: 'not';
  readonly operand: FilterNode;
}

/**
 * `emails[type eq "work"]`: some element of a multi-valued attribute matches `filter`, whose
 * paths name sub-attributes of that element. Entra's `emails[type eq "work"].value eq "x"` is
 * read as `emails[type eq "work" and value eq "x"]`.
 */
export interface ValuePathNode {
  readonly kind: 'valuePath';
  readonly path: AttributePath;
  readonly filter: FilterNode;
}

export type FilterNode = CompareNode | PresentNode | LogicalNode | NotNode | ValuePathNode;

/** RFC 7644 §3.5.2 PATH = attrPath / valuePath [subAttr]: the target of a PATCH operation. */
export interface PatchPath {
  readonly path: AttributePath;
  readonly filter?: FilterNode;
  /** The sub-attribute after a value filter: `emails[type eq "work"].value`. */
  readonly subAttribute?: string;
}
