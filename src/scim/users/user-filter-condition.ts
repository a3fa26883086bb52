import { UserCondition } from '../../users/users.service';
import { canonicalKey } from '../../users/canonical-key';
import { ScimError } from '../errors/scim-error';
import { FilterNode } from '../filter/ast';
import { parseFilter } from '../filter/parser';

/** Interim: the equality filters Entra sends, until the SQL compiler lands. */
export function userFilterCondition(filter: string): UserCondition {
  const node = parseFilter(filter);
  const condition = equality(node);
  if (!condition) throw ScimError.badRequest('invalidFilter', 'This filter is not supported yet.');
  return condition;
}

function equality(node: FilterNode): UserCondition | undefined {
  if (node.kind === 'compare' && node.operator === 'eq' && typeof node.value === 'string') {
    switch (node.path.attribute.toLowerCase()) {
      case 'username':
        return { sql: 'u.user_name_key = :f0', params: { f0: canonicalKey(node.value) } };
      case 'externalid':
        return { sql: 'u.external_id = :f0', params: { f0: node.value } };
      case 'id':
        return { sql: 'u.id = :f0', params: { f0: node.value } };
    }
  }
  if (
    node.kind === 'valuePath' &&
    node.path.attribute.toLowerCase() === 'emails' &&
    node.filter.kind === 'and'
  ) {
    const value = node.filter.right;
    if (value.kind === 'compare' && value.operator === 'eq' && typeof value.value === 'string') {
      return { sql: 'u.email_key = :f0', params: { f0: canonicalKey(value.value) } };
    }
  }
  return undefined;
}
