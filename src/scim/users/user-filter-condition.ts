import { UserCondition } from '../../users/users.service';
import { assertNever } from '../../common/assert-never';
import { FilterNode } from '../filter/ast';
import { compileFilterSql, FilterSqlTarget } from '../filter/compile-filter-sql';
import { parseFilter } from '../filter/parser';
import { userResourceSchema } from '../schema/resource-schema';

/** A SCIM filter (RFC 7644 §3.4.2.2) as a parameterised condition on the users table. */
export function userFilterCondition(filter: string, target: FilterSqlTarget): UserCondition {
  const node = trimIdentityLiterals(parseFilter(filter));
  const { where, parameters } = compileFilterSql(node, userResourceSchema, target);
  return { sql: where, params: parameters };
}

/**
 * userName and the work email are stored trimmed, and a POST that differs only by blanks is a
 * 409. So `eq` on them trims its literal too: the user a 409 names is the user the same query
 * finds, and Entra never retries a conflict it cannot resolve.
 */
function trimIdentityLiterals(node: FilterNode, inEmails = false): FilterNode {
  switch (node.kind) {
    case 'compare': {
      const name = node.path.attribute.toLowerCase();
      const identity =
        (name === 'username' && !inEmails) ||
        (inEmails && name === 'value') ||
        (name === 'emails' && node.path.subAttribute?.toLowerCase() === 'value');
      return identity && node.operator === 'eq' && typeof node.value === 'string'
        ? { ...node, value: node.value.trim() }
        : node;
    }
    case 'present':
      return node;
    case 'and':
    case 'or':
      return {
        ...node,
        left: trimIdentityLiterals(node.left, inEmails),
        right: trimIdentityLiterals(node.right, inEmails),
      };
    case 'not':
      return { ...node, operand: trimIdentityLiterals(node.operand, inEmails) };
    case 'valuePath':
      return {
        ...node,
        filter: trimIdentityLiterals(node.filter, node.path.attribute.toLowerCase() === 'emails'),
      };
    default:
      return assertNever(node);
  }
}
