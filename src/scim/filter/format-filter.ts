import { AttributePath, FilterNode, FilterValue, PatchPath } from './ast';
import { assertNever } from '../../common/assert-never';

/**
 * Writes a filter AST back as RFC 7644 §3.4.2.2 text: lower-case operators, JSON literals, and
 * parentheses exactly where the tree needs them, so that `parseFilter(formatFilter(ast))` equals
 * `ast`. Entra's `emails[type eq "work"].value eq "x"` comes out in its RFC spelling,
 * `emails[type eq "work" and value eq "x"]`.
 */
export function formatFilter(node: FilterNode): string {
  switch (node.kind) {
    case 'compare':
      return `${formatAttributePath(node.path)} ${node.operator} ${formatFilterValue(node.value)}`;
    case 'present':
      return `${formatAttributePath(node.path)} pr`;
    case 'and':
    case 'or':
      return `${formatOperand(node.left, node, 'left')} ${node.kind} ${formatOperand(node.right, node, 'right')}`;
    case 'not':
      return `not (${formatFilter(node.operand)})`;
    case 'valuePath':
      return `${formatAttributePath(node.path)}[${formatFilter(node.filter)}]`;
    default:
      return assertNever(node);
  }
}

/** PATH = attrPath / valuePath [subAttr] (RFC 7644 §3.5.2) */
export function formatPatchPath(path: PatchPath): string {
  const filter = path.filter === undefined ? '' : `[${formatFilter(path.filter)}]`;
  const subAttribute = path.subAttribute === undefined ? '' : `.${path.subAttribute}`;
  return `${formatAttributePath(path.path)}${filter}${subAttribute}`;
}

/** attrPath = [URI ":"] ATTRNAME *1subAttr */
export function formatAttributePath(path: AttributePath): string {
  const urn = path.schemaUrn === undefined ? '' : `${path.schemaUrn}:`;
  const subAttribute = path.subAttribute === undefined ? '' : `.${path.subAttribute}`;
  return `${urn}${path.attribute}${subAttribute}`;
}

/** compValue = false / null / true / number / string, in JSON (RFC 8259) form. */
export function formatFilterValue(value: FilterValue): string {
  // JSON.stringify(-0) is "0", which would parse back as a different number.
  if (typeof value === 'number' && Object.is(value, -0)) return '-0';
  return JSON.stringify(value);
}

/** RFC 7644 §3.4.2.2 precedence: "or" < "and" < everything else. */
function precedence(node: FilterNode): number {
  switch (node.kind) {
    case 'or':
      return 1;
    case 'and':
      return 2;
    case 'compare':
    case 'present':
    case 'not':
    case 'valuePath':
      return 3;
    default:
      return assertNever(node);
  }
}

/**
 * Parenthesises an operand that would otherwise re-associate: a looser operator on either side,
 * or the same operator on the right, since the parser builds `a and b and c` as `(a and b) and c`.
 */
function formatOperand(operand: FilterNode, parent: FilterNode, side: 'left' | 'right'): string {
  const text = formatFilter(operand);
  const needsParentheses =
    side === 'left' ? precedence(operand) < precedence(parent) : precedence(operand) <= precedence(parent);
  return needsParentheses ? `(${text})` : text;
}
