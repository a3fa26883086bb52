/** Terse AST builders for spec tables: `and(eq('userName', 'bjensen'), pr('title'))`. */
import { AttributePath, CompareOperator, FilterNode, FilterValue } from '../ast';

const ATTRIBUTE_PATH = /^(?:(urn:.*):)?([^.:]+)(?:\.([^.:]+))?$/i;

/** `'name.familyName'` → `{ attribute: 'name', subAttribute: 'familyName' }`, URN prefixes too. */
export function path(text: string): AttributePath {
  const match = ATTRIBUTE_PATH.exec(text);
  if (!match) throw new Error(`Not an attribute path: ${text}`);
  const [, schemaUrn, attribute, subAttribute] = match as unknown as [
    string,
    string | undefined,
    string,
    string | undefined,
  ];
  return {
    ...(schemaUrn === undefined ? {} : { schemaUrn }),
    attribute,
    ...(subAttribute === undefined ? {} : { subAttribute }),
  };
}

export const compare = (attribute: string, operator: CompareOperator, value: FilterValue): FilterNode => ({
  kind: 'compare',
  path: path(attribute),
  operator,
  value,
});
export const eq = (attribute: string, value: FilterValue) => compare(attribute, 'eq', value);
export const pr = (attribute: string): FilterNode => ({ kind: 'present', path: path(attribute) });
export const and = (left: FilterNode, right: FilterNode): FilterNode => ({ kind: 'and', left, right });
export const or = (left: FilterNode, right: FilterNode): FilterNode => ({ kind: 'or', left, right });
export const not = (operand: FilterNode): FilterNode => ({ kind: 'not', operand });
export const valuePath = (attribute: string, filter: FilterNode): FilterNode => ({
  kind: 'valuePath',
  path: path(attribute),
  filter,
});
