import { FilterSqlTarget } from '../filter/compile-filter-sql';
import { SqlDialectName } from '../filter/filter-sql-dialect';
import { ENTERPRISE_USER_SCHEMA } from '../schema/schema-urns';

/**
 * Where the filter compiler finds each mapped attribute in the users table (alias `u`): the
 * Bloomflow columns, indexed where Entra looks users up, the server-assigned `id` and `meta`
 * values, and the stored SCIM profile for the rest. Built once per dialect at boot.
 */
export function userFilterTarget(dialect: SqlDialectName, usersUrl: string): FilterSqlTarget {
  // Instants are ISO 8601 text on both databases; PostgreSQL compares them as timestamptz.
  const instant = (column: string) =>
    dialect === 'postgres' ? `CAST("u"."${column}" AS timestamptz)` : `"u"."${column}"`;
  // The users URL is configuration, never input; quoted as an SQL string literal all the same.
  const usersUrlLiteral = `'${usersUrl.replace(/'/g, "''")}/'`;
  return {
    dialect,
    jsonColumn: '"u"."scim_profile"',
    columns: {
      // A text column, so every operator (sw, gt… for hand-made paging by id) reads it.
      id: { kind: 'string', expression: '"u"."id"', fold: 'exact' },
      userName: { kind: 'string', expression: '"u"."user_name_key"', fold: 'canonical' },
      'emails[type eq "work"].value': { kind: 'string', expression: '"u"."email_key"', fold: 'canonical' },
      externalId: { kind: 'string', expression: '"u"."external_id"', fold: 'exact' },
      'name.givenName': { kind: 'string', expression: '"u"."first_name"', fold: 'exact' },
      'name.familyName': { kind: 'string', expression: '"u"."last_name"', fold: 'exact' },
      active: { kind: 'boolean', expression: '"u"."suspended"', negate: true },
      title: { kind: 'string', expression: '"u"."job"', fold: 'exact' },
      'phoneNumbers[type eq "work"].value': { kind: 'string', expression: '"u"."phone"', fold: 'exact' },
      'addresses[type eq "work"].locality': { kind: 'string', expression: '"u"."location"', fold: 'exact' },
      [`${ENTERPRISE_USER_SCHEMA}:department`]: {
        kind: 'string',
        expression: '"u"."business_unit"',
        fold: 'exact',
      },
      'meta.created': { kind: 'dateTime', expression: instant('created_at') },
      'meta.lastModified': { kind: 'dateTime', expression: instant('updated_at') },
      // As toScimUser renders them: W/"<version>" and <users URL>/<id>.
      'meta.version': { kind: 'string', expression: `('W/"' || "u"."version" || '"')`, fold: 'exact' },
      'meta.location': { kind: 'string', expression: `(${usersUrlLiteral} || "u"."id")`, fold: 'exact' },
    },
  };
}
