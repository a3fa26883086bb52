import { UserCondition } from '../../users/users.service';
import { compileFilterSql } from '../filter/compile-filter-sql';
import { SqlDialectName } from '../filter/filter-sql-dialect';
import { parseFilter } from '../filter/parser';
import { userFilterTarget } from '../mapping/user-filter-target';
import { userResourceSchema } from '../schema/resource-schema';

const targets: Record<SqlDialectName, ReturnType<typeof userFilterTarget>> = {
  sqlite: userFilterTarget('sqlite'),
  postgres: userFilterTarget('postgres'),
};

/** A SCIM filter (RFC 7644 §3.4.2.2) as a parameterised condition on the users table. */
export function userFilterCondition(filter: string, dialect: SqlDialectName): UserCondition {
  const { where, parameters } = compileFilterSql(parseFilter(filter), userResourceSchema, targets[dialect]);
  return { sql: where, params: parameters };
}
